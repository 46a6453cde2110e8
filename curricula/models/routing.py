"""Lean serving for the curricula section: a page is found, with its ancestors, in one query.

Wagtail routes one tree level at a time (two queries per level) and looks ancestors up again for view
restrictions and breadcrumbs. A package sits four levels deep, so that alone would spend the whole query
budget of a page. The catalogue resolves the rest of the path itself and hands the ancestors it found to
the page it serves.
"""

from django.http import Http404
from wagtail.models import Page

from cms.cache import content_memo
from cms.routing import ViewRestrictionsMixin, breadcrumb_ancestors, restricted_prefixes

# Reverse one-to-one accessors from Page to our page types: a join gives the specific page for free.
SPECIFIC_ACCESSORS = ("trainingpackage", "coursemodule", "occupation", "modulelibrary")
# A package's superseded package is not joined: its two tables cost every package and module page more to compile
# than the query costs the few packages that supersede another (loaded when the page shows it).
ROUTE_RELATED = (
    "occupation",
    "modulelibrary",
    "trainingpackage__level",
    "coursemodule__owner_occupation",
)
# A path of one component ends at a child of the catalogue: an occupation or the library. Each join selected costs
# more to compile than to run, so that query joins only these two (about a third of the CPU of the full one).
SECTION_CHILD_RELATED = ("occupation", "modulelibrary")
# Below the catalogue our tree is two levels deep: occupation → package, library → module.
ROUTE_DEPTH = 2


def specific_from_join(page):
    """The specific page already loaded through a join (`select_related` of an accessor), or a query when it is of
    another type. Accessors the query did not join are skipped: reading one would be a query each."""
    for accessor in SPECIFIC_ACCESSORS:
        relation = getattr(type(page), accessor).related
        if relation.is_cached(page):
            specific = relation.get_cached_value(page)
            if specific is not None:
                return specific
    return page.specific


# What `page_from_row` needs of a page.
PAGE_ROW_FIELDS = ("id", "path", "depth", "url_path", "slug", "title")


def page_from_row(model, row, **fields):
    """A page of `model` built from a plain `.values()` row (id, path, depth, url_path, slug, title): enough for its
    title and a right URL, without loading the whole page. For listings only; never saved."""
    return model(
        id=row["id"],
        page_ptr_id=row["id"],
        path=row["path"],
        depth=row["depth"],
        url_path=row["url_path"],
        slug=row["slug"],
        title=row["title"],
        live=True,
        **fields,
    )


class LeanPageMixin(ViewRestrictionsMixin):
    """Ancestors known from routing are reused for breadcrumbs; view restrictions in one query (cms.routing)."""

    def breadcrumb_pages(self):
        """Ancestors from the home page down, as the shared breadcrumbs show them."""
        return breadcrumb_ancestors(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumb_pages"] = self.breadcrumb_pages()
        return context


def _found_below(section, components) -> list:
    """The specific pages at each level of `components` below `section`, top down, in one query."""
    prefixes, url_path = [], section.url_path
    for component in components:
        url_path += f"{component}/"
        prefixes.append(url_path)
    pages = (
        Page.objects.filter(url_path__in=prefixes, path__startswith=section.path)
        .select_related(*(ROUTE_RELATED if len(prefixes) > 1 else SECTION_CHILD_RELATED))
        .order_by("depth")
    )
    found = []
    for expected_depth, page in enumerate(pages, start=section.depth + 1):
        if page.depth != expected_depth:
            break
        found.append(specific_from_join(page))
    return found


def route_below(section, request, path_components):
    """Resolve the rest of the path under `section` in one query (none when this process has seen the URL since the
    last content change: cms.cache.content_memo); hand the found ancestors to the page."""
    components = tuple(path_components[:ROUTE_DEPTH])
    key = ("curricula-route", section.pk, *components)
    found = content_memo(request, key, lambda: _found_below(section, components))
    if not found:
        raise Http404
    home = section.__dict__.get("_cached_parent_obj")
    chain = ([home] if home is not None else list(section.get_ancestors().filter(depth__gte=2))) + [section]
    parent = section
    for page in found:
        page._cached_parent_obj = parent
        page._route_chain = list(chain)
        chain.append(page)
        parent = page
    target = found[-1]
    restricted = restricted_prefixes(request)  # the restricted subtrees this process knows: no query for the flag
    if restricted is not None and not any(page.alias_of_id for page in chain[1:] + found):
        target._has_view_restrictions = target.path.startswith(restricted)
    if len(found) > 1 and hasattr(type(target), "parent_occupation"):
        target.__dict__["parent_occupation"] = found[-2]
    return target.route(request, path_components[len(found) :])
