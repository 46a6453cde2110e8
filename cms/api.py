"""The public read API (Wagtail API v2) at /api/v2/: pages, images and documents, read-only and rate-limited.

Each page model's `api_fields` decide which domain fields appear (`?fields=*` or the detail view).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.ratelimit import ratelimit

API_RATE = "120/m"


class RateLimitedAPIRouter(WagtailAPIRouter):
    """Every endpoint of this router counts against one per-client budget (scope "api")."""

    def wrap_view(self, func):
        return ratelimit("api", API_RATE)(super().wrap_view(func))


api_router = RateLimitedAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
