"""Keep SearchDocument rows (and the engines' indexes) equal to what the public may see.

A page's documents come from its `search_document()` (the contract every content app implements) plus
`extra_search_documents()` (e.g. competition results), or, for any other page type, from its title, intro and
search description (type "page"). Only live pages without view restrictions are indexed; the home page and the
search page never are. Rows carry a digest, so re-indexing unchanged content writes nothing.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from .analysis import ANALYSIS_VERSION
from .documents import SearchDocument
from .engines import index_engines
from .vocabulary import DocumentType, occupation_code

logger = logging.getLogger(__name__)

EXCLUDED_PAGE_TYPES = ("cms.homepage", "search.searchpage")
MAX_TEXT_LENGTH = 50_000
DOCUMENT_KEYS = {"type", "title", "text", "date", "occupation", "level", "year", "tags", "codes", "url", "expires"}
BATCH_SIZE = 500


class DocumentError(ValueError):
    """A search document that breaks the contract; the message names the page and the key."""


# --- documents -----------------------------------------------------------------------------------------------


def _as_date(value, where):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as exc:
        raise DocumentError(f"{where}: 'date' must be a date or YYYY-MM-DD, got {value!r}") from exc


def _as_int(value, name, low, high, where):
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise DocumentError(f"{where}: '{name}' must be a whole number, got {value!r}") from exc
    if not low <= number <= high:
        raise DocumentError(f"{where}: '{name}' must be between {low} and {high}, got {number}")
    return number


def _as_strings(value, name, where):
    if value in (None, ""):
        return []
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        raise DocumentError(f"{where}: '{name}' must be a list of strings, got {value!r}")
    return [str(item).replace("|", " ").strip() for item in value if str(item).strip()]


def clean_document(document: dict, where: str) -> dict:
    """Check a document against the contract and normalise its values; raise DocumentError naming the key."""
    if not isinstance(document, dict):
        raise DocumentError(f"{where}: the search document must be a dict, got {type(document).__name__}")
    unknown = set(document) - DOCUMENT_KEYS
    if unknown:
        raise DocumentError(f"{where}: unknown keys {sorted(unknown)}")
    kind = document.get("type")
    if kind not in DocumentType.values:
        raise DocumentError(f"{where}: 'type' must be one of {', '.join(DocumentType.values)}, got {kind!r}")
    title = str(document.get("title") or "").strip()
    if not title:
        raise DocumentError(f"{where}: 'title' is required")
    text = str(document.get("text") or "")
    if "<" in text:
        text = strip_tags(text)
    expires = document.get("expires")
    if expires is not None and not isinstance(expires, datetime.datetime):
        expires_date = _as_date(expires, where)
        expires = timezone.make_aware(datetime.datetime.combine(expires_date, datetime.time.max))
    return {
        "type": str(kind),
        "title": title[:255],
        "text": text[:MAX_TEXT_LENGTH],
        "date": _as_date(document.get("date"), where),
        "occupation": occupation_code(document.get("occupation"))[:100],
        "level": _as_int(document.get("level"), "level", 1, 5, where),
        "year": _as_int(document.get("year"), "year", 1900, 2100, where),
        "tags": _as_strings(document.get("tags"), "tags", where),
        "codes": _as_strings(document.get("codes"), "codes", where),
        "url": str(document.get("url") or ""),
        "expires": expires,
    }


def fallback_document(page) -> dict:
    """For page types without search_document(): title, intro and search description."""
    parts = [getattr(page, "intro", "") or "", page.search_description or ""]
    published = page.last_published_at or page.first_published_at
    return {
        "type": DocumentType.PAGE.value,
        "title": page.title,
        "text": "\n".join(part for part in parts if part),
        "date": timezone.localtime(published).date() if published else None,
    }


@functools.cache
def _serve_prefix() -> str:
    from django.urls import reverse

    return reverse("wagtail_serve", args=("",))


def page_url(page) -> str:
    """The page's URL as Page.get_url() gives it without a request, computed from its url_path and the cached
    site roots: get_url() reverses a URL for every page, the slowest part of a rebuild. Page types that change
    their own URLs keep their get_url()."""
    if type(page).get_url_parts is not Page.get_url_parts:
        return page.get_url() or page.url_path
    roots = page._get_site_root_paths()
    for root in roots:
        if page.url_path.startswith(root.root_path):
            path = _serve_prefix() + page.url_path[len(root.root_path) :]
            return path if len(roots) == 1 else root.root_url + path
    return page.get_url() or page.url_path


def _earliest(*moments):
    moments = [moment for moment in moments if moment]
    return min(moments) if moments else None


def page_rows(page, document: dict | None = None) -> list[tuple[str, dict]]:
    """(key, SearchDocument fields) for a page: its main document and any extra ones."""
    where = f"page {page.pk} ({type(page).__name__} “{page.title}”)"
    if document is None:
        document = page.search_document() if hasattr(page, "search_document") else fallback_document(page)
    url = page_url(page)
    documents = [("", clean_document(document, where))]
    if hasattr(page, "extra_search_documents"):
        for number, extra in enumerate(page.extra_search_documents() or [], start=1):
            cleaned = clean_document(extra, f"{where}, extra document {number}")
            if not cleaned["url"]:
                raise DocumentError(f"{where}, extra document {number}: 'url' is required")
            documents.append((f":extra:{number}", cleaned))
    rows = []
    for suffix, cleaned in documents:
        fields = {
            "page_id": page.pk,
            "type": cleaned["type"],
            "title": cleaned["title"],
            "url": (cleaned["url"] or url)[:500],
            "text": cleaned["text"],
            "date": cleaned["date"],
            "occupation": cleaned["occupation"],
            "level": cleaned["level"],
            "year": cleaned["year"],
            "tags": "|" + "|".join(cleaned["tags"]) + "|" if cleaned["tags"] else "",
            "codes": " ".join(cleaned["codes"]),
            "expire_at": _earliest(page.expire_at, cleaned["expires"]),
        }
        fields["digest"] = hashlib.sha1(  # noqa: S324  (a change detector, not security)
            json.dumps([ANALYSIS_VERSION, fields], sort_keys=True, default=str).encode()
        ).hexdigest()
        rows.append((f"page:{page.pk}{suffix}", fields))
    return rows


# --- which pages ---------------------------------------------------------------------------------------------


def _excluded(page) -> bool:
    model = page.specific_class
    return page.depth <= 1 or model is None or model._meta.label_lower in EXCLUDED_PAGE_TYPES


def searchable_pages():
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    labels = Q(pk__in=[])
    for label in EXCLUDED_PAGE_TYPES:
        app_label, model = label.split(".")
        labels |= Q(app_label=app_label, model=model)
    excluded = ContentType.objects.filter(labels).values_list("pk", flat=True)
    return Page.objects.live().public().filter(depth__gt=1).exclude(content_type_id__in=excluded).order_by("path")


def is_searchable(page) -> bool:
    return page.live and not _excluded(page) and not page.get_view_restrictions().exists()


# --- writing -------------------------------------------------------------------------------------------------


def _engines():
    return index_engines()


def _apply(rows: list[tuple[str, dict]], existing: dict[str, SearchDocument]) -> list[SearchDocument]:
    changed = []
    for key, fields in rows:
        document = existing.pop(key, None)
        if document is not None and document.digest == fields["digest"]:
            continue
        if document is None:
            document = SearchDocument(key=key)
        for name, value in fields.items():
            setattr(document, name, value)
        document.save()
        changed.append(document)
    return changed


def index_page(page, document: dict | None = None) -> list[SearchDocument]:
    """Index one page (with an explicit main document if given, else its own); drop it if it is not public."""
    page = page.specific
    if not is_searchable(page):
        remove_page(page.pk)
        return []
    rows = page_rows(page, document)
    with transaction.atomic():
        existing = {doc.key: doc for doc in SearchDocument.objects.filter(page_id=page.pk)}
        changed = _apply(rows, existing)
        stale = [doc.pk for doc in existing.values()]
        if stale:
            SearchDocument.objects.filter(pk__in=stale).delete()
        for engine in _engines():
            if changed:
                engine.index(changed)
    return list(SearchDocument.objects.filter(page_id=page.pk).order_by("key"))


def remove_page(page_id: int) -> int:
    """Drop a page's documents (the post_delete handler removes them from the engines)."""
    deleted, _ = SearchDocument.objects.filter(page_id=page_id).delete()
    return deleted


def reindex_subtree(page) -> int:
    """After a move or a privacy change: every page below (and including) `page` is indexed again."""
    count = 0
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific().iterator(chunk_size=200):
        try:
            index_page(descendant)
        except DocumentError:
            logger.exception("Search: could not index page %s", descendant.pk)
        count += 1
    return count


# --- rebuilding ----------------------------------------------------------------------------------------------


@dataclass
class RebuildSummary:
    pages: int = 0
    documents: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    indexed: int = 0
    per_type: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    index_seconds: float = 0.0

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def rebuild(progress=None, document_for=None, full: bool = True, pages=None) -> RebuildSummary:
    """Bring every document up to date. `full` re-analyses and re-indexes every document in every engine (an
    Elasticsearch index is rebuilt beside the old one and swapped in); otherwise only changed rows are indexed.
    `document_for(page)` may supply main documents (the benchmark uses it); `progress(stage, done, total)`."""
    started = time.monotonic()
    summary = RebuildSummary()
    pages = searchable_pages() if pages is None else pages
    total = pages.count()
    existing = {key: (pk, digest) for key, pk, digest in SearchDocument.objects.values_list("key", "id", "digest")}
    seen: set[str] = set()
    to_create: list[SearchDocument] = []
    to_update: list[SearchDocument] = []
    now = timezone.now()
    with transaction.atomic():
        for number, page in enumerate(pages.specific().iterator(chunk_size=BATCH_SIZE), start=1):
            try:
                rows = page_rows(page, document_for(page) if document_for else None)
            except DocumentError as exc:
                summary.errors.append(str(exc))
                continue
            summary.pages += 1
            for key, fields in rows:
                seen.add(key)
                summary.per_type[fields["type"]] += 1
                known = existing.get(key)
                if known and known[1] == fields["digest"]:
                    summary.unchanged += 1
                    continue
                document = SearchDocument(key=key, indexed_at=now, **fields)
                if known:
                    document.pk = known[0]
                    to_update.append(document)
                else:
                    to_create.append(document)
            if progress and (number % 100 == 0 or number == total):
                progress("collect", number, total)
        for start in range(0, len(to_create), BATCH_SIZE):
            SearchDocument.objects.bulk_create(to_create[start : start + BATCH_SIZE])
        update_fields = [f.name for f in SearchDocument._meta.concrete_fields if f.name not in ("id", "key")]
        for start in range(0, len(to_update), BATCH_SIZE):
            SearchDocument.objects.bulk_update(to_update[start : start + BATCH_SIZE], update_fields)
        stale = [pk for key, (pk, _) in existing.items() if key not in seen]
        for engine in _engines():
            engine.delete(stale)
        for start in range(0, len(stale), BATCH_SIZE):
            SearchDocument.objects.filter(pk__in=stale[start : start + BATCH_SIZE])._raw_delete(
                using=SearchDocument.objects.db
            )
        summary.created, summary.updated, summary.deleted = len(to_create), len(to_update), len(stale)
        summary.documents = len(seen)

        index_started = time.monotonic()
        for engine in _engines():
            if full or not engine.status()["in_sync"]:
                documents = SearchDocument.objects.order_by("pk").iterator(chunk_size=BATCH_SIZE)
                engine.rebuild(documents, summary.documents, progress)
                summary.indexed = summary.documents
            else:
                changed = to_create + to_update
                engine.index(changed)
                summary.indexed = len(changed)
        summary.index_seconds = time.monotonic() - index_started
    summary.seconds = time.monotonic() - started
    return summary
