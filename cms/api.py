"""The public read API (Wagtail API v2) at /api/v2/: pages, images and documents, read-only and rate-limited.

Each page model's `api_fields` decide which domain fields appear (`?fields=*` or the detail view).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.ratelimit import ratelimit

API_RATE = "120/m"
MAX_OFFSET = 1_000_000  # far beyond any listing here, far below what a database integer holds
SEARCH_OPERATORS = ("and", "or")


class CheckedParametersMixin:
    """Reject what Wagtail passes on unchecked (a 23-digit offset reached the database, an unknown search
    operator raised ValueError): both answered 500, now 400 with a message."""

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        params = self.request.GET
        offset = params.get("offset")
        if offset is not None and (not offset.isdigit() or int(offset) > MAX_OFFSET):
            raise BadRequestError(f"offset must be an integer between 0 and {MAX_OFFSET}")
        operator = params.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")


class CheckedPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    pass


class CheckedImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    pass


class CheckedDocumentsAPIViewSet(CheckedParametersMixin, DocumentsAPIViewSet):
    pass


class RateLimitedAPIRouter(WagtailAPIRouter):
    """Every endpoint of this router counts against one per-client budget (scope "api")."""

    def wrap_view(self, func):
        return ratelimit("api", API_RATE)(super().wrap_view(func))


api_router = RateLimitedAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)
api_router.register_endpoint("images", CheckedImagesAPIViewSet)
api_router.register_endpoint("documents", CheckedDocumentsAPIViewSet)
