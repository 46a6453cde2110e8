"""Importing monthly progress figures from XLSX/CSV: check everything first, then save all rows or none.

One row per 月份 × 市州 × 统计对象. A row whose (统计对象, 市州, 月份) is already stored replaces it, so a month
imported twice replaces, never adds. Every bad row is reported with its row number and column letter; a file
with any error saves nothing.
"""

import time

from .apply import save
from .parse import IMPORT_COLUMNS, FiguresReport, check

__all__ = ["IMPORT_COLUMNS", "FiguresReport", "check", "import_figures", "save"]


def import_figures(data: bytes, filename: str, *, dry_run: bool = False, user=None, today=None) -> FiguresReport:
    """Check the file; unless `dry_run` or any row is bad, save all of its rows."""
    started = time.monotonic()
    report = check(data, filename, today)
    report.dry_run = dry_run
    if report.ok and not dry_run:
        save(report, user, filename)
    report.seconds = time.monotonic() - started
    return report
