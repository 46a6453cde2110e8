import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api_router
from cms.display import switch_display
from cms.media_views import serve_media
from cms.tags import tag_page
from cms.views import healthz, styleguide, switch_language

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("lang/<str:code>/", switch_language, name="switch_language"),
    path("display/<str:mode>/", switch_display, name="switch_display"),
    path("styleguide/", styleguide, name="styleguide"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("tags/<str:slug>/", tag_page, name="tag_page"),
    path("api/v2/", api_router.urls),
    path("", include("search.urls")),
]

if settings.SERVE_MEDIA:
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.+)$", serve_media, name="media")]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
