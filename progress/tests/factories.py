"""Build progress data in the real database: measures, targets, population tables, figures, the 进度 page."""

import datetime
import io
from decimal import Decimal

from cms.reference import CITY_NAMES
from progress.models import ElderlyPopulation, Measure, ProgressFigure, ProgressPage, Target

# Fixed example weights (not statistics), one per 市州 in official order.
POPULATION = [
    3_760_000, 710_000, 290_000, 1_000_000, 870_000, 1_150_000, 640_000, 720_000, 830_000, 790_000,
    1_520_000, 750_000, 1_070_000, 840_000, 1_400_000, 330_000, 700_000, 640_000, 140_000, 130_000, 620_000,
]  # fmt: skip


def make_measure(name="养老护理员", **fields):
    measure, _ = Measure.objects.get_or_create(name=name, defaults=fields)
    return measure


def make_target(measure=None, number=140_000, start=datetime.date(2021, 1, 1), end=datetime.date(2022, 12, 1), **kw):
    return Target.objects.create(
        measure=measure or make_measure(), number=number, start_month=start, end_month=end, **kw
    )


def make_population(year=2020, weights=POPULATION, is_example=True):
    return ElderlyPopulation.objects.bulk_create(
        ElderlyPopulation(year=year, city=city, population=population, is_example=is_example)
        for city, population in zip(CITY_NAMES, weights, strict=True)
    )


def make_figure(measure, city, month, trained, certified=0, subsidy=0):
    return ProgressFigure.objects.create(
        measure=measure, city=city, month=month, trained=trained, certified=certified, subsidy=Decimal(subsidy)
    )


def month_at(first: datetime.date, index: int) -> datetime.date:
    months = first.year * 12 + first.month - 1 + index
    return datetime.date(months // 12, months % 12 + 1, 1)


def bulk_figures(measures, months=60, first=datetime.date(2021, 1, 1)) -> int:
    """21 市州 × measures × months rows with simple known numbers (trained = 10 + month index)."""
    rows = [
        ProgressFigure(
            measure=measure,
            city=city,
            month=month_at(first, index),
            trained=10 + index,
            certified=5,
            subsidy=Decimal(100),
        )
        for measure in measures
        for city in CITY_NAMES
        for index in range(months)
    ]
    ProgressFigure.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def make_progress_page(home, slug="progress"):
    """The 进度 section page (the site tree of `cms.demo` already has one: then that one)."""
    existing = ProgressPage.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    page = ProgressPage(title="培训进度", slug=slug)
    home.add_child(instance=page)
    page.save_revision().publish()
    return ProgressPage.objects.get(pk=page.pk)


def csv_bytes(rows, encoding="utf-8") -> bytes:
    return "\n".join(",".join(str(cell) for cell in row) for row in rows).encode(encoding)


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADER = ["月份", "市州", "统计对象", "培训人次", "取证人次", "补贴发放（元）"]
