"""Query-planner statistics: gathered after bulk writes, refreshed cheaply when a worker leaves.

Why: SQLite plans without statistics until ANALYZE has run. At 50× the demo content the unfiltered campaign
calendar scanned the page table (7-8 ms) where, with statistics, it used an index (0.22 ms); nothing ever ran
ANALYZE. PostgreSQL's autovacuum keeps its own statistics; ANALYZE there only makes them current at once after a
bulk load instead of minutes later.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)


def analyse(using: str = "default") -> None:
    """Statistics for every table, now: after a bulk load (demo content, imports, a search index rebuild)."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")


def optimise(using: str = "default") -> None:
    """SQLite's periodic refresh, cheap by design: PRAGMA optimize re-analyses only the tables this connection's
    queries lacked statistics for or whose size changed a lot, each read up to analysis_limit rows. Never raises:
    it runs while a worker leaves (cms.gunicorn_conf.worker_exit)."""
    connection = connections[using]
    if connection.vendor != "sqlite" or connection.connection is None:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA analysis_limit=1000")
            cursor.execute("PRAGMA optimize")
    except DatabaseError:
        logger.warning("PRAGMA optimize failed", exc_info=True)
