"""The numbers behind the 进度 page, its downloads, its JSON and the 进度 block, computed in a fixed few queries.

Province figures are the sums of the 市州 rows computed here (never a separate query), so a province total always
equals the sum of its 市州. Progress against a target counts 培训人次 of the target's measure in the target's
months; the certification rate is 取证人次 / 培训人次 over the same rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Sum

from cms.prepared import PreparedQuery, padded_chunks
from cms.reference import CITY_NAMES

from ..quotas import city_quotas
from .figures import ElderlyPopulation, ProgressFigure
from .targets import Target


def ratio(part, whole) -> float | None:
    return (part / whole) if whole else None


@dataclass
class CityRow:
    city: str
    population: int | None = None
    share: float | None = None
    quota: int | None = None
    trained: int = 0
    certified: int = 0
    subsidy: Decimal = Decimal(0)

    @property
    def percent(self) -> float | None:
        return ratio(self.trained, self.quota)

    @property
    def certification_rate(self) -> float | None:
        return ratio(self.certified, self.trained)


@dataclass
class TargetProgress:
    target: Target
    cities: list[CityRow]
    population_year: int | None = None  # the year-end population the quotas come from; None: no split
    population_is_example: bool = False
    population_source: str = ""

    @property
    def trained(self) -> int:
        return sum(row.trained for row in self.cities)

    @property
    def certified(self) -> int:
        return sum(row.certified for row in self.cities)

    @property
    def subsidy(self) -> Decimal:
        return sum((row.subsidy for row in self.cities), Decimal(0))

    @property
    def percent(self) -> float | None:
        return ratio(self.trained, self.target.number)

    @property
    def certification_rate(self) -> float | None:
        return ratio(self.certified, self.trained)

    @property
    def has_quotas(self) -> bool:
        return self.population_year is not None

    def city(self, name: str) -> CityRow | None:
        return next((row for row in self.cities if row.city == name), None)

    def sorted_cities(self, sort: str) -> list[CityRow]:
        if sort == "quota" and self.has_quotas:
            return sorted(self.cities, key=lambda row: -(row.quota or 0))
        if sort == "done":
            return sorted(self.cities, key=lambda row: -row.trained)
        if sort == "percent" and self.has_quotas:
            return sorted(self.cities, key=lambda row: -(row.percent or 0))
        return list(self.cities)


@dataclass
class MonthPoint:
    month: datetime.date
    trained: int
    certified: int
    subsidy: Decimal

    @property
    def label(self) -> str:
        """“2024-03”: the month as the page, the downloads and the JSON write it."""
        return self.month.strftime("%Y-%m")


@dataclass
class MeasureRate:
    name: str
    trained: int
    certified: int

    @property
    def rate(self) -> float | None:
        return ratio(self.certified, self.trained)


@dataclass
class ProgressSummary:
    targets: list[TargetProgress]
    selected: TargetProgress | None
    months: list[MonthPoint] = field(default_factory=list)
    rates: list[MeasureRate] = field(default_factory=list)


def _populations() -> dict[int, list[tuple[str, int, bool, str]]]:
    """Every year's table (one query; 21 rows a year)."""
    by_year: dict[int, list] = {}
    for year, city, population, is_example, source in POPULATIONS():
        by_year.setdefault(year, []).append((city, population, is_example, source))
    return by_year


def _population_for(by_year, wanted: int):
    """The table of `wanted` or, failing that, the latest complete one before it (then any latest one)."""
    complete = [year for year, rows in by_year.items() if len(rows) == len(CITY_NAMES)]
    earlier = [year for year in complete if year <= wanted]
    year = max(earlier) if earlier else (max(complete) if complete else None)
    return year, (by_year.get(year) or [])


def target_progress(targets: list[Target], city: str | None = None) -> list[TargetProgress]:
    """Per-市州 progress of every target in one aggregate query, plus one for the population tables.

    The figures are joined to the targets (a figure counts for a target of its measure whose months include it) and
    grouped by target and 市州: a query of the same shape however many targets there are, where one filtered sum
    per target and figure column cost the ORM more to build than SQLite to run."""
    if not targets:
        return []
    ids = [target.pk for target in targets]
    found = [  # one compiled query per PREPARED_TARGETS targets (cms.prepared)
        row
        for chunk in padded_chunks(ids, PREPARED_TARGETS)
        for row in PROGRESS_ROWS(*chunk, city or "", shape=(bool(city),))
    ]
    rows = {(row["pk"], row["measure__figures__city"]): row for row in found}
    by_year = _populations() if any(target.split_by_population for target in targets) else {}
    cities = [city] if city else list(CITY_NAMES)
    result = []
    for target in targets:
        progress = TargetProgress(target, [])
        quotas = {}
        if target.split_by_population:
            year, table = _population_for(by_year, target.population_year)
            if year is not None:
                weights = {name: population for name, population, _, _ in table}
                ordered = [(name, weights[name]) for name in CITY_NAMES]
                quotas = {quota.city: quota for quota in city_quotas(target.number, ordered)}
                progress.population_year = year
                progress.population_is_example = any(row[2] for row in table)
                progress.population_source = next((row[3] for row in table if row[3]), "")
        for name in cities:
            row = rows.get((target.pk, name), {})
            quota = quotas.get(name)
            progress.cities.append(
                CityRow(
                    city=name,
                    population=quota.population if quota else None,
                    share=quota.share if quota else None,
                    quota=quota.quota if quota else None,
                    trained=row.get("trained", 0),
                    certified=row.get("certified", 0),
                    subsidy=row.get("subsidy", Decimal(0)),
                )
            )
        result.append(progress)
    return result


def monthly(target: Target) -> list[MonthPoint]:
    """The province's figures of the target's measure, month by month over all months on record (uses the
    (measure, city, month) index: a few ms for 60 months × 21 市州)."""
    rows = MONTHLY(target.measure_id)
    return [MonthPoint(row["month"], row["t"], row["c"], row["s"]) for row in rows]


def certification_rates() -> list[MeasureRate]:
    """取证人次 / 培训人次 of every measure over all figures on record (one row per measure; grouping by measure
    and month in one query instead was three times slower on 15,000 rows)."""
    rows = CERTIFICATION_RATES()
    return [MeasureRate(row["measure__name"], row["t"], row["c"]) for row in rows]


def all_targets() -> list[Target]:
    """Every target with its measure and document; targets citing the same document share one instance, so its
    outline (for the clause links) is built once."""
    targets = ALL_TARGETS()
    documents = {}
    for target in targets:
        if target.document_id is not None:
            target.document = documents.setdefault(target.document_id, target.document)
    return targets


def build_summary(selected_pk: int | None = None) -> ProgressSummary:
    """Everything the 进度 page shows (targets, 市州 of the chosen target, months, rates): five queries."""
    progress = target_progress(all_targets())
    selected = next((item for item in progress if item.target.pk == selected_pk), None)
    if selected is None and progress:
        selected = progress[0]
    return ProgressSummary(
        targets=progress,
        selected=selected,
        months=monthly(selected.target) if selected else [],
        rates=certification_rates(),
    )


# The page's queries, compiled once per process (cms.prepared).
PREPARED_TARGETS = 8


def progress_rows_query(*values):
    """Per target and 市州, the sums of the figures of the target's measure within its months (target_progress);
    `values`: the target ids, then the 市州 ("" for all) and whether to filter by it."""
    *ids, city, by_city = values
    in_period = {
        "pk__in": ids,
        "measure__figures__month__gte": F("start_month"),
        "measure__figures__month__lte": F("end_month"),
    }
    if by_city:
        in_period["measure__figures__city"] = city
    return (
        Target.objects.filter(**in_period)
        .values("pk", "measure__figures__city")
        .annotate(
            trained=Sum("measure__figures__trained", default=0),
            certified=Sum("measure__figures__certified", default=0),
            subsidy=Sum("measure__figures__subsidy", default=Decimal(0)),
        )
        .order_by()
    )


def monthly_query(measure_id: int):
    rows = ProgressFigure.objects.filter(measure_id=measure_id).values("month").order_by("month")
    return rows.annotate(t=Sum("trained"), c=Sum("certified"), s=Sum("subsidy"))


def certification_rates_query():
    rows = ProgressFigure.objects.values("measure__name", "measure__sort_order")
    return rows.order_by("measure__sort_order", "measure__name").annotate(t=Sum("trained"), c=Sum("certified"))


PROGRESS_ROWS = PreparedQuery(progress_rows_query, *[int] * PREPARED_TARGETS, str)
MONTHLY = PreparedQuery(monthly_query, int)
CERTIFICATION_RATES = PreparedQuery(certification_rates_query)
ALL_TARGETS = PreparedQuery(lambda: Target.objects.select_related("measure", "document"))
POPULATIONS = PreparedQuery(
    lambda: ElderlyPopulation.objects.values_list("year", "city", "population", "is_example", "source")
)
