"""The index follows the page tree: publish, drafts, privacy, unpublish, move, delete, expiry; documents are
checked against the contract with errors that name the page and the key."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from search import indexing, service
from search.models import SearchDocument
from search.tests.factories import make_visible

pytestmark = pytest.mark.elasticsearch  # also run against a search node (tools/search_node.sh)


def found(query, **params):
    make_visible()  # these tests search right after their writes
    return [result["title"] for result in service.search(service.parse_params({"q": query, **params})).results]


@pytest.mark.django_db
def test_published_pages_are_indexed_with_the_fallback_document(publish):
    page = publish("培训机构目录", "纳入属地培训机构目录清单管理的康养培训机构。")
    document = SearchDocument.objects.get(page=page)
    assert (document.type, document.url, document.key) == ("page", "/curricula/" + page.slug + "/", f"page:{page.pk}")
    assert "培训机构目录" in found("培训机构")


@pytest.mark.django_db
def test_home_and_search_pages_are_never_indexed(site_tree):
    home, sections = site_tree
    indexing.rebuild()
    indexed = set(SearchDocument.objects.values_list("page_id", flat=True))
    assert home.pk not in indexed and sections["search"].pk not in indexed
    assert sections["curricula"].pk in indexed


@pytest.mark.django_db
def test_drafts_never_appear(sections):
    draft = Page(title="养老护理员草稿页面", slug="draft", live=False)
    sections["curricula"].add_child(instance=draft)
    draft.save_revision()
    indexing.rebuild()
    assert not SearchDocument.objects.filter(page=draft).exists()
    assert "养老护理员草稿页面" not in found("养老护理员草稿页面")


@pytest.mark.django_db
def test_unpublished_pages_leave_the_index(publish):
    page = publish("家政服务员职业培训包", "家务料理")
    assert found("家政服务员") == ["家政服务员职业培训包"]
    page.unpublish()
    assert found("家政服务员") == []


@pytest.mark.django_db
def test_private_pages_and_their_subtrees_never_appear(publish):
    parent = publish("内部资料", "仅限工作人员")
    child = publish("养老护理员内部培训安排", "内部", parent=parent)
    assert found("内部培训安排") == ["养老护理员内部培训安排"]
    restriction = PageViewRestriction.objects.create(page=parent, restriction_type="login")
    assert "养老护理员内部培训安排" not in found("内部培训安排")
    assert not SearchDocument.objects.filter(page__in=[parent, child]).exists()
    restriction.delete()
    assert found("内部培训安排") == ["养老护理员内部培训安排"]


@pytest.mark.django_db
def test_moves_update_urls(publish, sections):
    page = publish("三八妇女节巾帼家政宣传", "妇联宣传", section="curricula")
    page.move(sections["policy"], pos="last-child")
    assert SearchDocument.objects.get(page=page).url == f"/policy/{page.slug}/"


@pytest.mark.django_db
def test_deleted_pages_leave_the_index_and_the_full_text_tables(publish):
    from wagtail.search.models import IndexEntry

    page = publish("呼吸治疗师", "新职业")
    document_id = SearchDocument.objects.get(page=page).pk
    page.delete()
    assert not SearchDocument.objects.filter(pk=document_id).exists()
    assert not IndexEntry.objects.filter(object_id=str(document_id), content_type__model="searchdocument").exists()
    assert found("呼吸治疗师") == []


@pytest.mark.django_db
def test_expired_pages_and_campaigns_never_appear(publish):
    page = publish("2020年康养培训宣传周", "已结束的宣传活动")
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(hours=1))
    indexing.index_page(Page.objects.get(pk=page.pk))
    assert "2020年康养培训宣传周" not in found("宣传周")
    campaign = publish("2019年宣传月活动", "宣传", document={"type": "campaign", "expires": datetime.date(2020, 1, 1)})
    assert SearchDocument.objects.get(page=campaign).expire_at.year == 2020
    assert "2019年宣传月活动" not in found("宣传月")


@pytest.mark.django_db
def test_extra_documents_and_unchanged_content_is_not_rewritten(publish):
    page = publish("成都市康养服务技能竞赛", "团体赛", section="competitions")
    indexing.index_page(page, {"type": "competition", "title": page.title, "year": 2022})
    before = SearchDocument.objects.get(page=page).indexed_at
    indexing.index_page(page, {"type": "competition", "title": page.title, "year": 2022})
    assert SearchDocument.objects.get(page=page).indexed_at == before
    summary = indexing.rebuild(full=False)
    assert summary.unchanged >= 1


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"type": "news", "title": "x"}, "'type' must be one of"),
        ({"type": "module", "title": ""}, "'title' is required"),
        ({"type": "module", "title": "x", "level": 7}, "'level' must be between 1 and 5"),
        ({"type": "module", "title": "x", "year": "二〇二一"}, "'year' must be a whole number"),
        ({"type": "module", "title": "x", "tags": "养老"}, "'tags' must be a list"),
        ({"type": "module", "title": "x", "date": "2021/06/16"}, "'date' must be a date"),
        ({"type": "module", "title": "x", "colour": "red"}, "unknown keys ['colour']"),
    ],
)
def test_contract_errors_name_the_key(document, message):
    with pytest.raises(indexing.DocumentError, match=message.replace("[", r"\[").replace("]", r"\]")):
        indexing.clean_document(document, "page 1")


def test_clean_document_normalises_values():
    cleaned = indexing.clean_document(
        {"type": "module", "title": "生活照护", "text": "<p>饮食照护</p>", "occupation": "养老护理员", "level": "5"},
        "page 1",
    )
    assert (cleaned["text"], cleaned["occupation"], cleaned["level"]) == ("饮食照护", "4-10-01-05", 5)


@pytest.mark.django_db
def test_rebuild_reports_contract_errors_and_goes_on(publish):
    good = publish("健康管理师", "健康咨询")
    bad = publish("老年人能力评估师", "评估")

    def document_for(page):
        if page.pk == bad.pk:
            return {"type": "unknown", "title": page.title}
        return None

    summary = indexing.rebuild(document_for=document_for)
    assert len(summary.errors) == 1 and f"page {bad.pk}" in summary.errors[0]
    assert SearchDocument.objects.filter(page=good).exists()
