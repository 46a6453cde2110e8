"""The Elasticsearch engine (used when ELASTICSEARCH_URL is set), written with elasticsearch-dsl.

Documents carry the same pre-segmented tokens as the embedded engine (whitespace analyzer: search.analysis did
the work), plus the raw title and text under the built-in `cjk` analyzer for extra recall and highlighting.
Completions come from the vocabulary both engines share (BaseEngine.complete): a completion suggester offers one
entry per document, so it could not offer a word many documents hold, nor several words of one title. Facets
come from a FacetedSearch (each facet counted with the other filters applied). A rebuild fills a new index and
then moves the alias: searches never see a gap.

Writes do not wait for a refresh: the index refreshes every REFRESH_INTERVAL (near-real-time, so a publish is
visible within it), a rebuild refreshes explicitly before the alias moves, and `refresh()` is there for the
rare caller that must read its own write at once.
"""

from __future__ import annotations

import logging
import time

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.dsl import (
    Date,
    Document,
    FacetedSearch,
    Index,
    Integer,
    Keyword,
    Q,
    Search,
    TermsFacet,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.dsl.faceted_search import FacetedResponse

from search.analysis import index_text
from search.documents import SearchDocument
from search.synonyms import elasticsearch_rules

from .base import FACETS, TYPE_BOOST, BaseEngine, SearchRequest, SearchResponse
from .query_syntax import AND

logger = logging.getLogger(__name__)

TITLE_BOOST = 4
BATCH_SIZE = 500
SYNONYM_ANALYZER = "token_synonyms"


def synonym_analyzer(rules: list[str]):
    """The search analyzer of the token fields: whitespace tokens through a `synonym_graph` filter holding the
    同义词 groups (search.synonyms). Queries are expanded by search.analysis as well, so an admin edit works before
    the next rebuild carries it into the mapping."""
    if not rules:
        return analyzer(SYNONYM_ANALYZER, tokenizer="whitespace")
    synonyms = token_filter("kangyang_synonyms", type="synonym_graph", synonyms=rules, lenient=True)
    return analyzer(SYNONYM_ANALYZER, tokenizer="whitespace", filter=[synonyms])


REFRESH_INTERVAL = "500ms"  # publish-to-visible stays under a second without any write waiting for it


class SearchDoc(Document):
    """The mapping: `title`/`body` hold search.analysis tokens; `*_raw` hold the original text."""

    type = Keyword()
    title = Text(analyzer="whitespace", search_analyzer=SYNONYM_ANALYZER)
    body = Text(analyzer="whitespace", search_analyzer=SYNONYM_ANALYZER)
    title_raw = Text(analyzer="cjk")
    text_raw = Text(analyzer="cjk", index_options="offsets")
    url = Keyword(index=False)
    date = Date()
    occupation = Keyword()
    level = Integer()
    year = Integer()
    tags = Keyword()
    expire_at = Date()


def index_for(name: str, synonym_rules: list[str] | None = None) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, refresh_interval=REFRESH_INTERVAL)
    index.analyzer(synonym_analyzer(elasticsearch_rules() if synonym_rules is None else synonym_rules))
    index.document(SearchDoc)
    return index


def source(document) -> dict:
    """The Elasticsearch source of a SearchDocument row."""
    return {
        "type": document.type,
        "title": index_text(document.title, pinyin=True),
        "body": f"{index_text(document.keywords(), pinyin=True)} {index_text(document.text)}",
        "title_raw": document.title,
        "text_raw": document.text,
        "url": document.url,
        "date": document.date.isoformat() if document.date else None,
        "occupation": document.occupation or None,
        "level": document.level,
        "year": document.year,
        "tags": document.tag_list,
        "expire_at": document.expire_at.isoformat() if document.expire_at else None,
    }


def text_query(request: SearchRequest):
    """Groups of alternatives of tokens, as in query_syntax, on the token fields; raw-text cjk matches add score
    (and, when the AND query found nothing, recall)."""

    def token(value):
        return Q("multi_match", query=value, fields=[f"title^{TITLE_BOOST}", "body"])

    def every(tokens):
        return token(tokens[0]) if len(tokens) == 1 else Q("bool", must=[token(t) for t in tokens])

    groups = []
    for group in request.query.groups:
        alternatives = [every(alternative) for alternative in group.alternatives]
        if len(alternatives) == 1:
            groups.append(alternatives[0])
        else:
            groups.append(Q("bool", should=alternatives, minimum_should_match=1))
    raw = [
        Q("match", title_raw={"query": request.query.normalised, "boost": 2}),
        Q("match", text_raw={"query": request.query.normalised}),
    ]
    if request.mode == AND:
        return Q("bool", must=groups, should=raw)
    return Q("bool", should=groups + raw, minimum_should_match=1)


def ranked(query):
    """The embedded engine's static rank: a text score times the document type's boost (base.TYPE_BOOST)."""
    functions = [{"filter": {"term": {"type": kind}}, "weight": boost} for kind, boost in TYPE_BOOST.items()]
    return Q("function_score", query=query, functions=functions, score_mode="first", boost_mode="multiply")


class DocumentSearch(FacetedSearch):
    facets = {name: TermsFacet(field=name, size=100) for name in FACETS}

    def __init__(self, client, alias: str, request: SearchRequest):
        self.using, self.index, self.request = client, alias, request
        sort = []
        if request.sort == "date":
            sort = [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
        filters = {name: request.filters[name] for name in FACETS if request.filters.get(name) not in (None, "")}
        super().__init__(query=request.query, filters=filters, sort=sort)

    def search(self):
        search = Search(using=self.using, index=self.index).response_class(FacetedResponse)
        not_expired = [~Q("exists", field="expire_at"), Q("range", expire_at={"gt": "now"})]
        search = search.filter(Q("bool", should=not_expired, minimum_should_match=1))
        if self.request.filters.get("tag"):
            search = search.filter("term", tags=self.request.filters["tag"])
        if self.request.exclude_ids:
            search = search.exclude("ids", values=[str(pk) for pk in self.request.exclude_ids])
        return search.extra(track_total_hits=True).source(False)

    def query(self, search, query):
        return search.query(ranked(text_query(self.request)))

    def highlight(self, search):
        return search.highlight("text_raw", fragment_size=120, number_of_fragments=1).highlight_options(
            pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html"
        )

    def build_search(self):
        return self.highlight(super().build_search())


class ElasticsearchEngine(BaseEngine):
    name = "elasticsearch"

    def __init__(self, url: str, alias: str):
        self.url = url
        self.alias = alias
        self.client = Elasticsearch(url, request_timeout=10)

    # --- definitions (checked by tests without a server) -----------------------------------------------------

    def index_body(self, synonym_rules: list[str] | None = None) -> dict:
        return index_for(self.alias, synonym_rules).to_dict()

    def template_body(self, synonym_rules: list[str] | None = None) -> dict:
        """The template of this alias's indices. Its priority is the alias length: when one alias is a prefix of
        another (`kangyang-search`, `kangyang-search-main`), both patterns match the longer one's indices and
        the more specific template must win (equal priorities are refused)."""
        index = index_for(self.alias, synonym_rules)
        template = index.as_composable_template(self.alias, f"{self.alias}-*", priority=len(self.alias))
        return template.to_dict()

    def build_search(self, request: SearchRequest):
        return DocumentSearch(self.client, self.alias, request)[request.offset : request.offset + request.limit]

    def alias_actions(self, new_index: str, old_indices: list[str]) -> list[dict]:
        actions = [{"remove": {"index": old, "alias": self.alias}} for old in old_indices]
        return [*actions, {"add": {"index": new_index, "alias": self.alias}}]

    def bulk_actions(self, documents, index: str | None = None):
        for document in documents:
            yield {
                "_op_type": "index",
                "_index": index or self.alias,
                "_id": str(document.pk),
                "_source": source(document),
            }

    # --- indexing --------------------------------------------------------------------------------------------

    def _aliased_indices(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def ensure_index(self) -> None:
        if self._aliased_indices():
            return
        self.rebuild([], 0)

    def index(self, documents) -> None:
        documents = list(documents)
        if not documents:
            return
        try:
            self.ensure_index()
            helpers.bulk(self.client, self.bulk_actions(documents), chunk_size=BATCH_SIZE)
        except (TransportError, ApiError, helpers.BulkIndexError):
            # A node that is down must not stop an editor from publishing; `rebuild_search_index` catches up.
            logger.exception("Elasticsearch: could not index %s documents", len(documents))

    def delete(self, ids) -> None:
        """Remove documents. A node that misses this (down, unreachable) keeps them until the next rebuild; the
        search service never shows or counts a hit without its database row."""
        ids = list(ids)
        if not ids:
            return
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": str(pk)} for pk in ids)
        try:
            if self._aliased_indices():
                helpers.bulk(self.client, actions, ignore_status=(404,))  # already gone is fine
        except (TransportError, ApiError, helpers.BulkIndexError):
            logger.exception("Elasticsearch: could not delete documents %s", ids[:20])

    def refresh(self) -> None:
        if self._aliased_indices():
            self.client.indices.refresh(index=self.alias)

    def rebuild(self, documents, total: int, progress=None) -> None:
        """Fill a new index, then swap the alias to it in one atomic action and drop the old indices."""
        template = self.template_body()
        self.client.indices.put_index_template(name=self.alias, **template)
        new_index = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 1_000_000:06d}"
        body = self.index_body()
        body["settings"]["refresh_interval"] = "-1"  # no refreshes while filling: one at the end
        self.client.indices.create(index=new_index, **body)
        done = 0
        for ok, _ in helpers.streaming_bulk(
            self.client, self.bulk_actions(documents, new_index), chunk_size=BATCH_SIZE, raise_on_error=True
        ):
            done += ok
            if progress and (done % BATCH_SIZE == 0 or done == total):
                progress("index", done, total)
        self.client.indices.put_settings(index=new_index, settings={"refresh_interval": REFRESH_INTERVAL})
        self.client.indices.refresh(index=new_index)
        old = self._aliased_indices()
        if not old and self.client.indices.exists(index=self.alias):
            self.client.indices.delete(index=self.alias)  # a plain index squatting on the alias name
        self.client.indices.update_aliases(actions=self.alias_actions(new_index, old))
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)

    def status(self) -> dict:
        indices = self._aliased_indices()
        indexed = self.client.count(index=self.alias)["count"] if indices else 0
        documents = SearchDocument.objects.count()
        return {
            "engine": f"{self.name} ({self.url}, alias {self.alias} -> {', '.join(indices) or 'none'})",
            "documents": documents,
            "indexed": indexed,
            "in_sync": documents == indexed,
        }

    # --- querying --------------------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        if not request.query:
            return SearchResponse(ids=[], total=0, facets={name: {} for name in FACETS})
        response = self.build_search(request).execute()
        facets = {name: {key: count for key, count, _ in getattr(response.facets, name)} for name in FACETS}
        for name in FACETS:
            facets[name] = {key: count for key, count in facets[name].items() if key not in (None, "")}
        ids = [int(hit.meta.id) for hit in response]
        highlights = {
            int(hit.meta.id): hit.meta.highlight.text_raw[0]
            for hit in response
            if "highlight" in hit.meta and "text_raw" in hit.meta.highlight
        }
        return SearchResponse(ids=ids, total=response.hits.total.value, facets=facets, highlights=highlights)
