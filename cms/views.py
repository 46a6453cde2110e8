from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms.models import CustomImage


@never_cache
def healthz(request):
    """Liveness for load balancers: 200 when the database answers a query, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered without a database-backed context: the database may be what failed."""
    return render(request, "500.html", status=500)


def switch_language(request, code):
    """Remember the visitor's language in a cookie; a plain link keeps public pages cacheable (no CSRF form)."""
    if code not in dict(settings.LANGUAGES):
        raise Http404("unknown language")
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def styleguide(request):
    """The design system's components on one page, for editors and template authors (and the browser tests).

    Shown to staff, or to everyone when DEBUG or settings.STYLEGUIDE_PUBLIC is on; a 404 otherwise.
    """
    if not (settings.DEBUG or getattr(settings, "STYLEGUIDE_PUBLIC", False) or request.user.is_staff):
        raise Http404("style guide not public")
    paginator = Paginator(range(1, 231), 10)
    page_obj = paginator.get_page(request.GET.get("page", 3))
    return render(
        request,
        "cms/styleguide.html",
        {
            "page_obj": page_obj,
            "image": CustomImage.objects.order_by("pk").first(),
            "sample_tags": [_("养老护理"), _("职业道德"), _("安全卫生")],
        },
    )
