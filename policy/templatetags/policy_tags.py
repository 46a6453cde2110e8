"""Template helpers of the policy pages: sanitised Markdown and absolute URLs for share cards."""

from django import template
from django.utils.html import format_html
from wagtail.models import Page

from cms.safe_markdown import render_markdown

from .. import cards
from ..blocks import ClauseReferenceBlock

register = template.Library()


@register.filter
def markdown(value):
    """Markdown → HTML sanitised with nh3 (never trusts the editor's raw HTML); headings kept as written."""
    return render_markdown(value, heading_offset=0)


@register.simple_tag(takes_context=True)
def clause_reference(context, value):
    """A clause reference of a key point or answer, as policy/blocks/clause_reference.html renders it, without a
    template render per reference (an explainer cites dozens)."""
    url, default_label = ClauseReferenceBlock.link(value, context)
    label = value.get("label") or default_label
    if url:
        return format_html('<a class="clause-ref" href="{}">{}</a>', url, label)
    return format_html('<span class="clause-ref">{}</span>', label)


@register.filter
def absolute_url(url, request=None):
    """Open Graph wants absolute image URLs; media may already be absolute (a CDN or object storage)."""
    if not url or "://" in url or request is None:
        return url
    return request.build_absolute_uri(url)


@register.inclusion_tag("cms/includes/breadcrumbs.html", takes_context=True)
def policy_breadcrumbs(context):
    """The site's breadcrumbs without a query: the site root comes with the request's site, the section page
    with the routing (cached parent). Falls back to the tree when either is missing (previews)."""
    request = context.get("request")
    page = context.get("page")
    site = getattr(request, "_wagtail_site", None)
    parent = getattr(page, "_cached_parent_obj", None)
    crumbs = None
    if site is not None and site.root_page_id and isinstance(page, Page):
        if page.depth == site.root_page.depth + 1:
            crumbs = [site.root_page]
        elif parent is not None and page.depth == site.root_page.depth + 2:
            crumbs = [site.root_page, parent]
    if crumbs is None:
        crumbs = list(page.get_ancestors().filter(depth__gte=2).order_by("path")) if isinstance(page, Page) else []
    return {"request": request, "crumbs": crumbs, "page": page, "extra_title": None}


@register.simple_tag(takes_context=True)
def campaign_card(context, campaign):
    """policy.cards.campaign_card: the card without a template render per campaign."""
    return cards.campaign_card(campaign, context.get("request"), context.get("today"))


@register.simple_tag(takes_context=True)
def page_card(context, page, meta=""):
    """policy.cards.page_card: the card without a template render per page."""
    return cards.page_card(page, context.get("request"), meta)
