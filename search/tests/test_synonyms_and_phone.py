"""Issue 14: synonyms as data (edited in the admin, applied at once), question words, leading items, the
phone-first results page and the page's share of the API's rate limit."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from cms.accounts.roles import REVIEWER, SITE_ADMIN, setup_roles
from search import synonyms
from search.models import SynonymGroup
from search.query_analysis import analyse_query
from search.service import highlight
from search.tests.corpus import build_corpus, slug_of


def titles(client, query):
    return [result["title"] for result in client.get("/api/search/", {"q": query}).json()["results"]]


def test_default_groups_are_many_and_well_formed():
    groups = synonyms.default_groups()
    assert len(groups) >= 150
    table = synonyms.SynonymTable.build([[term, *variants] for term, variants in groups])
    assert "母婴护理员" in table.equivalents["月嫂"] and "家政服务员" in table.equivalents["保姆"]
    assert "压疮" in table.equivalents["褥疮"] and "世界技能大赛" in table.equivalents["世赛"]
    assert table.equivalents["压疮"] == ("压疮",), "a preferred term (the pages' word) is searched as it is"


def test_question_words_and_particles_do_not_decide_the_query():
    table = synonyms.SynonymTable.build([["噎食", "噎住"], ["跌倒", "摔倒"], ["老年人", "老人"]])
    query = analyse_query("老人噎住了怎么办", table)
    assert [group.text for group in query.groups] == ["老人", "噎住"]
    assert ("噎食",) in query.groups[1].alternatives and ("老年人",) in query.groups[0].alternatives
    assert [group.text for group in analyse_query("去哪里报名培训吗", table).groups] == ["报名", "培训"]
    assert [group.text for group in analyse_query("怎么办", table).groups] == ["怎么办"], "nothing else: kept"


@pytest.mark.django_db
def test_a_synonym_added_in_the_admin_changes_the_next_search(client, publish, django_user_model):
    """课程审核 adds a group through the snippet admin; the very next search uses it (no reindex)."""
    setup_roles(log=lambda message: None)
    publish("吞咽困难老人的进食照护", "少量多次，坐位进食")
    assert titles(client, "咽不下去") == []
    reviewer = django_user_model.objects.create_user("reviewer", password="pw-for-tests-only")
    reviewer.groups.add(Group.objects.get(name=REVIEWER))
    client.force_login(reviewer)
    response = client.post(
        "/admin/snippets/search/synonymgroup/add/",
        {"term": "吞咽困难", "variants": "咽不下去，吃不下饭", "active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert titles(client, "咽不下去") == ["吞咽困难老人的进食照护"]
    SynonymGroup.objects.get(term="吞咽困难").delete()
    assert titles(client, "咽不下去") == []


@pytest.mark.django_db
def test_reviewers_and_site_admins_may_edit_synonyms_and_designers_may_not(client, site_tree, django_user_model):
    setup_roles(log=lambda message: None)
    for role, allowed in ((REVIEWER, True), (SITE_ADMIN, True), ("课程设计", False)):
        user = django_user_model.objects.create_user(f"u-{role}", password="pw-for-tests-only")
        user.groups.add(Group.objects.get(name=role))
        assert user.has_perm("search.change_synonymgroup") is allowed, role
        assert user.has_perm("search.add_synonymgroup") is allowed, role


@pytest.mark.django_db
def test_occupation_aliases_feed_the_synonyms_and_codes_lead(client, sections):
    pages = build_corpus(sections)
    synonyms.changed()
    assert slug_of(client.get("/api/search/", {"q": "4-10-01-05"}).json()["results"][0]["url"]) == "occ-ylhly"
    first = client.get("/api/search/", {"q": "国办发〔2019〕24号"}).json()["results"][0]
    assert slug_of(first["url"]) == "pol-gbf-2019-24"
    assert pages  # the corpus is in place


def test_snippets_are_cut_at_sentence_ends_around_the_hit():
    text = "第一句讲别的事情。" * 8 + "老年人跌倒后不要急于扶起。先判断伤情，再呼救。" + "最后一句也讲别的。" * 8
    snippet = str(highlight(text, ["跌倒"]))
    assert snippet.startswith("老年人<mark>跌倒</mark>后不要急于扶起。"), snippet
    assert snippet.endswith("。") and "…" not in snippet and len(re.sub("<[^>]+>", "", snippet)) <= 120


@pytest.mark.django_db
def test_results_page_is_phone_first(client, sections):
    build_corpus(sections)
    html = client.get("/search/", {"q": "养老"}).content.decode()
    assert html.index('class="results"') < html.index('<details class="search-filters">')
    assert "<summary>筛选" in html and "排序" in html
    empty = client.get("/search/", {"q": "火箭"}).content.decode()
    assert "没有找到" in empty
    assert "排序" not in empty and "search-filters" not in empty, "no filters or sort offered for nothing"
    assert 'href="tel:12333"' in empty


@pytest.mark.django_db
def test_zero_results_offer_related_occupations_from_the_synonym_groups(client, sections):
    build_corpus(sections)
    SynonymGroup.objects.create(term="育婴员证书挂靠", variants="挂证")  # no page holds either
    html = client.get("/search/", {"q": "挂证"}).content.decode()
    assert "没有找到与“挂证”相关的内容" in html
    related = html.split('class="related-occupations"')[1].split("</ul>")[0]
    assert ">育婴员</a>" in related


@pytest.mark.django_db
def test_search_page_shares_the_apis_rate_limit(client, settings, site_tree):
    """Past the client's budget the HTML page answers 429 with Retry-After, counting API calls too."""
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_RATES = {"search": "3/m"}
    cache.clear()
    address = {"REMOTE_ADDR": "203.0.113.21"}
    answers = [client.get("/search/", {"q": "养老"}, **address).status_code for _ in range(2)]
    answers.append(client.get("/api/search/", {"q": "养老"}, **address).status_code)
    refused = client.get("/search/", {"q": "养老"}, **address)
    assert answers + [refused.status_code] == [200, 200, 200, 429]
    assert int(refused["Retry-After"]) >= 1 and "搜索太频繁" in refused.content.decode()
    assert client.get("/search/", **address).status_code == 200, "the empty search page is not counted"
    assert client.get("/search/", {"q": "养老"}, REMOTE_ADDR="203.0.113.22").status_code == 200
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("filters", [{}, {"type": "occupation"}, {"level": 4}, {"tag": "职业培训包"}])
def test_common_term_path_ranks_like_the_exact_path(sections, monkeypatch, filters):
    """Very common terms are ranked once per index state, then answered from the stored ranking: same page of
    results, total and facets as the exact path (the stored counts of every match; under a tag filter counted on a
    sample, here the whole set, and marked approximate)."""
    from search.backends import common_terms
    from search.backends.base import SearchRequest
    from search.engines import embedded_engine
    from search.models import CommonTermRanking

    engine = embedded_engine()
    build_corpus(sections)
    request = SearchRequest(query=analyse_query("培训"), filters=filters, limit=5)
    exact = engine.search(request)
    monkeypatch.setattr(common_terms, "COMMON_MATCHES", 3)
    fast = engine.search(request)
    assert CommonTermRanking.objects.count() == 1 and not exact.approximate
    assert fast.approximate == ("tag" in filters)
    assert fast.ids == exact.ids and fast.ids
    assert (fast.total, fast.facets) == (exact.total, exact.facets)
    again = engine.search(request)  # from the stored ranking
    assert (again.ids, again.total, again.facets) == (fast.ids, fast.total, fast.facets)
