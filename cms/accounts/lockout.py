"""Login lockout glue for django-axes: the user name as counted, and the 站点管理 view that unlocks.

django-axes does the counting (AXES_* settings in cms.settings.base): failures are stored in the database per
(user name, client address) pair, so an attacker elsewhere cannot lock an editor out, every worker sees the same
counts, and the address is `cms.network.client_ip` like the rate limiter's.
"""

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

UNLOCK_PERMISSION = "axes.delete_accessattempt"


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, skipped for calls without a request (management commands, test clients' login()):
    every login over the web carries one, and axes cannot count an attempt without an address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        """Sessions may name the first backend (Wagtail's test helpers log in through it): load users as
        ModelBackend does."""
        return ModelBackend().get_user(user_id)


def username_of(request, credentials) -> str:
    """The user name a login attempt is counted under: trimmed and case-folded, so EDITOR and editor share."""
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        name = getattr(request, "POST", {}).get("username")
    return str(name or "").strip().casefold()[:150]


def can_unlock(user) -> bool:
    return user.is_active and user.has_perm(UNLOCK_PERMISSION)


@require_http_methods(["GET", "POST"])
def lockouts(request):
    """List recent failed logins (locked pairs first) and unlock one pair by deleting its attempts."""
    if not can_unlock(request.user):
        raise PermissionDenied
    if request.method == "POST":
        attempt = get_object_or_404(AccessAttempt, pk=request.POST.get("attempt"))
        AxesProxyHandler.reset_attempts(username=attempt.username, ip_address=attempt.ip_address)
        AccessAttempt.objects.filter(pk=attempt.pk).delete()
        messages.success(
            request, _("已解除 %(user)s（%(ip)s）的登录锁定。") % {"user": attempt.username, "ip": attempt.ip_address}
        )
        return redirect("kangyang_lockouts")
    limit = settings.AXES_FAILURE_LIMIT
    attempts = AccessAttempt.objects.order_by("-failures_since_start", "-attempt_time")[:200]
    rows = [{"attempt": a, "locked": a.failures_since_start >= limit} for a in attempts]
    return TemplateResponse(
        request, "cms/accounts/lockouts.html", {"rows": rows, "limit": limit, "page_title": _("登录锁定")}
    )
