"""Demo content of the progress section: the seed plan's four targets (clause （二）) with their clause, a table of
60+ population per 市州, monthly figures for 2021–2022 and the public 进度 page.

Population and monthly figures are example values (示例值), flagged as such on the page: we cite no statistics.
Figures are generated from a fixed formula (no randomness), so a second load produces the same numbers.
"""

import datetime
from decimal import Decimal

from django.apps import apps

from cms.demo_tools import ensure_child
from cms.models import HomePage
from cms.reference import CITY_NAMES

from .models import ElderlyPopulation, Measure, ProgressFigure, ProgressPage, Target

ORDER = 25  # after policy (20): targets link to the seed document's clause
PAGE_SLUG = "progress"
EXPLAINER_SLUG = "kangyang-training-plan-explained"  # the policy demo's explainer of the seed document
SEED_NUMBER = "川人社办发〔2021〕26号"
POPULATION_YEAR = 2020
POPULATION_SOURCE = "示例值（演示数据，非统计数据）"

# (measure, kind, target number, split by population) as in clause （二）; （十一） splits all but 孤残儿童护理员.
TARGETS = [
    ("养老护理员", "occupation", 140_000, True),
    ("孤残儿童护理员", "occupation", 1_000, False),
    ("养老院院长", "role", 3_000, True),
    ("老年社会工作者", "role", 8_000, True),
]

# 60+ population at the end of 2020 per 市州 in official order: example values (示例值), roughly the shape of
# the province (a large capital, small plateau prefectures), not statistics.
EXAMPLE_POPULATION = [
    3_760_000, 710_000, 290_000, 1_000_000, 870_000, 1_150_000, 640_000, 720_000, 830_000, 790_000,
    1_520_000, 750_000, 1_070_000, 840_000, 1_400_000, 330_000, 700_000, 640_000, 140_000, 130_000, 620_000,
]  # fmt: skip

FIRST_MONTH = datetime.date(2021, 1, 1)
MONTHS = 24


def ensure_page(log):
    home = HomePage.objects.first()
    if home is None:
        log("未找到首页：跳过进度页面")
        return None
    # The site tree (cms.demo) normally made it already, in its place in the menu; this completes an older site.
    page, created = ensure_child(
        home,
        ProgressPage,
        PAGE_SLUG,
        title="培训进度",
        intro="康养职业技能培训计划的目标任务、各市州分解任务和每月进度。演示数据为示例值。",
        search_description="康养职业技能培训计划的目标任务、各市州分解任务和每月进度。",
        show_in_menus=True,
    )
    if created:
        log(f"进度页面：{page.url}")
    return page


def ensure_targets(log):
    document = apps.get_model("policy", "PolicyDocument").objects.filter(document_number=SEED_NUMBER).first()
    occupations = apps.get_model("curricula", "Occupation").objects
    created = 0
    for order, (name, kind, number, split) in enumerate(TARGETS):
        measure, _ = Measure.objects.get_or_create(name=name, defaults={"kind": kind, "sort_order": order})
        if kind == "occupation" and measure.occupation_id is None:
            occupation = occupations.filter(title=name).first()
            if occupation is not None:
                measure.occupation = occupation
                measure.save()
        _, made = Target.objects.get_or_create(
            measure=measure,
            end_month=datetime.date(2022, 12, 1),
            defaults={
                "number": number,
                "start_month": FIRST_MONTH,
                "split_by_population": split,
                "document": document,
                "clause": "二",
                "sort_order": order,
            },
        )
        created += made
    log(f"目标任务：{len(TARGETS)} 项（新建 {created} 项），依据 {SEED_NUMBER} 第（二）条")


def ensure_population(log):
    existing = set(ElderlyPopulation.objects.filter(year=POPULATION_YEAR).values_list("city", flat=True))
    rows = [
        ElderlyPopulation(
            year=POPULATION_YEAR, city=city, population=population, is_example=True, source=POPULATION_SOURCE
        )
        for city, population in zip(CITY_NAMES, EXAMPLE_POPULATION, strict=True)
        if city not in existing
    ]
    ElderlyPopulation.objects.bulk_create(rows)
    log(f"老年人口：{POPULATION_YEAR} 年底 21 个市州（示例值，新建 {len(rows)} 行）")


def example_figures(measure_index: int, city_index: int, month_index: int, monthly_base: float) -> tuple:
    """Deterministic example numbers: a slow ramp with a seasonal wiggle, varying by 市州."""
    ramp = 0.55 + 0.9 * month_index / MONTHS
    wiggle = 1 + 0.15 * ((month_index * 7 + city_index * 3 + measure_index) % 5 - 2) / 2
    pace = 0.75 + 0.05 * ((city_index * 5) % 9)
    trained = round(monthly_base * ramp * wiggle * pace)
    certified = round(trained * (0.6 + 0.03 * ((city_index + month_index) % 8)))
    subsidy = Decimal(trained * (900 + 50 * (measure_index % 3)))
    return trained, certified, subsidy


def ensure_figures(log):
    if ProgressFigure.objects.exists():
        log("月度进度：已有数据，保持不变")
        return
    weights = dict(zip(CITY_NAMES, EXAMPLE_POPULATION, strict=True))
    total_weight = sum(EXAMPLE_POPULATION)
    rows = []
    for measure_index, (name, _, number, _) in enumerate(TARGETS):
        measure = Measure.objects.get(name=name)
        for city_index, city in enumerate(CITY_NAMES):
            monthly_base = number * weights[city] / total_weight / MONTHS
            for month_index in range(MONTHS):
                month = datetime.date(FIRST_MONTH.year + month_index // 12, month_index % 12 + 1, 1)
                trained, certified, subsidy = example_figures(measure_index, city_index, month_index, monthly_base)
                rows.append(
                    ProgressFigure(
                        measure=measure,
                        city=city,
                        month=month,
                        trained=trained,
                        certified=certified,
                        subsidy=subsidy,
                    )
                )
    ProgressFigure.objects.bulk_create(rows, batch_size=2000)
    log(f"月度进度：{len(rows)} 行示例值（{len(TARGETS)} 项 × 21 个市州 × {MONTHS} 个月）")


def ensure_explainer_block(log):
    """The seed document's explainer shows the 养老护理员 target's progress (a 进度 block), once."""
    explainer = apps.get_model("policy", "PolicyExplainer").objects.filter(slug=EXPLAINER_SLUG).first()
    target = Target.objects.filter(measure__name=TARGETS[0][0]).first()
    if explainer is None or target is None or explainer.progress_figures:
        return
    explainer.progress_figures = [("progress", {"target": target, "city": ""})]
    explainer.save_revision().publish()
    log(f"进度模块：加入政策解读「{explainer.title}」")


def load(log):
    ensure_targets(log)
    ensure_population(log)
    ensure_figures(log)
    ensure_page(log)
    ensure_explainer_block(log)
