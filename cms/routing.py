"""The one view-restriction mixin and the routing helpers every section uses to serve a page in few queries.

Wagtail routes one tree level at a time (two queries per level) and checks view restrictions with two more
(ancestors, then restrictions). Our sections resolve the rest of a URL in one query and check restrictions in one
query, or none when routing already learnt that no restriction applies. The answers are Wagtail's own:

* restrictions apply from the page and every ancestor;
* an alias page has no restrictions of its own: it (and an alias among the ancestors) uses its source page's
  (Wagtail's `Page.get_view_restrictions`); a restriction row left on an alias page is ignored;
* only a live page is served: routers hand the page found to its own `route()`, which checks `live`.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, Value
from django.db.models.functions import Length, Substr
from django.db.models.lookups import Exact
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

from cms.cache import content_memo, request_memo


def breadcrumb_ancestors(page) -> list:
    """A page's ancestors from the home page (depth 2) down, for its breadcrumbs: those routing walked
    (`_route_chain`, see route_from_root), its parent when routing found only that, else one query."""
    chain = getattr(page, "_route_chain", None)
    if chain is None:
        parent = page.__dict__.get("_cached_parent_obj")
        if parent is not None and parent.depth == 2:
            chain = [parent]
        else:
            chain = list(page.get_ancestors().filter(depth__gte=2).order_by("path"))
    return [ancestor for ancestor in chain if ancestor.depth >= 2]


def ancestor_paths(path: str, inclusive: bool = True) -> list[str]:
    """Tree paths of the page's ancestors from the root down (and of the page itself when inclusive)."""
    step = Page.steplen
    end = len(path) if inclusive else len(path) - step
    return [path[:length] for length in range(step, end + 1, step)]


def restrictions_q(paths: list[str]) -> Q:
    """Restrictions that apply to the pages at `paths`: their own unless they are aliases, else their sources'."""
    return Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)


def restricted_annotation(path=None) -> ExpressionWrapper:
    """True when a view restriction applies to the page at `path` (a literal path; default: the outer query's page)
    or to an ancestor, by the rules above. Ancestors' tree paths are prefixes of the page's path.

    Shape (issue 19): each EXISTS walks the restrictions (a handful of rows) and looks their page up by key. Joining
    restrictions to pages directly let SQLite start from the pages (`alias_of IS NULL` looks indexable) and test the
    prefix on every page of the site, per row of the outer query: 40-100 ms at 20,000 pages."""
    path = OuterRef(OuterRef("path")) if path is None else Value(path)

    def prefix_of_path(field):
        return Exact(F(field), Substr(path, 1, Length(field)))

    own = Page.objects.filter(prefix_of_path("path"), pk=OuterRef("page_id"), alias_of__isnull=True)
    via_alias = Page.objects.filter(prefix_of_path("path"), alias_of_id=OuterRef("page_id"))
    restrictions = PageViewRestriction.objects.order_by()
    return ExpressionWrapper(
        Q(Exists(restrictions.filter(Exists(own)))) | Q(Exists(restrictions.filter(Exists(via_alias)))),
        output_field=BooleanField(),
    )


class ViewRestrictionsMixin:
    """Page view restrictions of this page and its ancestors in one query, or none when routing already knows.

    A router that computed `restricted_annotation()` for the page sets `_has_view_restrictions`.
    """

    def get_view_restrictions(self):
        if getattr(self, "_has_view_restrictions", None) is False:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(restrictions_q(ancestor_paths(self.path))).distinct()


def _load_restricted_prefixes() -> tuple[str, ...]:
    # Restrictions on alias pages do not count (Wagtail's rule); aliases themselves are left to the query.
    rows = PageViewRestriction.objects.filter(page__alias_of__isnull=True).values_list("page__path", flat=True)
    return tuple(sorted(set(rows)))


def restricted_prefixes(request) -> tuple[str, ...] | None:
    """Tree paths of the non-alias pages that carry a view restriction, kept per process until the next `global`
    change (adding, changing or removing a restriction, or moving a page, bumps it: cms.cache); None when this
    request has no memo (then the pages ask the database)."""
    if getattr(request, "_page_cache_global", None) is None:
        return None
    return request_memo(request, "restricted-prefixes", _load_restricted_prefixes)


def overrides_route(model) -> bool:
    """Does this page type resolve the rest of a URL itself (routable pages, our section routers)?"""
    return model is None or model.route is not Page.route


def _pages_along(root, prefixes: list[str], restricted) -> tuple[list, object]:
    """The pages at `prefixes` below `root`, from the top down to the first page that routes the rest itself (or the
    last one found), and the specific instance of that page; ([], None) when the first level has no page."""
    pages = Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth)
    if restricted is None:  # no memo (CHROME_MEMO off): the flag from the database in the same query
        pages = pages.annotate(has_view_restrictions=restricted_annotation())
    chain = []
    for expected_depth, page in enumerate(pages.order_by("depth"), start=root.depth + 1):
        if page.depth != expected_depth:
            break
        chain.append(page)
        if overrides_route(page.specific_class):
            break
    return chain, (chain[-1].specific if chain else None)


def route_from_root(root, request, path_components):
    """Wagtail's routing answer for `path_components` below the site root, in two queries instead of two per level,
    or none when this process has routed the same URL since the last content change (cms.cache.content_memo).

    One query finds every page along the path by `url_path`; whether a view restriction applies comes from the
    per-process list of restricted subtrees (`restricted_prefixes`), not from an annotation that cost 4-5 ms to
    compile (without the memo, the annotation gives it). The walk stops at the first page whose type routes the
    rest itself, which then gets the remaining components, as in Wagtail's own level-by-level walk. The page found
    gets its parent and its ancestors (for breadcrumbs) attached.
    """
    prefixes, url_path = [], root.url_path
    for component in path_components:
        url_path += f"{component}/"
        prefixes.append(url_path)
    restricted = restricted_prefixes(request)
    chain, target = content_memo(
        request, ("route", root.pk, *path_components), lambda: _pages_along(root, prefixes, restricted)
    )
    if not chain:
        raise Http404  # no page at the first level: Wagtail's answer too, without asking again
    parent = root
    for page in chain:
        page._cached_parent_obj = parent
        parent = page
    target._cached_parent_obj = chain[-1]._cached_parent_obj
    target._route_chain = [root, *chain[:-1]]
    if restricted is None:
        target._has_view_restrictions = chain[-1].has_view_restrictions
    elif not any(page.alias_of_id for page in chain):  # with an alias on the way, ViewRestrictionsMixin asks
        target._has_view_restrictions = target.path.startswith(restricted)
    return target.route(request, path_components[len(chain) :])
