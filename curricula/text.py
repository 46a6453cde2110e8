"""Markdown for module bodies: rendered with `markdown`, then sanitised with nh3 before it reaches a page."""

import html
import re

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]
HEADING = re.compile(r"<(/?)h([1-6])\b")


def render_markdown(text: str) -> str:
    """Markdown to safe HTML. Raw HTML in the source is allowed by Markdown, so nh3 is what keeps pages safe."""
    if not text:
        return ""
    raw = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    # The body sits under the page's h1 and an h2 section: shift its headings one level down.
    raw = HEADING.sub(lambda match: f"<{match.group(1)}h{min(int(match.group(2)) + 1, 6)}", raw)
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown body for search: no tags, no markup, whitespace collapsed."""
    if not text:
        return ""
    stripped = nh3.clean(render_markdown(text), tags=set(), attributes={})
    return re.sub(r"\s+", " ", html.unescape(stripped)).strip()


def split_lines(value: str) -> list[str]:
    """One item per non-empty line (learning outcomes are authored one per line)."""
    return [line.strip().lstrip("-*·• ").strip() for line in (value or "").splitlines() if line.strip()]


ALIAS_SEPARATORS = re.compile(r"[、,，;；\n]+")


def split_aliases(value: str) -> list[str]:
    return [part.strip() for part in ALIAS_SEPARATORS.split(value or "") if part.strip()]
