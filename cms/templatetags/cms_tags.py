"""Navigation, breadcrumbs, pagination and responsive images: the shared template tags of the design system."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms.cache import content_memo, request_memo
from cms.pager import page_hrefs, pager_html
from cms.routing import breadcrumb_ancestors
from cms.sharing import page_share_url, qr_svg

register = template.Library()

DEFAULT_IMAGE_WIDTHS = "400,800,1200"
DEFAULT_IMAGE_SIZES = "(min-width: 68rem) 68rem, 100vw"


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


def chrome_memo(context, name: str, render):
    """Site chrome HTML rendered once per process, `global` version and language (cms.cache.request_memo).

    Why: the navigation and the footer are the same on every page of a section, and rendering them was about a
    tenth of an uncached page's CPU (issue 19). `name` must say everything the fragment varies on besides the
    language; without a version on the request (CHROME_MEMO off) it renders every time."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return request_memo(request, f"html:{name}:{getattr(site, 'pk', '')}:{get_language()}", render)


@register.simple_tag(takes_context=True)
def main_nav(context):
    """Top navigation, marking the section the current page belongs to."""
    current_path = getattr(context.get("page"), "path", "")
    items = []
    for item in _menu_pages(context):
        # aria-current: "page" on the section itself, "true" on the section of a page further down.
        state = "page" if current_path == item.path else "true" if current_path.startswith(item.path) else ""
        items.append((item, state))
    marked = ",".join(f"{item.pk}={state}" for item, state in items if state)
    return chrome_memo(
        context, f"nav:{marked}", lambda: render_to_string("cms/includes/main_nav.html", {"items": items})
    )


class ChromeFragmentNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        return chrome_memo(context, f"fragment:{self.name}", lambda: self.nodelist.render(context))


@register.tag
def chrome_fragment(parser, token):
    """{% chrome_fragment "name" %}...{% endchrome_fragment %}: a part of the site chrome that reads nothing but the
    site settings, the menu and the language, rendered once per process and `global` version (chrome_memo)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("chrome_fragment takes one quoted name")
    nodelist = parser.parse(("endchrome_fragment",))
    parser.delete_first_token()
    return ChromeFragmentNode(bits[1][1:-1], nodelist)


@register.simple_tag(takes_context=True)
def section_cards(context):
    """The sections for the home page's cards: the same rows as the navigation, no extra query."""
    return _menu_pages(context)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page=None, extra_title=None):
    """Breadcrumbs from the site root down to the current page (or an extra, non-page crumb).

    Rendered once per process, page, language and content generation (cms.cache.content_memo): the ancestors'
    titles and URLs change only with content, and finding them was a query on pages that routing did not walk."""
    page = page or context.get("page")
    request = context.get("request")

    def render():
        crumbs = []
        if isinstance(page, Page) and page.depth > 2:
            crumbs = breadcrumb_ancestors(page)
        values = {"request": request, "crumbs": crumbs, "page": page, "extra_title": extra_title}
        return render_to_string("cms/includes/breadcrumbs.html", values)

    if not isinstance(page, Page) or request is None or getattr(request, "is_preview", False):
        return render()
    site = Site.find_for_request(request)
    key = ("breadcrumbs", getattr(site, "pk", None), get_language(), page.pk, page.title, str(extra_title or ""))
    return mark_safe(content_memo(request, key, render))  # noqa: S308 (HTML our template rendered)


# Pagination -------------------------------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def page_url(context, number, param="page"):
    """The current URL with only the page number changed (cms.pager.page_hrefs); page 1 drops the parameter."""
    return page_hrefs(context.get("request"), param)(number)


@register.simple_tag(takes_context=True)
def pager(context, page_obj, param="page", fragment=""):
    """The pager of a paged list (cms.pager): nothing for a single page."""
    return pager_html(context.get("request"), page_obj, param or "page", fragment or "")


# Responsive images ------------------------------------------------------------------------------------------


def _parse_widths(widths):
    values = sorted({int(part) for part in str(widths).replace(" ", "").split(",") if part})
    if not values or values[0] <= 0:
        raise template.TemplateSyntaxError(f"responsive_image needs positive widths, got {widths!r}")
    return values


@register.simple_tag
def responsive_image(image, widths=DEFAULT_IMAGE_WIDTHS, sizes=DEFAULT_IMAGE_SIZES, **attrs):
    """An <img> with a srcset of width-N renditions, intrinsic size and lazy loading.

    width/height carry the largest rendition's size, so the browser reserves the right box before the file
    arrives and CSS (max-width: 100%) scales it down; src is the smallest file, for the oldest browsers.

    Widths larger than the original are clipped to it (Wagtail never upscales), so every srcset descriptor is
    the real width of its file. `alt` defaults to the image's required alt text; pass alt="" for decoration.
    Other keyword arguments become attributes (class, loading="eager" for the first screen, format="webp").
    """
    if not image:
        return ""
    requested = _parse_widths(widths)
    clipped = sorted({min(width, image.width) for width in requested})
    output_format = attrs.pop("format", None)
    suffix = f"|format-{output_format}" if output_format else ""
    specs = [f"width-{width}{suffix}" for width in clipped]
    renditions = image.get_renditions(*specs)
    ordered = [renditions[spec] for spec in specs]
    smallest, largest = ordered[0], ordered[-1]
    alt = attrs.pop("alt", None)
    if alt is None:
        alt = image.alt_text or image.title
    attributes = {
        "src": smallest.url,
        "srcset": ", ".join(f"{rendition.url} {rendition.width}w" for rendition in ordered),
        "sizes": sizes,
        "width": largest.width,
        "height": largest.height,
        "alt": alt,
        "loading": attrs.pop("loading", "lazy"),
        "decoding": attrs.pop("decoding", "async"),
    }
    attributes.update({key.replace("_", "-"): value for key, value in attrs.items()})
    return format_html("<img {}>", format_html_join(" ", '{}="{}"', attributes.items()))


# Sharing ----------------------------------------------------------------------------------------------------


@register.inclusion_tag("cms/includes/share_qr.html", takes_context=True)
def share_qr(context):
    """The page's QR code (SVG, made on the server) with its address, for sharing in WeChat."""
    url = page_share_url(context)
    return {"url": url, "svg": qr_svg(url)}
