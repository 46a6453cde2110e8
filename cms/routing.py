"""The one view-restriction mixin and the routing helpers every section uses to serve a page in few queries.

Wagtail routes one tree level at a time (two queries per level) and checks view restrictions with two more
(ancestors, then restrictions). Our sections resolve the rest of a URL in one query and check restrictions in one
query, or none when routing already learnt that no restriction applies. The answers are Wagtail's own:

* restrictions apply from the page and every ancestor;
* an alias page has no restrictions of its own: it (and an alias among the ancestors) uses its source page's
  (Wagtail's `Page.get_view_restrictions`); a restriction row left on an alias page is ignored;
* only a live page is served: routers hand the page found to its own `route()`, which checks `live`.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.db.models.lookups import Exact
from django.http import Http404
from wagtail.models import Page, PageViewRestriction


def ancestor_paths(path: str, inclusive: bool = True) -> list[str]:
    """Tree paths of the page's ancestors from the root down (and of the page itself when inclusive)."""
    step = Page.steplen
    end = len(path) if inclusive else len(path) - step
    return [path[:length] for length in range(step, end + 1, step)]


def restrictions_q(paths: list[str]) -> Q:
    """Restrictions that apply to the pages at `paths`: their own unless they are aliases, else their sources'."""
    return Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)


def restricted_annotation(path=None) -> ExpressionWrapper:
    """True when a view restriction applies to the page at `path` (default: the outer query's page) or to an
    ancestor, by the rules above. Ancestors' tree paths are prefixes of the page's path."""
    path = OuterRef("path") if path is None else path

    def prefix_of_path(field):
        return Exact(F(field), Substr(path, 1, Length(field)))

    own = PageViewRestriction.objects.filter(prefix_of_path("page__path"), page__alias_of__isnull=True)
    via_alias = PageViewRestriction.objects.filter(prefix_of_path("page__aliases__path"))
    return ExpressionWrapper(Q(Exists(own)) | Q(Exists(via_alias)), output_field=BooleanField())


class ViewRestrictionsMixin:
    """Page view restrictions of this page and its ancestors in one query, or none when routing already knows.

    A router that computed `restricted_annotation()` for the page sets `_has_view_restrictions`.
    """

    def get_view_restrictions(self):
        if getattr(self, "_has_view_restrictions", None) is False:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(restrictions_q(ancestor_paths(self.path))).distinct()


def overrides_route(model) -> bool:
    """Does this page type resolve the rest of a URL itself (routable pages, our section routers)?"""
    return model is None or model.route is not Page.route


def route_from_root(root, request, path_components):
    """Wagtail's routing answer for `path_components` below the site root, in two queries instead of two per level.

    One query finds every page along the path by `url_path` (with whether a view restriction applies); the walk
    stops at the first page whose type routes the rest itself, which then gets the remaining components, as in
    Wagtail's own level-by-level walk. The page found gets its parent and its ancestors (for breadcrumbs) attached.
    """
    prefixes, url_path = [], root.url_path
    for component in path_components:
        url_path += f"{component}/"
        prefixes.append(url_path)
    pages = (
        Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth)
        .annotate(has_view_restrictions=restricted_annotation())
        .order_by("depth")
    )
    chain, parent = [], root
    for expected_depth, page in enumerate(pages, start=root.depth + 1):
        if page.depth != expected_depth:
            break
        page._cached_parent_obj = parent
        chain.append(page)
        parent = page
        if overrides_route(page.specific_class):
            break
    if not chain:
        raise Http404  # no page at the first level: Wagtail's answer too, without asking again
    found = chain[-1]
    target = found.specific
    target._cached_parent_obj = found._cached_parent_obj
    target._route_chain = [root, *chain[:-1]]
    target._has_view_restrictions = found.has_view_restrictions
    return target.route(request, path_components[len(chain) :])
