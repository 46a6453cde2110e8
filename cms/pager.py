"""The pager of a paged list, built in Python once per list.

Why: as a template (cms/includes/pagination.html) it cost about 0.35 ms a list, a translation and a copy of the
query string per link; at 50× the content every paged list shows one, so it was most of what those pages grew by
(issue 19). The HTML is the template's: same links, labels and attributes.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cms.words import once


def page_hrefs(request, param: str = "page"):
    """A function giving the current URL with only the page number changed, so filters and the search query survive
    paging; page 1 drops the parameter (one canonical address). Equal to changing a copy of request.GET per link:
    the parameter keeps its place among the others, or comes last."""
    if request is None:
        return lambda number: f"?{param}={number}"
    items = list(request.GET.lists())  # pairs encoded as QueryDict.urlencode does, without copying it twice
    keys = [key for key, _values in items]
    position = keys.index(param) if param in keys else len(keys)
    head = urlencode([(key, value) for key, values in items[:position] for value in values])
    tail = urlencode([(key, value) for key, values in items[position + 1 :] for value in values])
    first = "&".join(part for part in (head, tail) if part)

    def href(number) -> str:
        if str(number) == "1":
            return f"?{first}" if first else request.path
        return "?" + "&".join(part for part in (head, urlencode({param: number}), tail) if part)

    return href


def pager_words() -> tuple[str, ...]:
    """The pager's words in the active language, translated once per process and language (cms.words): five lookups
    a list were half the pager's time."""
    return once(_translate_pager_words)


def _translate_pager_words() -> tuple[str, ...]:
    return (
        gettext("第 %(number)s 页"),
        escape(gettext("上一页")),
        escape(gettext("下一页")),
        escape(gettext("分页")),
        gettext("第 %(number)s 页，共 %(pages)s 页（%(total)s 条）"),
    )


def pager_html(request, page_obj, param: str = "page", fragment: str = "") -> SafeString:
    """The pager's <nav>, or nothing for a single page. Every value in it is escaped: links (the query string may
    hold anything a visitor typed) and the fragment; numbers and translated labels are the project's own."""
    if not page_obj or page_obj.paginator.num_pages <= 1:
        return mark_safe("")  # noqa: S308 (empty)
    href = page_hrefs(request, param)
    anchor = escape(f"#{fragment}") if fragment else ""
    paginator, current = page_obj.paginator, page_obj.number
    label, previous, following, name, summary_text = pager_words()
    items = []
    if page_obj.has_previous():
        items.append(f'<li><a href="{escape(href(current - 1))}{anchor}" rel="prev">{previous}</a></li>')
    for number in paginator.get_elided_page_range(current, on_each_side=1, on_ends=1):
        if not isinstance(number, int):  # the ellipsis: a lazy translation, costly to compare with ==
            items.append('<li><span class="gap">…</span></li>')
            continue
        marker = ' aria-current="page"' if number == current else ""
        named = escape(label % {"number": number})
        items.append(f'<li><a href="{escape(href(number))}{anchor}"{marker} aria-label="{named}">{number}</a></li>')
    if page_obj.has_next():
        items.append(f'<li><a href="{escape(href(current + 1))}{anchor}" rel="next">{following}</a></li>')
    summary = summary_text % {
        "number": current,
        "pages": paginator.num_pages,
        "total": paginator.count,
    }
    return mark_safe(  # noqa: S308 (every part escaped above)
        f'<nav class="pagination" aria-label="{name}"><p class="pagination-summary">'
        f"{escape(summary)}</p><ul>{''.join(items)}</ul></nav>"
    )
