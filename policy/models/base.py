"""What the policy page types share: one-query routing, cheap view-restriction checks and listings, share images.

Every public page must render in at most 10 SQL queries. Wagtail's routing alone costs two queries per tree
level (the child, then its specific row) and its view-restriction check two more; the helpers here fetch a
specific page (with its share image) in one query and check restrictions inside that same query, so the pages
keep their budget for content.
"""

from django.db.models import Exists, OuterRef
from wagtail.models import PageViewRestriction

from cms.cache import content_memo
from cms.routing import ViewRestrictionsMixin, restricted_annotation

# Reverse one-to-one names from Page to our page types: select_related on them loads a specific page in one query.
POLICY_PAGE_RELATIONS = ("policydocument", "policyexplainer", "campaign", "campaigncalendar")
ROUTE_SELECT_RELATED = (
    "policydocument__share_image",
    "policyexplainer__share_image",
    "campaign__share_image",
    "campaigncalendar",
)


def as_specific(pages) -> list:
    """The specific instances of pages fetched with select_related(*POLICY_PAGE_RELATIONS); others stay generic."""
    result = []
    for page in pages:
        selected = page._state.fields_cache  # only relations that were select_related: never a lazy query
        for relation in POLICY_PAGE_RELATIONS:
            specific = selected.get(relation)
            if specific is None:
                continue
            for name, value in page.__dict__.items():
                if not name.startswith("_") and name not in specific.__dict__:
                    specific.__dict__[name] = value  # annotations such as a link's sort order
            result.append(specific)
            break
        else:
            result.append(page)
    return result


def visible(queryset):
    """Live pages without a view restriction of their own, in the same query.

    Used for listings of pages in the section being viewed: their ancestors' restrictions are those of the page
    on screen, which Wagtail has already enforced, and our page types have no children, so a restriction on the
    listed page itself is the only one left to exclude.
    """
    return queryset.live().filter(view_restrictions__isnull=True)


def live_public(queryset):
    """Wagtail's full `.live().public()`, for feeds that list pages from anywhere."""
    return queryset.live().public()


def own_restriction():
    """True when the outer query's page has a view restriction row of its own."""
    return Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))


class PolicyRoutingMixin:
    """Serve a child of the policy section in one query: specific row, share image and restriction flag together.

    When routing already knows whether a restriction applies to this section page or its ancestors (cms.routing
    sets `_has_view_restrictions`), one applies to a child exactly when it does to the section or the child has its
    own: a plain EXISTS, much cheaper to build than the ancestor-prefix test. An alias child takes its source's
    restrictions (Wagtail's rule), so its flag is left for ViewRestrictionsMixin to look up.
    """

    def find_child(self, slug: str, request=None):
        """The live or draft child at `slug` (None if there is none), kept per process until content changes when
        a request is given (cms.cache.content_memo)."""
        section_restricted = getattr(self, "_has_view_restrictions", None)
        key = ("policy-child", self.pk, slug, section_restricted)
        found = content_memo(request, key, lambda: self._load_child(slug, section_restricted))
        if found is None:
            return None
        child, has_view_restrictions = found
        child._cached_parent_obj = self
        if section_restricted is None:
            child._has_view_restrictions = has_view_restrictions
        elif not child.alias_of_id:
            child._has_view_restrictions = section_restricted or has_view_restrictions
        return child

    def _load_child(self, slug: str, section_restricted):
        restricted = restricted_annotation() if section_restricted is None else own_restriction()
        page = (
            self.get_children()
            .filter(slug=slug)
            .select_related(*ROUTE_SELECT_RELATED)
            .annotate(has_view_restrictions=restricted)
            .first()
        )
        if page is None:
            return None
        child = as_specific([page])[0]
        if child is page:
            child = page.specific
        return child, page.has_view_restrictions


class PolicyPageMixin(ViewRestrictionsMixin):
    """View restrictions checked in at most one query (none when routing already knew, cms.routing), share images,
    breadcrumbs without a query."""

    og_type = "article"

    def get_share_image(self):
        """The editor's share image (selected with the page when routed), else one the page type offers."""
        if self.share_image_id:
            return self.share_image
        return self.get_fallback_share_image()

    def get_fallback_share_image(self):
        return None

    def section_feed_url(self, request=None) -> str:
        """The section's Atom feed: the parent index page's route, without a query for the parent."""
        url = self.get_url(request) or ""
        parent_url = url[: url.rstrip("/").rfind("/") + 1]
        return f"{parent_url}feed/" if parent_url else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feed_url"] = self.section_feed_url(request)
        return context
