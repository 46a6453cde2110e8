"""A series' events one page at a time: one query returns the page and the total (a window count), no COUNT.

A series page once listed every event, so its time grew with the archive; now the work per request is bounded.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window

from cms.paging import page_number

# Ten cards are two or three phone screens: a series holds one event per edition or stage, so the latest ten
# cover years, and the pager (which lands on the list) reaches the rest. Twenty cost twice the page's own time.
EVENTS_PER_PAGE = 10


def _rows(queryset, offset: int, per_page: int) -> list:
    return list(queryset.annotate(n_total=Window(Count("pk")))[offset : offset + per_page])


def window_page(queryset, number, per_page: int | None = None) -> Page:
    """Page `number` of an ordered queryset of `.values()` rows (not an int: page 1; past the end: the last page)."""
    per_page = per_page or EVENTS_PER_PAGE
    number = page_number(number)
    rows = _rows(queryset, (number - 1) * per_page, per_page)
    if not rows and number > 1:
        first = _rows(queryset, 0, per_page)
        total = first[0]["n_total"] if first else 0
        number = max((total + per_page - 1) // per_page, 1)
        rows = first if number == 1 else _rows(queryset, (number - 1) * per_page, per_page)
    paginator = Paginator(rows, per_page)
    paginator.count = rows[0]["n_total"] if rows else 0  # known from the window count: no COUNT query
    return Page(rows, number, paginator)
