"""Which engines serve the public search: the embedded one always indexes (it is also the fallback), and
Elasticsearch answers queries when ELASTICSEARCH_URL is set."""

from __future__ import annotations

import functools

from django.conf import settings


@functools.cache
def embedded_engine():
    from .backends.embedded import EmbeddedEngine

    return EmbeddedEngine()


@functools.cache
def _elasticsearch_engine(url: str, index: str):
    from .backends.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine(url, index)


def elasticsearch_engine():
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return None
    return _elasticsearch_engine(url, getattr(settings, "ELASTICSEARCH_INDEX", "kangyang-search"))


def query_engine():
    return elasticsearch_engine() or embedded_engine()


def index_engines():
    engines = [embedded_engine()]
    elastic = elasticsearch_engine()
    if elastic is not None:
        engines.append(elastic)
    return engines
