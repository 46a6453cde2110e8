"""Serving competitions pages in few queries.

Wagtail resolves a URL one tree level at a time (two queries per level) and checks view restrictions with two
more; an event sits five levels deep, so that alone would use most of the 10-query budget of a public page.
The section root resolves any URL below it with one query instead, which also tells whether any view
restriction applies on the way down (cms.routing, Wagtail's alias rule); the pages' cms.routing mixin then
needs no query for it.
"""

from django.http import Http404
from wagtail.models import Page

from cms.cache import content_memo
from cms.routing import restricted_annotation

# Reverse one-to-one accessors from Page to our page types below the section root, with what each needs.
DESCENDANT_RELATIONS = {
    "competitionevent": ["competitionevent__announcement", "competitionevent__rules_document"],
    "competition": [],
    "winnershall": [],
}


def route_below(root: Page, request, path_components: list[str]):
    """Find the deepest page below `root` matching a prefix of the path in one query (none when this process has
    seen the URL since the last content change: cms.cache.content_memo) and let it route the rest."""
    key = ("competitions-route", root.pk, *path_components)
    found = content_memo(request, key, lambda: _deepest_below(root, path_components))
    if found is None:
        raise Http404
    specific, restricted = found
    specific._has_view_restrictions = restricted
    depth_below_root = specific.depth - root.depth
    return specific.route(request, path_components[depth_below_root:])


def _deepest_below(root: Page, path_components: list[str]):
    """(the specific page, whether a view restriction applies) for the deepest match, or None, in one query."""
    prefixes = ["/".join(path_components[: length + 1]) + "/" for length in range(len(path_components))]
    related = [name for names in DESCENDANT_RELATIONS.items() for name in (names[0], *names[1])]
    page = (
        Page.objects.filter(url_path__in=[root.url_path + prefix for prefix in prefixes])
        .select_related(*related)
        .annotate(restricted=restricted_annotation())
        .order_by("-depth")
        .first()
    )
    if page is None:
        return None
    specific = None
    for accessor in DESCENDANT_RELATIONS:
        specific = getattr(page, accessor, None)
        if specific is not None:
            break
    if specific is None:
        specific = page.specific
    return specific, page.restricted
