"""Recall@k of a search callable over a labelled query set: reused by the tests (test corpus) and by anyone who
labels queries over real content (for example the demo site: label with URLs, search with the service)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    expected: tuple[str, ...]  # identifiers the search must return in its first k results
    kind: str = ""  # what the query exercises: two-character word, traditional, pinyin, code...


@dataclass
class Evaluation:
    k: int
    recall: float
    per_query: list[tuple[LabelledQuery, float, list[str]]] = field(default_factory=list)

    @property
    def misses(self) -> list[tuple[str, list[str]]]:
        """(query, expected identifiers not found in the first k results) for every imperfect query."""
        found = []
        for labelled, recall, returned in self.per_query:
            if recall < 1:
                found.append((labelled.query, [e for e in labelled.expected if e not in returned[: self.k]]))
        return found

    def by_kind(self) -> dict[str, float]:
        totals: dict[str, list[float]] = {}
        for labelled, recall, _ in self.per_query:
            totals.setdefault(labelled.kind, []).append(recall)
        return {kind: sum(values) / len(values) for kind, values in sorted(totals.items())}


def load_labelled(path: str | Path) -> list[LabelledQuery]:
    """JSON: [{"query": "...", "expected": ["id", ...], "kind": "..."}]."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return [LabelledQuery(row["query"], tuple(row["expected"]), row.get("kind", "")) for row in rows]


def evaluate(labelled: list[LabelledQuery], search, k: int = 10) -> Evaluation:
    """`search(query) -> [identifier, ...]` best first. Recall of a query = share of its expected identifiers in
    the first k; the set's recall is the mean over queries."""
    per_query = []
    for item in labelled:
        returned = list(search(item.query))[:k]
        hits = sum(1 for expected in item.expected if expected in returned)
        per_query.append((item, hits / len(item.expected), returned))
    recall = sum(recall for _, recall, _ in per_query) / len(per_query) if per_query else 0.0
    return Evaluation(k=k, recall=recall, per_query=per_query)


def success_at(labelled: list[LabelledQuery], search, k: int = 3) -> Evaluation:
    """Success@k: a query succeeds when any of its expected identifiers is among the first k results (an everyday
    question is answered when one right page is at the top). `recall` holds the share of queries that succeed."""
    per_query = []
    for item in labelled:
        returned = list(search(item.query))[:k]
        success = 1.0 if any(expected in returned for expected in item.expected) else 0.0
        per_query.append((item, success, returned))
    share = sum(success for _, success, _ in per_query) / len(per_query) if per_query else 0.0
    return Evaluation(k=k, recall=share, per_query=per_query)
