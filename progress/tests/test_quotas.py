"""The rounding rule as a pure function with fixed inputs, and the quotas of the demo population."""

import pytest

from progress.demo import EXAMPLE_POPULATION, TARGETS
from progress.quotas import city_quotas, largest_remainder


def test_largest_remainder_fixed_inputs():
    # Exact shares 3.333…, 3.333…, 3.333…: one unit left over goes to the first part (ties: weight, then order).
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    # Shares 1.4, 2.4, 6.2 → floors 1, 2, 6 (9); the one missing unit goes to the larger remainder 0.4 of the
    # larger weight (2.4), not to 6.2 (remainder 0.2).
    assert largest_remainder(10, [14, 24, 62]) == [1, 3, 6]
    # Alabama-style case: 25 seats, shares 8.333, 8.333, 8.333 → 9, 8, 8.
    assert largest_remainder(25, [100, 100, 100]) == [9, 8, 8]
    # Larger remainder wins over order: shares 0.6, 1.7, 2.7 → floors 0, 1, 2; two units to 0.7, 0.7 (larger
    # weight first, both get one).
    assert largest_remainder(5, [6, 17, 27]) == [0, 2, 3]
    assert largest_remainder(0, [5, 5]) == [0, 0]
    assert largest_remainder(7, [0, 3, 0]) == [0, 7, 0]


def test_largest_remainder_rejects_impossible_inputs():
    with pytest.raises(ValueError):
        largest_remainder(5, [0, 0])
    with pytest.raises(ValueError):
        largest_remainder(-1, [1])
    with pytest.raises(ValueError):
        largest_remainder(5, [1, -1])


@pytest.mark.parametrize("name,kind,number,split", TARGETS)
def test_demo_quotas_add_up_exactly_to_each_target(name, kind, number, split):
    quotas = city_quotas(number, list(zip(range(21), EXAMPLE_POPULATION, strict=True)))
    assert len(quotas) == 21
    assert sum(quota.quota for quota in quotas) == number
    # Each quota is within one of its exact share.
    total = sum(EXAMPLE_POPULATION)
    for quota in quotas:
        assert abs(quota.quota - number * quota.population / total) < 1
    assert abs(sum(quota.share for quota in quotas) - 1) < 1e-9
