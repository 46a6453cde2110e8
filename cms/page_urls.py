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
