"""Per-process memo of the site chrome (site, settings, menu), checked against the global version."""

from __future__ import annotations

import copy

from .content_memo import prime_content_generation
from .store import GLOBAL_TAG, conf, current_versions

# --- per-process memo of the site chrome -------------------------------------------------------------------------
# Every page needs the Site (and through it the root page), the site settings and the menu. They change only with a
# `global` bump, so each process keeps them, checked against the `global` version read once per request: a page
# rendering saves five queries. CHROME_MEMO_ENABLED=False (or CHROME_MEMO=0) switches this off.

_memo: dict[str, tuple[int, object]] = {}


def memo_enabled() -> bool:
    return bool(conf("CHROME_MEMO_ENABLED", True))


def request_memo(request, name: str, factory):
    """`factory()` once per process and `global` version; computed afresh when the request has no version."""
    version = getattr(request, "_page_cache_global", None)
    if version is None:
        return factory()
    item = _memo.get(name)
    if item is not None and item[0] == version:
        return item[1]
    value = factory()
    _memo[name] = (version, value)
    return value


def prime_site_chrome(request) -> None:
    """Put the memoised Site and site settings where Wagtail looks for them on the request."""
    from wagtail.models import Site

    if not memo_enabled():
        return
    request._page_cache_global = current_versions([GLOBAL_TAG])[0]
    prime_content_generation(request)
    host = f"{request.get_host()}|{request.get_port()}"
    site = request_memo(request, f"site:{host}", lambda: Site.find_for_request(request))
    request._wagtail_site = site
    if site is None:
        return
    for model in _site_setting_models():
        instance = request_memo(request, f"setting:{model._meta.label}:{site.pk}", lambda m=model: m.for_site(site))
        instance = copy.copy(instance)  # for_request keeps the request on the instance: one per request
        instance._request = request
        setattr(request, model.get_cache_attr_name(), instance)


_setting_models: list | None = None


def _site_setting_models() -> list:
    global _setting_models
    if _setting_models is None:
        from django.apps import apps
        from wagtail.contrib.settings.models import BaseSiteSetting

        _setting_models = [model for model in apps.get_models() if issubclass(model, BaseSiteSetting)]
    return _setting_models
