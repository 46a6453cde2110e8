"""Spreadsheet exports that are safe to open in Excel or WPS.

A cell that begins with =, +, -, @, a tab or a carriage return is read as a formula by spreadsheet programs
(CSV/formula injection): `=HYPERLINK(...)` in a competitor's name would run when an organiser opens the file.
Every CSV and XLSX export of the project writes its cells through `safe_cell`.
"""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value, with text that a spreadsheet would take for a formula prefixed by an apostrophe.

    Numbers stay numbers (a negative score is data, not a formula); only text is neutralised.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
