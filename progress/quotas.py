"""Splitting a target into 市州 quotas by population share (方案第（十一）条), so the quotas add up exactly.

Pure functions: no database, fixed inputs in the tests. Largest remainder (Hamilton) method: every part gets the
whole number below its exact share, and the units still missing go to the largest fractional remainders. Ties
go to the larger weight, then to the earlier part (the official 市州 order), so the result is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """Whole parts of `total` proportional to `weights`, summing exactly to `total`."""
    if total < 0:
        raise ValueError("total must not be negative")
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights)
    if not weights or weight_sum == 0:
        if total and weights:
            raise ValueError("cannot split a positive total by weights that are all zero")
        return [0] * len(weights)
    # Exact shares total × weight / weight_sum in whole numbers: the floor and the remainder over weight_sum (every
    # share has that denominator, so remainders compare as the fractional parts do).
    parts, remainders = zip(*(divmod(total * weight, weight_sum) for weight in weights), strict=True)
    parts = list(parts)
    missing = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda index: (-remainders[index], -weights[index], index))
    for index in order[:missing]:
        parts[index] += 1
    return parts


@dataclass(frozen=True)
class Quota:
    city: str
    population: int
    share: float  # of the province's population, 0–1
    quota: int


def city_quotas(total: int, populations: Sequence[tuple[str, int]]) -> list[Quota]:
    """[(city, population)] in display order → quotas with the share and the population they were computed from."""
    weights = [population for _, population in populations]
    parts = largest_remainder(total, weights)
    weight_sum = sum(weights) or 1
    return [
        Quota(city, population, population / weight_sum, part)
        for (city, population), part in zip(populations, parts, strict=True)
    ]
