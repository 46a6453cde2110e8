"""PostgreSQL stores the ranking of a very common term (search.backends.postgres_common): the next search reads it
back (fewer, cheaper statements) and any write to the full-text index forgets it, whoever writes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    if engine.vendor != "postgresql":
        pytest.skip("rankings are stored on PostgreSQL only (SQLite ranks common terms inside FTS5)")
    build_corpus(sections)
    monkeypatch.setattr(common_terms, "COMMON_MATCHES", 3)
    return engine


def test_stored_ranking_is_read_back_and_forgotten_on_any_index_write(engine):
    request = SearchRequest(query=analyse_query("培训"), limit=5)
    with CaptureQueriesContext(connection) as first:
        ranked = engine.search(request)
    assert ranked.approximate and ranked.ids and CommonTermRanking.objects.count() == 1
    with CaptureQueriesContext(connection) as second:
        again = engine.search(request)
    assert again.ids == ranked.ids
    # stored ranking, the page's documents, the facet sample: no statement reads the full-text index
    assert len(second) == 3 and not [q for q in second.captured_queries if "indexentry" in q["sql"]]
    assert len(first) > len(second)

    document = SearchDocument.objects.get(pk=again.ids[-1])
    document.title = "培训培训培训 " + document.title
    document.save()
    engine.index([document])  # a write to the full-text index, through modelsearch's indexer
    assert not CommonTermRanking.objects.exists(), "the trigger forgot the stored ranking"
    assert engine.search(request).ids[0] == document.pk, "re-ranked from the index as it is now"
