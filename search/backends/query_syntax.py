"""Full-text query strings built from an analysed query, one builder per engine syntax.

A query is a list of groups joined by AND (or OR when the AND query found nothing); a group is satisfied by any of
its alternatives; an alternative needs all of its tokens. Tokens are word characters only (see search.analysis),
so quoting them is enough to make the strings safe for FTS5 and to_tsquery.
"""

from __future__ import annotations

from search.query_analysis import AnalysedQuery

AND, OR = "and", "or"


def _join(parts: list[str], operator: str) -> str:
    if len(parts) == 1:
        return parts[0]
    return "(" + f" {operator} ".join(parts) + ")"


def fts5_query(query: AnalysedQuery, mode: str = AND, prefix_last: bool = False) -> str:
    """SQLite FTS5 MATCH syntax."""
    groups = []
    for number, group in enumerate(query.groups, start=1):
        star = "*" if prefix_last and number == len(query.groups) else ""
        alternatives = [_join([f'"{token}"{star}' for token in alt], "AND") for alt in group.alternatives]
        groups.append(_join(alternatives, "OR"))
    return _join(groups, "AND" if mode == AND else "OR")


def tsquery(query: AnalysedQuery, mode: str = AND, prefix_last: bool = False) -> str:
    """PostgreSQL to_tsquery syntax (use with the `simple` configuration)."""
    groups = []
    for number, group in enumerate(query.groups, start=1):
        star = ":*" if prefix_last and number == len(query.groups) else ""
        alternatives = [_join([f"'{token}'{star}" for token in alt], "&") for alt in group.alternatives]
        groups.append(_join(alternatives, "|"))
    return _join(groups, "&" if mode == AND else "|")
