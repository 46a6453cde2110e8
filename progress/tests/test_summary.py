"""Progress against targets: each target counts the figures of its own measure in its own months, also when two
targets share a measure with overlapping periods, for the province and for one 市州."""

import datetime
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from cms.reference import CITY_NAMES
from progress.models import ProgressFigure, Target, target_progress
from progress.quotas import largest_remainder

from .factories import make_figure, make_measure, make_target

D = datetime.date


def by_hand(target, city=None):
    """(trained, certified, subsidy) per 市州, summed in Python over the figures the target counts."""
    sums = {}
    for figure in ProgressFigure.objects.filter(measure_id=target.measure_id):
        if target.start_month <= figure.month <= target.end_month and city in (None, figure.city):
            trained, certified, subsidy = sums.get(figure.city, (0, 0, Decimal(0)))
            sums[figure.city] = (trained + figure.trained, certified + figure.certified, subsidy + figure.subsidy)
    return sums


@pytest.mark.django_db
@pytest.mark.parametrize("city", [None, "成都", "凉山", "自贡"])
def test_each_target_counts_its_own_measure_and_months(carer_target, city):
    carer = carer_target.measure
    later = make_target(carer, 50_000, start=D(2022, 6, 1), end=D(2023, 6, 1))  # overlaps the carer target
    head = make_target(make_measure("养老院院长", kind="role"), 3_000, split_by_population=False)
    figures = [
        (carer, "成都", D(2021, 3, 1), 1200, 900, 120000),
        (carer, "成都", D(2022, 8, 1), 40, 30, 4000),  # both carer targets
        (carer, "凉山", D(2023, 1, 1), 300, 150, 30000),  # the later target only
        (carer, "凉山", D(2020, 12, 1), 7, 7, 700),  # before every target
        (head.measure, "成都", D(2021, 5, 1), 5, 5, 500),
    ]
    for row in figures:
        make_figure(*row)
    targets = list(Target.objects.select_related("measure", "document"))
    for progress in target_progress(targets, city):
        expected = by_hand(progress.target, city)
        assert [row.city for row in progress.cities] == ([city] if city else list(CITY_NAMES))
        for row in progress.cities:
            assert (row.trained, row.certified, row.subsidy) == expected.get(row.city, (0, 0, Decimal(0)))
    province = {item.target.pk: item for item in target_progress(targets)}
    assert province[carer_target.pk].trained == 1240 and province[later.pk].trained == 340
    assert province[head.pk].trained == 5 and not province[head.pk].has_quotas
    assert target_progress([]) == []


@pytest.mark.django_db
def test_more_targets_than_one_prepared_query_binds_are_all_counted():
    """Targets go to the database PREPARED_TARGETS at a time (cms.prepared.padded_chunks): every chunk is counted,
    the padded one included, and each target once."""
    from progress.models.summary import PREPARED_TARGETS
    from progress.public import snapshots

    measure = make_measure()
    targets = [make_target(measure, 1_000 + number, start=D(2021, 1 + number, 1)) for number in range(11)]
    assert len(targets) > PREPARED_TARGETS
    for number in range(11):
        make_figure(measure, "成都", D(2021, 1 + number, 1), 10 + number)
    progress = target_progress(list(Target.objects.select_related("measure", "document")))
    assert sorted(item.target.pk for item in progress) == sorted(target.pk for target in targets)
    for item in progress:
        assert item.trained == sum(by_hand(item.target).get("成都", (0,))[:1]) > 0
    shown = snapshots([(target.pk, "") for target in targets] + [(target.pk, "成都") for target in targets[:2]])
    assert [snapshot is not None for snapshot in shown] == [True] * 13


def test_largest_remainder_matches_exact_fractions():
    """Whole-number remainders rank the parts as the exact fractional parts do (same denominator)."""

    def with_fractions(total, weights):
        weight_sum = sum(weights)
        exact = [Fraction(total * weight, weight_sum) for weight in weights]
        parts = [int(share) for share in exact]
        order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), -weights[i], i))
        for index in order[: total - sum(parts)]:
            parts[index] += 1
        return parts

    generator = random.Random(26)
    for _ in range(500):
        weights = [generator.choice([0, 1, 7, 100, generator.randrange(1, 5_000_000)]) for _ in range(21)]
        if not any(weights):
            weights[0] = 1
        total = generator.randrange(0, 300_000)
        assert largest_remainder(total, weights) == with_fractions(total, weights)
