"""Query cost as SQLite virtual-machine steps: exact and repeatable where a timing is not, so a test can show that a
query's cost stays flat as a table grows (an index lookup) rather than growing with it (a scan)."""

from django.db import connection


def sqlite_steps(function) -> int:
    """SQLite VM steps (in units of 10) spent while `function()` runs."""
    connection.ensure_connection()
    counter = [0]

    def tick():
        counter[0] += 1
        return 0

    connection.connection.set_progress_handler(tick, 10)
    try:
        function()
    finally:
        connection.connection.set_progress_handler(None, 10)
    return counter[0]
