"""Serving competitions pages in few queries.

Wagtail resolves a URL one tree level at a time (two queries per level) and checks view restrictions with two
more; an event sits five levels deep, so that alone would use most of the 10-query budget of a public page.
The section root resolves any URL below it with one query instead, which also tells whether any view
restriction (or alias) applies on the way down; our pages otherwise look up their view restrictions in one
query. Both give the same answers as Wagtail's own code.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.db.models.lookups import Exact
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

# Reverse one-to-one accessors from Page to our page types below the section root, with what each needs.
DESCENDANT_RELATIONS = {
    "competitionevent": ["competitionevent__announcement", "competitionevent__rules_document"],
    "competition": [],
    "winnershall": [],
}


class OneQueryViewRestrictionsMixin:
    """Page view restrictions of this page and its ancestors (or the pages they alias) in a single query."""

    def get_view_restrictions(self):
        if getattr(self, "_routed_without_restrictions", False):
            return PageViewRestriction.objects.none()
        steplen = Page.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()


def route_below(root: Page, request, path_components: list[str]):
    """Find the deepest page below `root` matching a prefix of the path in one query and let it route the rest."""
    prefixes = ["/".join(path_components[: length + 1]) + "/" for length in range(len(path_components))]
    related = [name for names in DESCENDANT_RELATIONS.items() for name in (names[0], *names[1])]
    page = (
        Page.objects.filter(url_path__in=[root.url_path + prefix for prefix in prefixes])
        .select_related(*related)
        .annotate(
            # Is there a view restriction on this page or an ancestor, or an alias among them? (Tree paths of
            # ancestors are prefixes of the page's path.)
            restricted=Exists(
                PageViewRestriction.objects.filter(
                    Exact(F("page__path"), Substr(OuterRef("path"), 1, Length("page__path")))
                )
            ),
            aliased=Exists(
                Page.objects.filter(alias_of__isnull=False).filter(
                    Exact(F("path"), Substr(OuterRef("path"), 1, Length("path")))
                )
            ),
        )
        .order_by("-depth")
        .first()
    )
    if page is None:
        raise Http404
    specific = None
    for accessor in DESCENDANT_RELATIONS:
        specific = getattr(page, accessor, None)
        if specific is not None:
            break
    if specific is None:
        specific = page.specific
    specific._routed_without_restrictions = not (page.restricted or page.aliased)
    depth_below_root = page.depth - root.depth
    return specific.route(request, path_components[depth_below_root:])
