"""Navigation and breadcrumbs built from the page tree."""

from django import template
from wagtail.models import Page, Site

from cms.cache import request_memo

register = template.Library()


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


def _menu_query(root):
    return list(root.get_children().live().in_menu().order_by("path"))


def _menu_pages(context):
    """The home page's live children shown in menus, in tree order; fetched once per request."""
    request = context.get("request")
    cached = getattr(request, "_menu_pages", None) if request else None
    if cached is None:
        root = _site_root(context)
        # Kept per process until the next navigation change (cms.cache.request_memo).
        cached = request_memo(request, f"menu:{root.pk}", lambda: _menu_query(root)) if root else []
        if request is not None:
            request._menu_pages = cached
    return cached


@register.inclusion_tag("cms/includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Top navigation, marking the section the current page belongs to."""
    current_path = getattr(context.get("page"), "path", "")
    items = _menu_pages(context)
    return {
        "request": context.get("request"),
        "items": [(item, current_path.startswith(item.path)) for item in items],
    }


@register.simple_tag(takes_context=True)
def section_cards(context):
    """The sections for the home page's cards: the same rows as the navigation, no extra query."""
    return _menu_pages(context)


@register.inclusion_tag("cms/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, extra_title=None):
    """Breadcrumbs from the site root down to the current page (or an extra, non-page crumb)."""
    page = page or context.get("page")
    crumbs = []
    if isinstance(page, Page) and page.depth > 2:
        crumbs = list(page.get_ancestors().filter(depth__gte=2).order_by("path"))
    return {"request": context.get("request"), "crumbs": crumbs, "page": page, "extra_title": extra_title}
