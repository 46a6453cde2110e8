"""A series' events one page at a time: one query returns the page and the total (a count subquery), no COUNT.

A series page once listed every event, so its time grew with the archive; now the work per request is bounded.
"""

from django.core.paginator import Page, Paginator

from cms.paging import page_number
from cms.sql import SubqueryCount

# Ten cards are two or three phone screens: a series holds one event per edition or stage, so the latest ten
# cover years, and the pager (which lands on the list) reaches the rest. Twenty cost twice the page's own time.
EVENTS_PER_PAGE = 10


def with_total(queryset, offset: int, per_page: int, counted=None):
    """The rows from `offset` of an ordered `.values()` queryset, each with the number of rows in all (n_total):
    the rows of `counted` when given (the same rows without the joins the listing adds)."""
    total = SubqueryCount(queryset if counted is None else counted)
    return queryset.annotate(n_total=total)[offset : offset + per_page]


def window_page(fetch, number, per_page: int | None = None) -> Page:
    """Page `number` (not an int: page 1; past the end: the last page) of the rows `fetch(offset, per_page)` gives:
    `.values()` rows with n_total, as `with_total` makes them."""
    per_page = per_page or EVENTS_PER_PAGE
    number = page_number(number)
    rows = fetch((number - 1) * per_page, per_page)
    if not rows and number > 1:
        first = fetch(0, per_page)
        total = first[0]["n_total"] if first else 0
        number = max((total + per_page - 1) // per_page, 1)
        rows = first if number == 1 else fetch((number - 1) * per_page, per_page)
    paginator = Paginator(rows, per_page)
    paginator.count = rows[0]["n_total"] if rows else 0  # known from the rows: no COUNT query
    return Page(rows, number, paginator)
