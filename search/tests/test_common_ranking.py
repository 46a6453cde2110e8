"""The ranking of a very common term is stored (search.backends.common_terms), on SQLite and PostgreSQL: the next
search answers from it without ranking the matches again, and any write to the full-text index forgets it, whoever
writes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search.backends.base import SearchRequest
from search.models import CommonTermRanking, SearchDocument
from search.query_analysis import analyse_query
from search.tests.corpus import build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine(sections, monkeypatch):
    from search.backends import common_terms
    from search.engines import embedded_engine

    engine = embedded_engine()
    build_corpus(sections)
    monkeypatch.setattr(common_terms, "COMMON_MATCHES", 3)
    return engine


def test_stored_ranking_is_read_back_and_forgotten_on_any_index_write(engine):
    request = SearchRequest(query=analyse_query("培训"), limit=5)
    with CaptureQueriesContext(connection) as first:
        ranked = engine.search(request)
    assert ranked.ids and CommonTermRanking.objects.count() == 1
    with CaptureQueriesContext(connection) as second:
        again = engine.search(request)
    assert again.ids == ranked.ids
    # the capped count that tells the term is common, then one statement over the stored ranking: nothing ranks
    count, answer = (query["sql"] for query in second.captured_queries)
    assert "LIMIT" in count and "commontermranking" not in count
    assert "commontermranking" in answer and "indexentry" not in answer
    assert not any(word in query["sql"] for word in ("bm25", "ts_rank") for query in second.captured_queries)
    assert len(first) > len(second)

    document = SearchDocument.objects.get(pk=again.ids[-1])
    document.title = "培训培训培训 " + document.title
    document.save()
    engine.index([document])  # a write to the full-text index, through modelsearch's indexer
    assert not CommonTermRanking.objects.exists(), "the trigger forgot the stored ranking"
    assert engine.search(request).ids[0] == document.pk, "re-ranked from the index as it is now"


def test_an_index_write_through_the_orm_forgets_every_stored_ranking(engine):
    engine.search(SearchRequest(query=analyse_query("培训"), limit=5))
    engine.search(SearchRequest(query=analyse_query("养老"), limit=5, mode="or"))
    assert CommonTermRanking.objects.count() >= 1
    engine.delete([SearchDocument.objects.order_by("pk").values_list("pk", flat=True).first()])
    assert not CommonTermRanking.objects.exists()


def test_a_stale_ranking_is_not_read(engine):
    from search.common_ranking import MAX_AGE

    request = SearchRequest(query=analyse_query("培训"), limit=5)
    ranked = engine.search(request)
    CommonTermRanking.objects.update(candidates=[], created=timezone.now() - MAX_AGE)
    assert engine.search(request).ids == ranked.ids, "an expired ranking is ranked again, not read"
    assert CommonTermRanking.objects.get().candidates, "and stored again"


def test_filters_apply_to_the_stored_candidates(engine):
    """Expiry and editors' picks are the live state of the documents, not what was stored with the ranking."""
    request = SearchRequest(query=analyse_query("培训"), limit=5)
    ranked = engine.search(request)
    SearchDocument.objects.filter(pk=ranked.ids[0]).update(expire_at=timezone.now() - timedelta(days=1))
    picked = ranked.ids[1]
    again = engine.search(SearchRequest(query=analyse_query("培训"), limit=5, exclude_ids=(picked,)))
    assert CommonTermRanking.objects.count() == 1, "read from the stored ranking (expiry is no index write)"
    assert ranked.ids[0] not in again.ids and picked not in again.ids
    assert again.ids[:3] == ranked.ids[2:5]


def test_a_process_remembers_whether_a_query_is_common(engine, settings):
    """With SEARCH_COMMON_DECISION_SECONDS the count that picks the path runs once per query and process: a
    repeated common search is one statement, a repeated rare one only the exact path's statement."""
    from search.backends.common_terms import _decisions

    settings.SEARCH_COMMON_DECISION_SECONDS = 300
    _decisions.clear()
    common = SearchRequest(query=analyse_query("培训"), limit=5)
    rare = SearchRequest(query=analyse_query("量子计算"), limit=5)
    try:
        first, _ = engine.search(common), engine.search(rare)
        with CaptureQueriesContext(connection) as repeated:
            again, nothing = engine.search(common), engine.search(rare)
    finally:
        _decisions.clear()
    assert again.ids == first.ids and not nothing.ids and CommonTermRanking.objects.count() == 1
    assert len(repeated) == 2, [query["sql"][:80] for query in repeated.captured_queries]


def test_stored_facet_counts_are_not_used_past_the_first_expiry(engine):
    request = SearchRequest(query=analyse_query("培训"), limit=5)
    soon = engine.search(request).ids[0]
    SearchDocument.objects.filter(pk=soon).update(expire_at=timezone.now() + timedelta(hours=1))
    CommonTermRanking.objects.all().delete()
    stored_total = engine.search(request).total
    assert CommonTermRanking.objects.get().valid_until == SearchDocument.objects.get(pk=soon).expire_at
    # an hour later the document has expired, and the stored counts still hold it: ranked again
    SearchDocument.objects.filter(pk=soon).update(expire_at=timezone.now() - timedelta(seconds=1))
    CommonTermRanking.objects.update(valid_until=timezone.now() - timedelta(seconds=1))
    later = engine.search(request)
    assert later.total == stored_total - 1 and soon not in later.ids
    assert CommonTermRanking.objects.get().valid_until is None
