"""Wagtail hooks of the shared app."""

from wagtail import hooks

from cms import cache


@hooks.register("before_serve_page")
def page_cache_before_serve(page, request, serve_args, serve_kwargs):
    """Record the served page and its cache tag versions before it renders (see cms.cache)."""
    cache.before_serve_page(page, request, serve_args, serve_kwargs)
