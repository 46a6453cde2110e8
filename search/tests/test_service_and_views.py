"""The public search through HTTP: JSON API shape, errors, editors' picks, suggestions, the HTML page, and the
Wagtail admin's page search in Chinese."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage
from search.models import SearchPage
from search.service import highlight
from search.tests.corpus import build_corpus, slug_of

pytestmark = pytest.mark.elasticsearch  # also run against a search node (tools/search_node.sh)

RESULT_KEYS = {"type", "title", "url", "snippet", "date", "occupation", "level"}


@pytest.fixture
def corpus(sections):
    return build_corpus(sections)


@pytest.mark.django_db
def test_api_answers_in_the_documented_shape(client, corpus):
    response = client.get("/api/search/", {"q": "养老护理员", "type": "package"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"query", "count", "page", "pages", "results", "facets", "suggestion"}
    assert (data["query"], data["count"], data["page"], data["pages"]) == ("养老护理员", 3, 1, 1)
    assert all(set(result) == RESULT_KEYS for result in data["results"])
    first = data["results"][0]
    assert first["type"] == "package" and first["occupation"] == "4-10-01-05" and first["level"] in (3, 4, 5)
    assert set(data["facets"]) == {"type", "occupation", "level", "year"}
    assert data["facets"]["type"]["package"] == 3 and data["facets"]["type"]["occupation"] == 1
    assert data["facets"]["level"] == {"5": 1, "4": 1, "3": 1}
    assert data["suggestion"] is None


@pytest.mark.django_db
def test_snippets_mark_the_matched_words(client, publish):
    publish("安全提示", "以及跌倒与噎食的风险应对")
    data = client.get("/api/search/", {"q": "噎食"}).json()
    assert data["results"][0]["snippet"] == "以及跌倒与<mark>噎食</mark>的风险应对"
    data = client.get("/api/search/", {"q": "跌倒 噎食"}).json()
    assert data["results"][0]["snippet"] == "以及<mark>跌倒</mark>与<mark>噎食</mark>的风险应对"


def test_snippets_escape_text_and_match_traditional_and_full_width_forms():
    assert str(highlight("<b>養老</b>護理", ["养老"])) == "&lt;b&gt;<mark>養老</mark>&lt;/b&gt;護理"
    assert str(highlight("代码４-10-01-05", ["4-10-01-05"])) == "代码<mark>４-10-01-05</mark>"
    long = "前" * 300 + "养老护理员" + "后" * 300
    snippet = str(highlight(long, ["养老护理员"]))
    assert snippet.startswith("…") and snippet.endswith("…") and "<mark>养老护理员</mark>" in snippet


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "养" * 201}, "q"),
        ({"q": "养老", "type": "news"}, "type"),
        ({"q": "养老", "level": "9"}, "level"),
        ({"q": "养老", "year": "abc"}, "year"),
        ({"q": "养老", "page": "0"}, "page"),
        ({"q": "养老", "sort": "popular"}, "sort"),
    ],
)
def test_bad_input_gets_a_clear_400(client, site_tree, params, field):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["field"] == field and response.json()["error"]


@pytest.mark.django_db
def test_filters_pages_and_sorting(client, corpus):
    data = client.get("/api/search/", {"q": "专项职业能力"}).json()
    assert data["count"] == 6
    data = client.get("/api/search/", {"q": "公示", "type": "result", "year": "２０２１", "sort": "date"}).json()
    assert [slug_of(r["url"]) for r in data["results"]] == ["res-2021-national-gs", "res-sc-selection"]
    data = client.get("/api/search/", {"q": "照护", "tag": "专项职业能力"}).json()
    assert [slug_of(r["url"]) for r in data["results"]] == ["mod-yyezh"]
    second = client.get("/api/search/", {"q": "培训", "page": "2"}).json()
    assert second["page"] == 2 and second["pages"] >= 2 and len(second["results"]) == 10
    assert client.get("/api/search/", {"q": "培训", "page": "99"}).json()["results"] == []


@pytest.mark.django_db
def test_editors_picks_come_first_and_only_when_public(client, corpus):
    query = Query.get("补贴")
    SearchPromotion.objects.create(query=query, page=corpus["camp-12333"], sort_order=0)
    data = client.get("/api/search/", {"q": "补贴"}).json()
    slugs = [slug_of(result["url"]) for result in data["results"]]
    assert slugs[0] == "camp-12333" and slugs.count("camp-12333") == 1
    corpus["camp-12333"].unpublish()
    slugs = [slug_of(r["url"]) for r in client.get("/api/search/", {"q": "补贴"}).json()["results"]]
    assert "camp-12333" not in slugs


@pytest.mark.django_db
def test_suggestions_for_pinyin_and_misspellings(client, corpus):
    assert client.get("/api/search/", {"q": "yanglao"}).json()["suggestion"] == "养老"
    data = client.get("/api/search/", {"q": "护里员"}).json()  # 里 for 理: a homophone slip
    assert data["suggestion"] == "护理员"
    assert client.get("/api/search/", {"q": "护理员"}).json()["suggestion"] is None


@pytest.mark.django_db
def test_completions(client, corpus):
    data = client.get("/api/search/suggest/", {"q": "养老"}).json()
    assert data["query"] == "养老" and 0 < len(data["completions"]) <= 10
    assert all(text.startswith("养老") for text in data["completions"])
    pinyin = client.get("/api/search/suggest/", {"q": "jiazh"}).json()["completions"]
    assert "家政服务员" in pinyin
    assert client.get("/api/search/suggest/", {"q": ""}).status_code == 400


@pytest.mark.django_db
def test_search_page_html(client, corpus, django_assert_max_num_queries):
    client.get("/search/", {"q": "养老护理员"})  # warm the per-process caches (site root paths, vocabulary)
    # 11: the page (7), the match count that picks the engine's path for very common terms, the search, settings
    with django_assert_max_num_queries(11):
        response = client.get("/search/", {"q": "养老护理员", "type": "package"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "养老护理员职业培训包（四级/中级工）" in html and "<mark>养老护理员</mark>" in html
    assert "?q=%E5%85%BB%E8%80%81%E6%8A%A4%E7%90%86%E5%91%98" in html  # the facet link that clears the type
    assert 'aria-current="true"' in html


@pytest.mark.django_db
def test_search_page_empty_states_and_errors(client, site_tree):
    assert "输入关键词" in client.get("/search/").content.decode()
    nothing = client.get("/search/", {"q": "量子计算"}).content.decode()
    assert "没有找到与“量子计算”相关的内容" in nothing
    long = client.get("/search/", {"q": "长" * 201})
    assert long.status_code == 200 and "搜索词太长" in long.content.decode()
    assert "未知的内容类型" in client.get("/search/", {"q": "养老", "type": "x"}).content.decode()


@pytest.mark.django_db
def test_api_query_count_does_not_grow_with_results(client, corpus, django_assert_max_num_queries):
    client.get("/api/search/", {"q": "培训"})
    with django_assert_max_num_queries(6):
        response = client.get("/api/search/", {"q": "培训"})
    assert response.status_code == 200
    assert response.json()["count"] > 1 and response.json()["results"], "the budget is pinned on a real result list"


@pytest.mark.django_db
def test_admin_page_search_finds_chinese_words(admin_client, publish):
    publish("养老护理员职业培训包（四级）", "康复服务")
    publish("家政服务员", "家务料理")
    for query in ["护理员", "培训", "养老护理", "yanglao"]:
        response = admin_client.get("/admin/pages/search/", {"q": query})
        assert response.status_code == 200
        html = response.content.decode()
        assert "养老护理员职业培训包（四级）" in html, query
        assert "家政服务员" not in html, query


@pytest.mark.django_db
def test_page_queryset_search_segments_chinese(publish):
    page = publish("孤残儿童护理员", "儿童福利机构")
    assert list(Page.objects.live().search("护理员")) == [page.page_ptr if hasattr(page, "page_ptr") else page]
    assert list(Page.objects.live().search("！！")) == []


class SearchPageTreeTests(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertCanCreateAt(HomePage, SearchPage)
        self.assertCanNotCreateAt(SearchPage, SearchPage)
        self.assertCanNotCreateAt(Page, SearchPage)
        self.assertAllowedSubpageTypes(SearchPage, {})
        self.assertAllowedParentPageTypes(SearchPage, {HomePage})
