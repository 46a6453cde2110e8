"""The public search service: one behaviour behind the HTML page (/search/) and the JSON API (/api/search/),
whatever engine answers. Parameters are checked here, editors' picks come first, snippets and suggestions are
built here from the database rows, so every engine gives the same answer for the same index."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import synonyms
from .analysis import normalise, normalise_with_offsets
from .backends.base import FACETS, SearchRequest
from .documents import MAX_QUERY_LENGTH, PAGE_SIZE, SearchDocument
from .engines import query_engine
from .leaders import RERANK_WINDOW, leading_documents, title_first
from .query_analysis import AnalysedQuery, analyse_query
from .suggest import vocabulary
from .vocabulary import DocumentType, SortOrder, level_label, occupation_label, type_label

SNIPPET_LENGTH = 120
MAX_PAGE = 1000
COMPLETION_LIMIT = 10


class SearchError(ValueError):
    """Bad search input: the message is shown to the visitor, `field` names the parameter."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass
class SearchParams:
    q: str
    type: str = ""
    occupation: str = ""
    level: int | None = None
    year: int | None = None
    tag: str = ""
    page: int = 1
    sort: str = SortOrder.RELEVANCE

    @property
    def filters(self) -> dict:
        values = {"type": self.type, "occupation": self.occupation, "level": self.level, "year": self.year}
        values["tag"] = self.tag
        return {name: value for name, value in values.items() if value not in (None, "")}


@dataclass
class SearchOutcome:
    params: SearchParams
    query: AnalysedQuery
    results: list[dict]
    count: int
    pages: int
    facets: dict[str, dict]
    suggestion: str | None
    picks: int = 0
    mode: str = "and"
    engine: str = ""
    approximate: bool = False  # count and facets are estimates (a very common term)
    extra: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "query": self.params.q,
            "count": self.count,
            "page": self.params.page,
            "pages": self.pages,
            "results": [
                {
                    "type": result["type"],
                    "title": result["title"],
                    "url": result["url"],
                    "snippet": str(result["snippet"]),
                    "date": result["date"].isoformat() if result["date"] else None,
                    "occupation": result["occupation"] or None,
                    "level": result["level"],
                }
                for result in self.results
            ],
            "facets": {
                name: {str(value): count for value, count in values.items()} for name, values in self.facets.items()
            },
            "suggestion": self.suggestion,
        }


# --- parameters ----------------------------------------------------------------------------------------------


def _int_param(data, name, low, high, message):
    raw = (data.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = int(normalise(raw))
    except ValueError:
        raise SearchError(name, message) from None
    if not low <= value <= high:
        raise SearchError(name, message)
    return value


def parse_params(data) -> SearchParams:
    """Check the query string parameters; raise SearchError naming the first bad one."""
    q = " ".join((data.get("q") or "").split())
    if not q:
        raise SearchError("q", _("请输入搜索词。"))
    if len(q) > MAX_QUERY_LENGTH:
        raise SearchError("q", _("搜索词太长：最多 %(max)s 个字符。") % {"max": MAX_QUERY_LENGTH})
    kind = (data.get("type") or "").strip()
    if kind and kind not in DocumentType.values:
        raise SearchError("type", _("未知的内容类型：%(value)s。") % {"value": kind})
    sort = (data.get("sort") or SortOrder.RELEVANCE).strip()
    if sort not in SortOrder.values:
        raise SearchError("sort", _("排序只能是 relevance（相关度）或 date（日期）。"))
    tag = (data.get("tag") or "").strip()
    occupation = (data.get("occupation") or "").strip()
    if len(tag) > 100 or len(occupation) > 100:
        raise SearchError("tag" if len(tag) > 100 else "occupation", _("筛选值太长。"))
    return SearchParams(
        q=q,
        type=kind,
        occupation=normalise(occupation) if occupation else "",
        level=_int_param(data, "level", 1, 5, _("等级必须是 1 到 5 的整数。")),
        year=_int_param(data, "year", 1900, 2100, _("年份必须是四位数的年份。")),
        tag=tag,
        page=_int_param(data, "page", 1, MAX_PAGE, _("页码必须是 1 到 %(max)s 的整数。") % {"max": MAX_PAGE}) or 1,
        sort=sort,
    )


# --- snippets ------------------------------------------------------------------------------------------------


def _spans(normalised: str, terms: list[str]) -> list[tuple[int, int]]:
    spans = []
    for term in terms:
        if not term:
            continue
        for match in re.finditer(re.escape(term), normalised):
            spans.append((match.start(), match.end()))
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


SENTENCE_ENDS = "。！？!?；;"


def _sentence_window(text: str, first: int, last: int, length: int) -> tuple[int, int]:
    """Start and end of the excerpt: from the start of the sentence holding the first hit to the end of a sentence
    within `length` characters, so a snippet reads as sentences rather than fields run together. A sentence too
    long for the window is cut around the hit instead."""
    start = max((text.rfind(mark, 0, first) for mark in SENTENCE_ENDS), default=-1) + 1
    while start < first and text[start] == " ":
        start += 1
    if first - start > length // 2:
        start = max(0, first - length // 4)
    limit = min(len(text), start + length)
    ends = [index for index in (text.rfind(mark, last, limit) for mark in SENTENCE_ENDS) if index >= 0]
    end = max(ends) + 1 if ends and limit < len(text) else limit
    return start, end


def highlight(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """An escaped excerpt of `text` around the first matched term, cut at sentence ends, matched words wrapped in
    <mark>. Matching is done on normalised characters (full-width, case, traditional), the visitor sees the
    original text."""
    text = " ".join(text.split())
    if not text:
        return mark_safe("")  # noqa: S308  (empty)
    normalised, offsets = normalise_with_offsets(text)
    spans = [(offsets[start], offsets[end - 1] + 1) for start, end in _spans(normalised, terms)]
    first, last = (spans[0][0], spans[0][1]) if spans else (0, 0)
    start, end = _sentence_window(text, first, last, length)
    pieces = ["…" if start > 0 and text[start - 1] not in SENTENCE_ENDS else ""]
    position = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces.append(escape(text[position:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    pieces.append("…" if end < len(text) and text[end - 1] not in SENTENCE_ENDS else "")
    return mark_safe("".join(pieces))  # noqa: S308  (every piece of text is escaped above)


def highlight_terms(query: AnalysedQuery) -> list[str]:
    """What to mark in snippets: the query's words and codes, and for a pinyin query the Chinese words it spells."""
    terms = list(query.highlight)
    if query.is_pinyin:
        words = vocabulary().by_pinyin
        for group in query.groups:
            terms += words.get(group.text, [])
    return sorted(set(terms), key=len, reverse=True)


# --- searching -----------------------------------------------------------------------------------------------


# Dates that mean something to a visitor (a document's issue date, a competition's, a campaign's); catalogue pages
# (occupations, packages, modules) only carry the date they were last imported or published: not shown.
DATED_TYPES = frozenset({"policy", "explainer", "campaign", "competition", "result"})


def _result(document: SearchDocument, terms: list[str], pick: bool = False, fallback: str = "") -> dict:
    snippet = highlight(document.text or document.title, terms)
    if fallback and "<mark>" not in snippet:
        snippet = mark_safe(fallback)  # noqa: S308  (the engine escaped the text: Elasticsearch's html encoder)
    return {
        "id": document.pk,
        "type": document.type,
        "type_label": type_label(document.type),
        "title": document.title,
        "url": document.url,
        "snippet": snippet,
        "date": document.date if document.type in DATED_TYPES else None,
        "occupation": document.occupation,
        "occupation_label": occupation_label(document.occupation),
        "level": document.level,
        "level_label": level_label(document.level) if document.level else "",
        "year": document.year,
        "pick": pick,
    }


PROMOTED_CACHE_KEY = "search:promoted-queries"


def promoted_queries() -> frozenset[str]:
    """Query strings that have editors' picks, cached (cleared when promotions change, else after 5 minutes), so
    that a search without picks costs no query for them."""
    from django.core.cache import cache
    from wagtail.contrib.search_promotions.models import SearchPromotion

    queries = cache.get(PROMOTED_CACHE_KEY)
    if queries is None:
        queries = frozenset(
            SearchPromotion.objects.filter(page__isnull=False).values_list("query__query_string", flat=True)
        )
        cache.set(PROMOTED_CACHE_KEY, queries, 300)
    return queries


def _picks(params: SearchParams) -> list[SearchDocument]:
    """Editors' picks (Wagtail search promotions) for this query: only pages that are indexed (so live, public,
    not expired) and that match the filters."""
    from django.db.models import Q
    from django.utils import timezone
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    query_string = normalise_query_string(params.q)
    if params.page != 1 or query_string not in promoted_queries():
        return []
    promotions = SearchPromotion.objects.filter(query__query_string=query_string, page__isnull=False).order_by(
        "sort_order"
    )
    page_ids = list(promotions.values_list("page_id", flat=True))
    if not page_ids:
        return []
    documents = SearchDocument.objects.filter(key__in=[f"page:{page_id}" for page_id in page_ids]).filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
    )
    for name, value in params.filters.items():
        lookup = {"tags__contains": f"|{value}|"} if name == "tag" else {name: value}
        documents = documents.filter(**lookup)
    by_page = {document.page_id: document for document in documents}
    return [by_page[page_id] for page_id in page_ids if page_id in by_page]


def _leaders(params: SearchParams, query: AnalysedQuery, table, picks) -> list[SearchDocument]:
    """The item a code or document number names, or the occupation the query names (see search.leaders)."""
    if params.page != 1 or params.sort != SortOrder.RELEVANCE:
        return []
    shown = {document.pk for document in picks}
    return [document for document in leading_documents(query, params.filters, table) if document.pk not in shown]


def search(params: SearchParams, engine=None) -> SearchOutcome:
    engine = engine or query_engine()
    table = synonyms.current()
    query = analyse_query(params.q, table)
    picks = _picks(params)
    leaders = _leaders(params, query, table, picks)
    request = SearchRequest(
        query=query,
        filters=params.filters,
        sort=params.sort,
        offset=(params.page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
        exclude_ids=tuple(document.pk for document in picks + leaders),
    )
    # The first pages come from a window of results re-ordered so that title and alias matches lead.
    window = params.sort == SortOrder.RELEVANCE and params.page * PAGE_SIZE <= RERANK_WINDOW
    if window:
        request.offset, request.limit = 0, RERANK_WINDOW
    response = engine.search(request)
    if response.total == 0 and len(query.groups) > 1:
        request.mode = "or"  # no document holds every word: rank those holding some of them
        response = engine.search(request)
    documents = response.documents if response.documents is not None else SearchDocument.objects.in_bulk(response.ids)
    stale = [pk for pk in response.ids if pk not in documents]
    if stale:  # in the engine, gone from the database (a missed delete): never shown, never counted
        response.total = max(0, response.total - len(stale))
        response.ids = [pk for pk in response.ids if pk in documents]
    if window:
        start = (params.page - 1) * PAGE_SIZE
        response.ids = title_first(query, response.ids, documents)[start : start + PAGE_SIZE]
    terms = highlight_terms(query)
    results = [_result(document, terms, pick=True) for document in picks]
    results += [_result(document, terms) for document in leaders]
    first = len(picks) + len(leaders)
    for pk in response.ids:
        if pk in documents:
            results.append(_result(documents[pk], terms, fallback=response.highlights.get(pk, "")))
    suggestion = None
    if query.is_pinyin or not response.total + first:  # only then is there anything to suggest
        suggestion = vocabulary().correct(query, response.total + first)
    if suggestion and normalise(suggestion) == query.normalised:
        suggestion = None
    return SearchOutcome(
        params=params,
        query=query,
        results=results,
        count=response.total + first,
        pages=max(1, math.ceil(response.total / PAGE_SIZE)),
        facets=response.facets,
        suggestion=suggestion,
        picks=first,  # editors' picks and leading items: shown before the engine's results
        mode=request.mode,
        engine=engine.name,
        approximate=response.approximate,
    )


def complete(prefix: str, engine=None) -> list[str]:
    prefix = " ".join((prefix or "").split())
    if not prefix:
        raise SearchError("q", _("请输入要补全的词。"))
    if len(prefix) > MAX_QUERY_LENGTH:
        raise SearchError("q", _("搜索词太长：最多 %(max)s 个字符。") % {"max": MAX_QUERY_LENGTH})
    return (engine or query_engine()).complete(prefix, COMPLETION_LIMIT)


# --- the HTML page -------------------------------------------------------------------------------------------


def _link(data, **changes) -> str:
    query = data.copy()
    if "page" not in changes:
        query.pop("page", None)  # a new filter or sort starts again on page 1
    for name, value in changes.items():
        if value in (None, "") or (name == "page" and value == 1):
            query.pop(name, None)
        else:
            query[name] = value
    return "?" + query.urlencode()


def facet_links(data, outcome: SearchOutcome) -> list[dict]:
    """Facet groups for the template: each value links to the same search with that filter set (or cleared)."""
    labels = {
        "type": (_("类型"), type_label),
        "occupation": (_("职业"), occupation_label),
        "level": (_("等级"), level_label),
        "year": (_("年份"), str),
    }
    groups = []
    for name in FACETS:
        values = outcome.facets.get(name) or {}
        if not values:
            continue
        current = data.get(name, "")
        title, label = labels[name]
        items = [
            {
                "label": label(value),
                "count": count,
                "active": str(value) == current,
                "url": _link(data, **{name: "" if str(value) == current else value}),
            }
            for value, count in values.items()
        ]
        groups.append({"name": name, "title": title, "items": items, "clear": _link(data, **{name: ""})})
    return groups


def _bigrams(text: str) -> set[str]:
    return {text[index : index + 2] for index in range(len(text) - 1)}


def related_occupations(query: AnalysedQuery, limit: int = 4) -> list[dict]:
    """For a search that found nothing: occupations whose names or synonym terms share words with the query (or
    with its synonyms), best overlap first, as links."""
    table = synonyms.current()
    words = {group.text for group in query.groups}
    for word in list(words):
        words.update(table.equivalents.get(word, ()))
    wanted = set().union(*(_bigrams(word) for word in words)) if words else set()
    names: dict[str, set[str]] = {}
    for term, reference in table.occupations.items():
        names.setdefault(reference, set()).add(term)
    occupations = SearchDocument.objects.filter(type="occupation").only("title", "url", "occupation")
    scored = []
    for document in occupations:
        terms = {normalise(document.title), *names.get(document.occupation, ())}
        score = max(len(_bigrams(term) & wanted) for term in terms)
        if score:
            scored.append((-score, document.title, document))
    return [{"title": document.title, "url": document.url} for _, _, document in sorted(scored)[:limit]]


def search_page_context(request, page) -> dict:
    data = request.GET
    context = {"query": " ".join((data.get("q") or "").split())}
    if not data.get("q", "").strip():
        return context
    try:
        params = parse_params(data)
    except SearchError as exc:
        context["error"] = exc.message
        return context
    outcome = search(params)
    context.update(
        outcome=outcome,
        results=outcome.results,
        facet_groups=facet_links(data, outcome),
        sort_links={
            "relevance": _link(data, sort=""),
            "date": _link(data, sort=SortOrder.DATE),
        },
        suggestion_url=_link(data, q=outcome.suggestion) if outcome.suggestion else "",
        related=related_occupations(outcome.query) if not outcome.count else [],
        # The shared pager (cms/includes/pagination.html) reads a Django page; a range costs no query.
        page_obj=Paginator(range(outcome.count - outcome.picks), PAGE_SIZE).get_page(params.page),
    )
    return context
