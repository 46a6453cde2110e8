"""Full-text query strings built from an analysed query, one builder per engine syntax.

A query is a list of groups joined by AND (or OR when the AND query found nothing); a group is satisfied by any of
its alternatives; an alternative needs all of its tokens. Tokens are word characters only (see search.analysis),
so quoting them is enough to make the strings safe for FTS5 and to_tsquery.

An alternative that holds every token of another alternative of its group (and more) is left out: any document it
matches, the other matches already (养老 expands to 养老 | 养老 & 服务 | …, and 养老 & 服务 adds no document). It
only added work: FTS5 looked its phrases up again and bm25 scored them for every match (50× bench, 20,000
documents, 养老 matching 15,094: the count 3.6 -> 2.2 ms, the top 400 by bm25 31 -> 26 ms).
"""

from __future__ import annotations

from search.query_analysis import AnalysedQuery

AND, OR = "and", "or"


def _join(parts: list[str], operator: str) -> str:
    if len(parts) == 1:
        return parts[0]
    return "(" + f" {operator} ".join(parts) + ")"


def essential_alternatives(alternatives) -> list[tuple[str, ...]]:
    """The alternatives of a group that no other alternative implies, in their order: one whose tokens include all
    the tokens of another is dropped (a repeated one keeps its first occurrence)."""
    token_sets = [frozenset(alternative) for alternative in alternatives]
    kept = []
    for index, (alternative, tokens) in enumerate(zip(alternatives, token_sets, strict=True)):
        implied = any(
            other < tokens or (other == tokens and earlier < index) for earlier, other in enumerate(token_sets)
        )
        if not implied:
            kept.append(alternative)
    return kept


def fts5_query(query: AnalysedQuery, mode: str = AND, prefix_last: bool = False) -> str:
    """SQLite FTS5 MATCH syntax."""
    groups = []
    for number, group in enumerate(query.groups, start=1):
        star = "*" if prefix_last and number == len(query.groups) else ""
        alternatives = [
            _join([f'"{token}"{star}' for token in alt], "AND") for alt in essential_alternatives(group.alternatives)
        ]
        groups.append(_join(alternatives, "OR"))
    return _join(groups, "AND" if mode == AND else "OR")


def tsquery(query: AnalysedQuery, mode: str = AND, prefix_last: bool = False) -> str:
    """PostgreSQL to_tsquery syntax (use with the `simple` configuration)."""
    groups = []
    for number, group in enumerate(query.groups, start=1):
        star = ":*" if prefix_last and number == len(query.groups) else ""
        alternatives = [
            _join([f"'{token}'{star}" for token in alt], "&") for alt in essential_alternatives(group.alternatives)
        ]
        groups.append(_join(alternatives, "|"))
    return _join(groups, "&" if mode == AND else "|")
