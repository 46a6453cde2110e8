"""Page URLs without a `reverse()` per link: Wagtail's `get_url_parts` answer, built from one memoised prefix.

Why: a listing links to tens of pages and Wagtail reverses the `wagtail_serve` pattern for each link (about a tenth
of a light page's CPU, issue 19). The pattern is a fixed prefix followed by the page's path below the site root,
percent-encoded as `reverse()` does, so the prefix is reversed once per script prefix and the rest is string work.
Anything this does not cover exactly (wagtail i18n, a page in several sites, a path the pattern would refuse) goes
to Wagtail's own method.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from wagtail.models import Page

# wagtail.urls serves `^((?:[\w\-]+/)*)$`; Django's reverse() quotes the result leaving RFC 3986 pchars as they are.
SERVE_PATH = re.compile(r"(?:[\w\-]+/)*")
SAFE = "!$&'()*+,;=" + "/~:@"

_prefixes: dict[tuple, str | None] = {}


def serve_prefix() -> str | None:
    """What `reverse("wagtail_serve", args=("",))` gives under the current script prefix and URLconf (None if not
    routable)."""
    key = (get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if key not in _prefixes:
        try:
            _prefixes[key] = reverse("wagtail_serve", args=("",))
        except NoReverseMatch:
            _prefixes[key] = None
    return _prefixes[key]


def fast_url_parts(page, request=None):
    """(site_id, root_url, page_path) as Wagtail's `Page.get_url_parts` gives them, or NotImplemented when this page
    needs Wagtail's own method."""
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return NotImplemented
    possible_sites = page._get_relevant_site_root_paths(request)
    if not possible_sites:
        return None
    site_id, root_path, root_url, _language = possible_sites[0]
    if any(values[0] != site_id for values in possible_sites):
        return NotImplemented
    relative = page.url_path[len(root_path) :]
    prefix = serve_prefix()
    if prefix is None or not SERVE_PATH.fullmatch(relative):
        return NotImplemented
    page_path = prefix + quote(relative, safe=SAFE)
    if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and page_path != "/":
        page_path = page_path.rstrip("/")
    return (site_id, root_url, page_path)


def descendant_url(ancestor_url: str | None, ancestor_url_path: str, url_path: str) -> str | None:
    """The URL of a page below one whose URL is known, from the page's `url_path` alone: what `fast_url_parts`
    gives, as the ancestor's URL followed by the rest of the path (quoted per character, so the parts join).

    Why: a listing of a page's descendants (a series' events) then needs neither a Page instance nor a site lookup
    per link. None when this cannot be sure (no ancestor URL, wagtail i18n, URLs without a final slash, a path not
    below the ancestor or one the pattern would refuse); the caller then asks Wagtail. Assumes no other site's root
    lies in between."""
    if ancestor_url is None or getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    if not getattr(settings, "WAGTAIL_APPEND_SLASH", True):
        return None
    if not url_path.startswith(ancestor_url_path):
        return None
    rest = url_path[len(ancestor_url_path) :]
    if not SERVE_PATH.fullmatch(rest):
        return None
    return ancestor_url + quote(rest, safe=SAFE)


def related_url(known_url: str | None, known_url_path: str, url_path: str) -> str | None:
    """The URL of any page of the same site from its `url_path`, given one page whose URL is known: their shared
    ancestor's URL is the known URL less the known page's own (quoted) segments below that ancestor.

    Why: a listing of siblings or cousins (the calendar's campaigns, a module's packages) then needs neither a Page
    instance nor a site lookup per link. None when this cannot be sure; the caller then asks Wagtail."""
    url, path = known_url, known_url_path
    while url is not None and not url_path.startswith(path):
        parent = path[: path.rstrip("/").rfind("/") + 1]
        tail = quote(path[len(parent) :], safe=SAFE)
        if parent in ("", "/") or not url.endswith(tail):  # never above a site root (url_path "/home/")
            return None
        url, path = url[: -len(tail)], parent
    return descendant_url(url, path, url_path)


class RowUrls:
    """Listed pages' URLs from their rows (`url_path`, and `pk` or `id`), relative to one page whose URL is known
    (the page on screen, `related_url`); a row it cannot place is asked of Wagtail."""

    def __init__(self, known_page, request=None):
        self.known_url = known_page.get_url(request)
        self.known_url_path = known_page.url_path
        self.request = request

    def __call__(self, row: dict) -> str | None:
        url = related_url(self.known_url, self.known_url_path, row["url_path"])
        if url is None:
            url = Page(pk=row.get("pk", row.get("id")), url_path=row["url_path"]).get_url(self.request)
        return url
