"""Login lockout: too many failed logins for one username, or from one IP address, block further attempts.

Counters live in the cache (Redis in production, shared by every worker) in fixed windows. Failures are counted
from Django's `user_login_failed` signal, so every login path that calls `authenticate()` is covered. The
`LockoutBackend` (Django's ModelBackend plus the check) refuses authentication while a counter is over its
limit, and `LockoutLoginForm` shows the reason in Chinese on the Wagtail admin login page. The IP address is
REMOTE_ADDR: behind a proxy, make the proxy set it (e.g. gunicorn's --forwarded-allow-ips) rather than trusting
X-Forwarded-For here.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

DEFAULTS = {
    "LOGIN_LOCKOUT_USER_LIMIT": 5,  # failures per username per window
    "LOGIN_LOCKOUT_IP_LIMIT": 20,  # failures per client address per window
    "LOGIN_LOCKOUT_WINDOW": 15 * 60,  # seconds
}

LOCKED_MESSAGE = _("登录失败次数过多，账号或网络地址已被暂时锁定。请 %(minutes)s 分钟后再试，或联系站点管理员。")


def _setting(name):
    return getattr(settings, name, DEFAULTS[name])


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"login-lockout:{kind}:{digest}"


def normalise_username(username) -> str:
    return str(username or "").strip().casefold()[:254]


def client_ip(request) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def _keys(username, request):
    keys = []
    name = normalise_username(username)
    if name:
        keys.append((_key("user", name), _setting("LOGIN_LOCKOUT_USER_LIMIT")))
    ip = client_ip(request)
    if ip:
        keys.append((_key("ip", ip), _setting("LOGIN_LOCKOUT_IP_LIMIT")))
    return keys


def is_locked(username, request) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(username, request))


def record_failure(username, request) -> None:
    window = _setting("LOGIN_LOCKOUT_WINDOW")
    for key, _limit in _keys(username, request):
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, timeout=window)


def clear_user(username) -> None:
    """A successful login clears the username's counter; the address counter runs out with its window, so a
    valid account cannot be used to reset an address that is guessing other accounts' passwords."""
    name = normalise_username(username)
    if name:
        cache.delete(_key("user", name))


def locked_error() -> ValidationError:
    minutes = max(1, _setting("LOGIN_LOCKOUT_WINDOW") // 60)
    return ValidationError(LOCKED_MESSAGE, code="locked", params={"minutes": minutes})


def _on_login_failed(sender, credentials, request=None, **kwargs):
    record_failure(credentials.get("username"), request)


def _on_logged_in(sender, request, user, **kwargs):
    clear_user(user.get_username())


def connect_signals():
    user_login_failed.connect(_on_login_failed, dispatch_uid="kangyang-lockout-failed")
    user_logged_in.connect(_on_logged_in, dispatch_uid="kangyang-lockout-success")


class LockoutBackend(ModelBackend):
    """Django's ModelBackend that first refuses a locked username or address.

    Raising PermissionDenied ends authentication (and still counts as a failure). It replaces ModelBackend rather
    than sitting before it, so sessions and `force_login` keep using one backend that can load users.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if is_locked(username or kwargs.get(get_user_model().USERNAME_FIELD), request):
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)


class LockoutLoginForm(LoginForm):
    """The Wagtail admin login form, explaining a lockout instead of a generic "wrong password"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's password field has no label, so Django shows the untranslatable field name "Password".
        self.fields["password"].label = _("Password")

    def clean(self):
        username = self.cleaned_data.get("username")
        if is_locked(username, self.request):
            raise locked_error()
        try:
            return super().clean()
        except ValidationError:
            if is_locked(username, self.request):
                raise locked_error() from None
            raise
