"""The reusable rate limiter: rates, the sliding window, client addresses behind proxies, the decorator."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from cms.network import client_ip
from cms.ratelimit import Rate, RateLimiter, ratelimit


@pytest.fixture
def limiter_on(settings, db):
    settings.RATELIMIT_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def request_from(address="203.0.113.7", forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/api/v2/pages/", **extra)


def test_rates_parse_and_bad_rates_name_the_problem():
    assert Rate.parse("120/m") == Rate(120, 60)
    assert Rate.parse("10/30s") == Rate(10, 30)
    assert Rate.parse("5000/d") == Rate(5000, 86400)
    with pytest.raises(ValueError, match="invalid rate 'lots'"):
        Rate.parse("lots")


def test_sliding_window_counts_the_previous_window_fading_out(limiter_on):
    limiter = RateLimiter("t", "10/m")
    start = 6000.0  # the start of a window (6000 = 100 * 60)
    for _ in range(10):
        assert limiter.hit(request_from(), now=start + 50).allowed
    denied = limiter.hit(request_from(), now=start + 55)
    assert not denied.allowed
    assert denied.retry_after >= 5  # not before this window ends
    # 15 s into the next window 3/4 of the previous window still counts: 11 * 0.75 = 8.25, room for one more.
    assert limiter.hit(request_from(), now=start + 75).allowed
    assert not limiter.hit(request_from(), now=start + 76).allowed
    # A full window later the old count is gone.
    assert limiter.hit(request_from(), now=start + 125).allowed


def test_denied_client_is_told_when_to_retry_and_that_time_works(limiter_on):
    limiter = RateLimiter("t", "3/10s")
    for _ in range(3):
        assert limiter.hit(request_from(), now=1000.0).allowed
    denied = limiter.hit(request_from(), now=1001.0)
    assert not denied.allowed
    assert limiter.hit(request_from(), now=1001.0 + denied.retry_after).allowed


def test_clients_are_counted_separately(limiter_on):
    limiter = RateLimiter("t", "1/m")
    assert limiter.hit(request_from("198.51.100.1"), now=60.0).allowed
    assert not limiter.hit(request_from("198.51.100.1"), now=61.0).allowed
    assert limiter.hit(request_from("198.51.100.2"), now=61.0).allowed


def test_forwarded_for_is_ignored_unless_proxies_are_trusted(settings):
    forged = request_from("127.0.0.1", forwarded="1.2.3.4, 198.51.100.5")
    assert client_ip(forged) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(forged) == "198.51.100.5"  # the address our one proxy saw; 1.2.3.4 may be forged
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(forged) == "1.2.3.4"
    assert client_ip(request_from("127.0.0.1")) == "127.0.0.1"  # no header: the socket address
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(forged) == "127.0.0.1", "fewer entries than trusted proxies: the header is not believed"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("127.0.0.1", forwarded="not-an-address")) == "127.0.0.1"


def test_there_is_one_client_ip_function():
    """Finding 2: the lockout and the rate limiter use the same definition of the client address."""
    from django.conf import settings as django_settings

    from cms import ratelimit

    assert ratelimit.client_ip is client_ip
    assert django_settings.AXES_CLIENT_IP_CALLABLE == "cms.network.client_ip"


def test_decorator_limits_a_plain_view(limiter_on):
    @ratelimit("search", "2/m")
    def view(request):
        return HttpResponse("ok")

    assert view(request_from()).status_code == 200
    assert view(request_from())["X-RateLimit-Remaining"] == "0"
    limited = view(request_from())
    assert limited.status_code == 429
    assert limited["Retry-After"].isdigit()
    assert "请求过于频繁".encode() in limited.content


def test_settings_override_a_scope_and_can_switch_limiting_off(settings, limiter_on):
    settings.RATELIMIT_RATES = {"t": "1/h"}
    limiter = RateLimiter("t", "100/m")
    assert limiter.rate == Rate(1, 3600)
    assert limiter.hit(request_from()).allowed
    assert not limiter.hit(request_from()).allowed
    settings.RATELIMIT_ENABLED = False
    assert limiter.hit(request_from()).allowed
