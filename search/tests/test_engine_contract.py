"""The contract every engine behind the public search keeps. Runs on the embedded engine always, and on
Elasticsearch when ELASTICSEARCH_URL is set (skipped with the reason otherwise)."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from search.backends.base import SearchRequest
from search.engines import elasticsearch_engine, embedded_engine
from search.models import SearchDocument
from search.query_analysis import analyse_query

pytestmark = pytest.mark.elasticsearch


@pytest.fixture(params=["embedded", "elasticsearch"])
def engine(request):
    if request.param == "elasticsearch":
        if not settings.ELASTICSEARCH_URL:
            pytest.skip("ELASTICSEARCH_URL is not set: the Elasticsearch contract run needs a server")
        return elasticsearch_engine()
    return embedded_engine()


@pytest.fixture
def documents(publish, engine):
    publish(
        "养老护理员",
        "从事老年人生活照料、护理服务工作的人员。",
        document={"type": "occupation", "occupation": "4-10-01-05"},
    )
    publish(
        "养老护理员职业培训包（四级）",
        "康复服务、心理支持模块。",
        document={"type": "package", "occupation": "4-10-01-05", "level": 4, "year": 2021, "tags": ["养老"]},
    )
    publish(
        "家政服务员职业培训包（四级）",
        "家务料理和老年人照护。",
        document={"type": "package", "occupation": "4-10-01-06", "level": 4, "year": 2022, "tags": ["家政"]},
    )
    publish(
        "2021年全国养老护理职业技能大赛",
        "决赛在南京举行。",
        section="competitions",
        document={"type": "competition", "year": 2021, "date": datetime.date(2021, 12, 6)},
    )
    publish(
        "四川省家政服务职业技能竞赛",
        "获奖选手晋升职业技能等级。",
        section="competitions",
        document={"type": "competition", "year": 2022, "date": datetime.date(2022, 8, 20), "tags": ["家政"]},
    )
    if engine.name != "embedded":  # the embedded engine is kept current by the signals; fill the other one
        engine.rebuild(SearchDocument.objects.all(), SearchDocument.objects.count())
    return {doc.title: doc for doc in SearchDocument.objects.all()}


def run(engine, query, **options):
    return engine.search(SearchRequest(query=analyse_query(query), **options))


def titles(response, documents):
    by_id = {doc.pk: doc.title for doc in documents.values()}
    return [by_id[pk] for pk in response.ids]


@pytest.mark.django_db
def test_finds_chinese_words_inside_longer_words(engine, documents):
    found = titles(run(engine, "护理员"), documents)
    assert found[0] == "养老护理员"
    assert set(found) == {"养老护理员", "养老护理员职业培训包（四级）"}
    assert "四川省家政服务职业技能竞赛" in titles(run(engine, "竞赛"), documents)


@pytest.mark.django_db
def test_facets_count_with_the_other_filters_applied(engine, documents):
    response = run(engine, "职业", filters={"type": "package"})
    assert response.total == 2
    # The type facet ignores the type filter; five section pages say 职业 in their intros.
    assert response.facets["type"] == {"package": 2, "competition": 2, "page": 5}
    assert response.facets["occupation"] == {"4-10-01-05": 1, "4-10-01-06": 1}
    assert response.facets["year"] == {2021: 1, 2022: 1}

    response = run(engine, "职业", filters={"type": "package", "year": 2022})
    assert titles(response, documents) == ["家政服务员职业培训包（四级）"]
    assert response.facets["type"] == {"package": 1, "competition": 1}
    assert response.facets["year"] == {2021: 1, 2022: 1}


@pytest.mark.django_db
def test_tag_filter_sort_by_date_and_exclusions(engine, documents):
    response = run(engine, "家政", filters={"tag": "家政"})
    assert set(titles(response, documents)) == {"家政服务员职业培训包（四级）", "四川省家政服务职业技能竞赛"}
    response = run(engine, "职业技能", sort="date", filters={"type": "competition"})
    assert titles(response, documents) == ["四川省家政服务职业技能竞赛", "2021年全国养老护理职业技能大赛"]
    pick = documents["养老护理员"].pk
    assert pick not in run(engine, "养老", exclude_ids=(pick,)).ids


@pytest.mark.django_db
def test_pagination_is_stable(engine, documents):
    first = run(engine, "职业", limit=2).ids
    second = run(engine, "职业", offset=2, limit=2).ids
    assert len(first) == 2 and len(second) == 2 and not set(first) & set(second)


@pytest.mark.django_db
def test_expired_documents_are_never_returned(engine, documents):
    SearchDocument.objects.filter(title="养老护理员").update(expire_at=timezone.now() - datetime.timedelta(days=1))
    if engine.name != "embedded":
        engine.rebuild(SearchDocument.objects.all(), SearchDocument.objects.count())
    assert "养老护理员" not in titles(run(engine, "养老护理员"), documents)


@pytest.mark.django_db
def test_delete_and_rebuild(engine, documents):
    target = documents["养老护理员"]
    engine.delete([target.pk])
    engine.refresh()  # a write is visible within the refresh interval; this test looks at once
    assert target.pk not in run(engine, "养老护理员").ids
    engine.rebuild(SearchDocument.objects.all(), SearchDocument.objects.count())
    assert target.pk in run(engine, "养老护理员").ids
    assert engine.status()["in_sync"]


@pytest.mark.django_db
def test_completions_by_chinese_and_pinyin_prefix(engine, documents):
    assert any(text.startswith("养老护理员") for text in engine.complete("养老", 10))
    assert any("养老" in text for text in engine.complete("yangl", 10))
    assert any("家政" in text for text in engine.complete("jiaz", 10))
    assert len(engine.complete("养", 3)) <= 3


@pytest.mark.django_db
def test_completions_start_with_what_was_typed_and_offer_bare_words_first(engine, documents):
    offered = engine.complete("养老", 10)
    assert offered and all(text.startswith("养老") for text in offered)
    assert offered[0] == "养老"  # the bare word (a tag and a title word) before the titles that hold it
    assert "养老护理员" in offered and "养老护理员职业培训包（四级）" in offered
    assert "2021年全国养老护理职业技能大赛" not in offered  # holds 养老, does not start with it
    assert engine.complete("yanglao", 10)[0] == "养老"
    assert all(text.startswith("家政") for text in engine.complete("jiaz", 10))


@pytest.mark.django_db
def test_full_width_code_finds_the_occupation_first(engine, documents, publish):
    """A code query: the occupation page comes before a short module page that carries the same code."""
    publish(
        "康复服务（养老护理员课程模块）",
        "康乐活动组织、功能锻炼和康复辅助器具使用。",
        document={"type": "module", "occupation": "4-10-01-05", "codes": ["YLHL-M03"]},
    )
    if engine.name != "embedded":
        engine.rebuild(SearchDocument.objects.all(), SearchDocument.objects.count())
    documents = {doc.title: doc for doc in SearchDocument.objects.all()}
    for query in ("４-10-01-05", "4-10-01-05"):
        found = titles(run(engine, query), documents)
        assert found[0] == "养老护理员", (query, found)
        assert "家政服务员职业培训包（四级）" not in found
