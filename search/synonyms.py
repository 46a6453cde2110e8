"""同义词: term groups applied to every query, so trainees' everyday words (保姆, 月嫂, 老年痴呆, 褥疮) find the
pages written in the catalogue's words (家政服务员, 母婴护理员, 失智, 压疮).

The groups are data: the 同义词 snippet (SynonymGroup rows, seeded from `data/synonyms.txt`, edited by 课程审核 and
站点管理) plus every live occupation's title and aliases. They are applied at query time (search.analysis turns a
matched term into alternatives), so an edit changes the next search without a reindex; the table is rebuilt in
each process when the shared version key changes. The Elasticsearch mapping carries the same groups
(`elasticsearch_rules`).
"""

from __future__ import annotations

import re
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import normalise
from .query_analysis import analyse_query
from .synonym_group import MAX_TERM_LENGTH, SynonymGroup, split_terms

DEFAULTS_PATH = Path(__file__).with_name("data") / "synonyms.txt"
__all__ = ["MAX_TERM_LENGTH", "SynonymTable", "changed", "current", "elasticsearch_rules", "split_terms"]
VERSION_KEY = "search:synonyms-version"


def parse_defaults(text: str) -> list[tuple[str, list[str]]]:
    """`preferred = variant, variant` lines (comments start with #) -> [(preferred, [variants])]."""
    groups = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        preferred, separator, variants = line.partition("=")
        if not separator or not preferred.strip() or not split_terms(variants):
            raise ValueError(f"{DEFAULTS_PATH.name} line {number}: expected 'preferred = variant, variant'")
        groups.append((preferred.strip(), split_terms(variants)))
    return groups


def default_groups() -> list[tuple[str, list[str]]]:
    return parse_defaults(DEFAULTS_PATH.read_text(encoding="utf-8"))


@dataclass
class SynonymTable:
    """Normalised term groups. `equivalents[term]` = every term sharing a group with it (itself first);
    `occupations[term]` = the occupation reference (code, or name when it has none) a term names."""

    groups: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)  # (terms, both ways)
    equivalents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    occupations: dict[str, str] = field(default_factory=dict)
    version: str = ""

    @classmethod
    def build(cls, groups, occupations=(), version: str = "") -> SynonymTable:
        """`groups`: iterables of terms (the preferred one first); `occupations`: (reference, [names])."""

        table = cls(version=version)
        merged: dict[str, dict[str, None]] = {}
        for group in groups:
            terms = tuple(dict.fromkeys(t for t in (_term(normalise(term)) for term in group) if t))
            if len(terms) < 2:
                continue
            table.groups.append((terms, False))
            # A variant finds its whole group; the preferred term (the word our pages use) stays as it is, so
            # a search in the catalogue's own words keeps its ranking.
            merged.setdefault(terms[0], {terms[0]: None})
            for term in terms[1:]:
                merged.setdefault(term, {term: None}).update(dict.fromkeys(terms))
        for reference, names in occupations:
            # An occupation's title and aliases are official names alike: each finds all the others.
            terms = tuple(dict.fromkeys(t for t in (_term(normalise(name)) for name in names) if t))
            for term in terms:
                table.occupations.setdefault(term, reference)
                merged.setdefault(term, {term: None}).update(dict.fromkeys(terms))
            if len(terms) >= 2:
                table.groups.append((terms, True))
        table.equivalents = {term: tuple(values) for term, values in merged.items()}
        # Terms naming an occupation through a group (月嫂 -> 母婴护理员) name it too.
        for term, values in table.equivalents.items():
            if term not in table.occupations:
                for value in values:
                    if value in table.occupations:
                        table.occupations[term] = table.occupations[value]
                        break
        return table

    def __contains__(self, term: str) -> bool:
        return term in self.equivalents

    @property
    def longest(self) -> int:
        return max((len(term) for term in self.equivalents), default=0)


def _term(value: str) -> str:
    """A term as matched against query text: normalised, without spaces or punctuation."""
    return re.sub(r"[\W_]+", "", value)[:MAX_TERM_LENGTH]


# --- the current table (per process, rebuilt when the shared version changes) -------------------------------

_lock = threading.Lock()
_current: SynonymTable | None = None


def changed() -> None:
    """Call after any edit that changes the groups: every process rebuilds its table before its next search."""
    from django.core.cache import cache

    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _version() -> str:
    from django.core.cache import cache

    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY) or ""
    return version


def _occupation_names():
    """(reference, [title, *aliases]) of every live occupation page (curricula.Occupation, by string reference)."""
    from django.apps import apps

    try:
        model = apps.get_model("curricula", "Occupation")
    except LookupError:
        return []
    rows = model.objects.live().public().only("title", "code", "alias_names")
    return [(occupation.code or occupation.title, [occupation.title, *occupation.alias_list]) for occupation in rows]


def load_table(version: str = "") -> SynonymTable:

    groups = [[group.term, *split_terms(group.variants)] for group in SynonymGroup.objects.filter(active=True)]
    return SynonymTable.build(groups, _occupation_names(), version=version)


def current() -> SynonymTable:
    """The table for this request: one cache read when nothing changed."""
    global _current
    version = _version()
    table = _current
    if table is not None and table.version == version:
        return table
    with _lock:
        if _current is None or _current.version != version:
            _current = load_table(version)
        return _current


def ensure_defaults(log=None) -> int:
    """Add the shipped default groups that are missing (by preferred term); edited groups are left alone."""

    existing = set(SynonymGroup.objects.values_list("term", flat=True))
    missing = [
        SynonymGroup(term=term, variants="、".join(variants))
        for term, variants in default_groups()
        if term not in existing
    ]
    # A preferred term may head two default lines (婴幼儿照护): keep one row each, variants joined.
    by_term: dict[str, SynonymGroup] = {}
    for group in missing:
        if group.term in by_term:
            by_term[group.term].variants += "、" + group.variants
        else:
            by_term[group.term] = group
    SynonymGroup.objects.bulk_create(by_term.values())
    if by_term:
        changed()
    if log:
        log(f"同义词：新增 {len(by_term)} 组默认词组，共 {SynonymGroup.objects.count()} 组")
    return len(by_term)


# --- Elasticsearch ---------------------------------------------------------------------------------------


def elasticsearch_rules(table: SynonymTable | None = None) -> list[str]:
    """Solr-format rules over search.analysis tokens (the index's whitespace tokens), one per group, with the same
    directions as the query-time expansion: `老年 痴呆, 认知症 => 失智, 老年 痴呆, 认知症` (variants find the
    preferred term) and `保育师, 保育员` (an occupation's names find each other)."""

    table = table if table is not None else current()
    rules = []
    for terms, both_ways in table.groups:
        spelled = []
        for term in terms:
            words = [group.text for group in analyse_query(term).groups]
            if words and all(re.fullmatch(r"\w+", word) for word in words):
                spelled.append(" ".join(words))
        spelled = list(dict.fromkeys(spelled))
        if len(spelled) < 2:
            continue
        if both_ways:
            rules.append(", ".join(spelled))
        else:
            rules.append(f"{', '.join(spelled[1:])} => {', '.join(spelled)}")
    return rules
