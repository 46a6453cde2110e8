"""Test helpers for the search engines (a real node when tools/search_node.sh runs the tests)."""

from __future__ import annotations

from search.engines import elasticsearch_engine


def empty_search_node() -> None:
    """Remove every document from the node's index (kept, with its mapping) so a test starts from nothing."""
    engine = elasticsearch_engine()
    if engine is None or not engine.client.indices.exists_alias(name=engine.alias):
        return
    engine.client.delete_by_query(index=engine.alias, query={"match_all": {}}, conflicts="proceed", refresh=True)


def make_visible() -> None:
    """What a test does between a write and the search that must see it at once (publishing itself does not
    wait: the node shows writes near-real-time, within its refresh interval)."""
    engine = elasticsearch_engine()
    if engine is not None and engine.client.indices.exists_alias(name=engine.alias):
        engine.client.indices.refresh(index=engine.alias)
