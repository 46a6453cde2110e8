"""Behaviour only a real search node shows (tools/search_node.sh runs these; skipped without ELASTICSEARCH_URL)."""

import pytest
from django.conf import settings

from search.backends.base import SearchRequest
from search.backends.elasticsearch import ElasticsearchEngine
from search.engines import elasticsearch_engine
from search.models import SearchDocument
from search.query_analysis import analyse_query

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.skipif(not settings.ELASTICSEARCH_URL, reason="ELASTICSEARCH_URL is not set: needs a search node"),
]


@pytest.fixture
def aliases():
    """Engines on extra aliases, removed with their indices and templates afterwards."""
    made = []

    def make(alias):
        engine = ElasticsearchEngine(settings.ELASTICSEARCH_URL, alias)
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.client.indices.delete(index=f"{engine.alias}-*", ignore_unavailable=True)
        engine.client.options(ignore_status=404).indices.delete_index_template(name=engine.alias)


def found(engine, query):
    return engine.search(SearchRequest(query=analyse_query(query))).ids


@pytest.mark.django_db
def test_aliases_that_are_prefixes_of_each_other_both_rebuild(publish, aliases):
    page = publish("养老护理员", "从事老年人生活照料的人员。")
    document = SearchDocument.objects.get(page_id=page.pk)
    short, long = aliases(f"{settings.ELASTICSEARCH_INDEX}-x"), aliases(f"{settings.ELASTICSEARCH_INDEX}-x-main")
    short.rebuild([document], 1)
    long.rebuild([document], 1)
    long.rebuild([document], 1)  # its new index matches both templates' patterns
    short.rebuild([], 0)
    assert found(long, "养老护理员") == [document.pk]
    assert found(short, "养老护理员") == []


@pytest.mark.django_db
def test_a_publish_does_not_wait_for_the_index_refresh(publish):
    """While refreshes are off (as during a bulk load) a write that waited for one would hang until it timed out;
    a publish returns at once and the next refresh shows it."""
    engine = elasticsearch_engine()
    first = publish("养老护理员", "从事老年人生活照料的人员。")
    before = engine.client.indices.get_settings(index=engine.alias, name="index.refresh_interval")
    interval = next(iter(before.values()), {}).get("settings", {}).get("index", {}).get("refresh_interval")
    engine.client.indices.put_settings(index=engine.alias, settings={"refresh_interval": "-1"})
    try:
        second = publish("家政服务员", "从事家务料理的人员。")
        engine.client.indices.refresh(index=engine.alias)
    finally:
        engine.client.indices.put_settings(index=engine.alias, settings={"refresh_interval": interval})
    documents = SearchDocument.objects.filter(page_id__in=[first.pk, second.pk])
    assert engine.client.count(index=engine.alias)["count"] >= 2
    assert set(found(engine, "养老护理员")) | set(found(engine, "家政服务员")) == {doc.pk for doc in documents}
