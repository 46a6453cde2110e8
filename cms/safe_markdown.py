"""The one Markdown renderer: Markdown → HTML → nh3, so nothing an editor or an import file writes reaches a page
unsanitised. Module bodies, policy answers and key points all go through here (there were two copies with
different allow-lists).
"""

import functools
import html
import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align", "scope"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]
HEADING = re.compile(r"<(/?)h([1-6])\b")


def sanitise_html(value: str) -> str:
    """Keep a small set of harmless tags; scripts, styles, event handlers, comments and javascript: links go."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str, *, heading_offset: int = 1) -> SafeString:
    """Markdown to safe HTML. Raw HTML is allowed by Markdown's syntax, so nh3 is what keeps pages safe.

    Markdown sits under the page's h1 (and often an h2 section): its headings move `heading_offset` levels down.
    The result depends on nothing but the text and the offset, so it is remembered per process by its text: an
    edited body is a different key (never stale), and an unchanged one is not parsed again on every page render.
    """
    if not text:
        return mark_safe("")
    if len(text) > MEMO_MAX_CHARS:
        return _render(text, heading_offset)
    return _render_memo(text, heading_offset)


def _render(text: str, heading_offset: int) -> SafeString:
    raw = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    if heading_offset:
        raw = HEADING.sub(lambda match: f"<{match.group(1)}h{min(int(match.group(2)) + heading_offset, 6)}", raw)
    return mark_safe(sanitise_html(raw))  # noqa: S308  (sanitised by nh3 just above)


# At most MEMO_SIZE bodies of at most MEMO_MAX_CHARS each (a few MB per worker); longer bodies render every time.
MEMO_SIZE = 512
MEMO_MAX_CHARS = 20_000
_render_memo = functools.lru_cache(maxsize=MEMO_SIZE)(_render)


def markdown_to_text(text: str) -> str:
    """Plain text of Markdown for search documents and share descriptions: no tags, whitespace collapsed."""
    if not text:
        return ""
    stripped = nh3.clean(render_markdown(text), tags=set(), attributes={})
    return re.sub(r"\s+", " ", html.unescape(stripped)).strip()
