"""Markdown and plain text for answers and key points: everything user-supplied goes through nh3 first."""

import html

import markdown
import nh3
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise_html(value: str) -> str:
    """Keep a small set of harmless tags; scripts, styles, event handlers and javascript: links are dropped."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_markdown(value: str) -> SafeString:
    """Markdown (with raw HTML allowed by the syntax) → sanitised HTML that is safe to put on a page."""
    rendered = markdown.markdown(value or "", extensions=["extra", "sane_lists"], output_format="html")
    return mark_safe(sanitise_html(rendered))  # noqa: S308  (sanitised by nh3 just above)


def markdown_to_text(value: str) -> str:
    """Plain text of Markdown, for search documents and share descriptions."""
    return html.unescape(strip_tags(render_markdown(value))).strip()
