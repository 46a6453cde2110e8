"""Page numbers from a visitor's URL, one rule for every paged list (a huge or odd number never reaches SQL)."""

# Beyond this, SQL integers overflow (SQLite: "datatype mismatch") long before any list is that long.
MAX_PAGE = 10_000


def page_number(value) -> int:
    """A positive int of at most MAX_PAGE; anything else is page 1."""
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError, OverflowError):
        return 1
