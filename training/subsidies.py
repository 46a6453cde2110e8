"""Which subsidy rule (补贴标准) applies: a pure function over rule rows, tested with fixed dates.

A rule names an occupation or, with none, every listed shortage occupation (急需紧缺职业, clause （十二）); a level
or every level; a 市州 or, with none, the whole province. For a given occupation, level, 市州 and day the most
specific rule wins: a 市州 rule beats a provincial one, then an occupation rule beats an "all shortage
occupations" one, then a level rule beats an "all levels" one. Two rules with the same scope may not be valid on
the same day (that would leave the amount to chance), so such an overlap is refused when saving or importing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Protocol


class RuleLike(Protocol):
    occupation_id: int | None
    level: int | None
    city: str
    valid_from: datetime.date
    valid_to: datetime.date | None


def is_valid_on(rule: RuleLike, day: datetime.date) -> bool:
    return rule.valid_from <= day and (rule.valid_to is None or day <= rule.valid_to)


def applies(rule: RuleLike, occupation_id: int, is_shortage: bool, level: int, city: str, day: datetime.date) -> bool:
    if not is_valid_on(rule, day):
        return False
    if rule.occupation_id is None and not is_shortage:
        return False
    if rule.occupation_id is not None and rule.occupation_id != occupation_id:
        return False
    if rule.level is not None and rule.level != level:
        return False
    return not rule.city or rule.city == city


def specificity(rule: RuleLike) -> tuple[bool, bool, bool]:
    return (bool(rule.city), rule.occupation_id is not None, rule.level is not None)


def resolve_subsidy(
    rules: Iterable[RuleLike], occupation_id: int, is_shortage: bool, level: int, city: str, day: datetime.date
):
    """The rule that sets the subsidy for this occupation, level and 市州 ("" = province) on `day`, or None."""
    candidates = [rule for rule in rules if applies(rule, occupation_id, is_shortage, level, city, day)]
    return max(candidates, key=specificity, default=None)


def same_scope(first: RuleLike, second: RuleLike) -> bool:
    return (first.occupation_id, first.level, first.city or "") == (
        second.occupation_id,
        second.level,
        second.city or "",
    )


def periods_overlap(first: RuleLike, second: RuleLike) -> bool:
    far = datetime.date.max
    return first.valid_from <= (second.valid_to or far) and second.valid_from <= (first.valid_to or far)


def overlapping_rules(rule: RuleLike, others: Iterable[RuleLike]) -> list:
    """The rules among `others` with the same scope whose validity overlaps `rule`'s."""
    return [other for other in others if other is not rule and same_scope(rule, other) and periods_overlap(rule, other)]
