"""Reading and checking a file of monthly figures: every bad row named (row number, column letter), nothing
written."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.import_report import ImportReport
from cms.reference import find_city
from cms.tabular import RowError, UnreadableFile, column_letter, read_table

from ..models import Measure

MAX_ROWS = 50_000
# Canonical column → header spellings accepted (after removing spaces and full-width brackets' variants).
COLUMNS = {
    "month": ("月份", "月度", "统计月份"),
    "city": ("市州", "市（州）", "地区"),
    "measure": ("统计对象", "职业", "职业（工种）", "岗位"),
    "trained": ("培训人次",),
    "certified": ("取证人次",),
    "subsidy": ("补贴发放（元）", "补贴发放", "补贴金额", "补贴（元）"),
}
REQUIRED = ("month", "city", "measure", "trained")
IMPORT_COLUMNS = ["月份", "市州", "统计对象", "培训人次", "取证人次", "补贴发放（元）"]
MONTH_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*月)?(?:[-/.]\d{1,2}(?:[T ].*)?)?$")


@dataclass
class Entry:
    row: int
    measure: Measure
    city: str
    month: datetime.date
    trained: int
    certified: int
    subsidy: Decimal


@dataclass(kw_only=True)
class FiguresReport(ImportReport):
    format: str = ""
    encoding: str = ""
    entries: list[Entry] = field(default_factory=list)
    saved: bool = False
    created: int = 0
    replaced: int = 0

    @property
    def rows(self) -> int:
        return len(self.entries)

    def summary(self) -> str:
        counts = _("%(rows)s 行月度进度（新增 %(created)s 行，替换 %(replaced)s 行）") % {
            "rows": self.rows,
            "created": self.created,
            "replaced": self.replaced,
        }
        return f"{self.outcome_label()}：{counts}。"


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").replace(" ", "").replace("(", "（").replace(")", "）")


HEADER_LOOKUP = {_key(spelling): name for name, spellings in COLUMNS.items() for spelling in spellings}


def parse_month(text: str, today: datetime.date) -> datetime.date:
    match = MONTH_RE.match(unicodedata.normalize("NFKC", text or "").strip())
    if not match:
        raise ValueError(_("月份应写作 2024-03 或 2024年3月"))
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 2000:
        raise ValueError(_("月份不存在"))
    value = datetime.date(year, month, 1)
    if value > today.replace(day=1):
        raise ValueError(_("月份 %(month)s 还没有到") % {"month": value.strftime("%Y-%m")})
    return value


def parse_count(text: str) -> int:
    value = unicodedata.normalize("NFKC", text or "").strip().replace(",", "")
    if value == "":
        return 0
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(_("应为整数")) from None
    if number != number.to_integral_value():
        raise ValueError(_("应为整数"))
    if number < 0:
        raise ValueError(_("不能为负数"))
    return int(number)


def parse_money(text: str) -> Decimal:
    value = unicodedata.normalize("NFKC", text or "").strip().replace(",", "").removesuffix("元")
    if value == "":
        return Decimal(0)
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(_("应为金额（元），如 12500.50")) from None
    if not number.is_finite():
        raise ValueError(_("应为金额（元），如 12500.50"))
    if number < 0:
        raise ValueError(_("不能为负数"))
    if number >= Decimal("1e12"):
        raise ValueError(_("金额过大"))
    return number.quantize(Decimal("0.01"))


def _header(cells: list[str], report: FiguresReport) -> dict[str, int] | None:
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = HEADER_LOOKUP.get(_key(cell))
        if name and name not in positions:
            positions[name] = index
    missing = [COLUMNS[name][0] for name in REQUIRED if name not in positions]
    if missing:
        report.errors.append(
            RowError(1, "", _("缺少列：%(columns)s（第一行应为表头）") % {"columns": "、".join(missing)})
        )
        return None
    return positions


def check(data: bytes, filename: str, today: datetime.date | None = None) -> FiguresReport:
    """Read and check every row; nothing is written."""
    today = today or timezone.localdate()
    report = FiguresReport()
    try:
        rows, report.format, report.encoding = read_table(data, filename)
        rows = list(rows)
    except UnreadableFile as error:
        report.errors.append(RowError(0, "", str(error)))
        return report
    if not rows:
        report.errors.append(RowError(0, "", _("文件是空的。")))
        return report
    positions = _header(rows[0], report)
    if positions is None:
        return report
    if len(rows) - 1 > MAX_ROWS:
        report.errors.append(RowError(0, "", _("行数超过 %(max)s 行，请分批导入。") % {"max": MAX_ROWS}))
        return report
    measures = {_key(measure.name): measure for measure in Measure.objects.all()}
    seen: dict[tuple, int] = {}

    def where(name: str) -> str:
        return f"{column_letter(positions[name])}（{COLUMNS[name][0]}）"

    for number, cells in enumerate(rows[1:], start=2):
        if not any(cells):
            continue

        def cell(name: str, cells=cells) -> str:
            index = positions.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        problems = len(report.errors)
        values = {}
        try:
            values["month"] = parse_month(cell("month"), today)
        except ValueError as error:
            report.errors.append(RowError(number, where("month"), f"{error}：“{cell('month')}”"))
        city = find_city(cell("city"))
        if city is None:
            report.errors.append(RowError(number, where("city"), _("未知市州：“%(value)s”") % {"value": cell("city")}))
        measure = measures.get(_key(cell("measure")))
        if measure is None:
            report.errors.append(
                RowError(number, where("measure"), _("未知统计对象：“%(value)s”") % {"value": cell("measure")})
            )
        for name, parse in (("trained", parse_count), ("certified", parse_count), ("subsidy", parse_money)):
            if name not in positions:
                values[name] = parse("")
                continue
            try:
                values[name] = parse(cell(name))
            except ValueError as error:
                report.errors.append(RowError(number, where(name), f"{error}：“{cell(name)}”"))
        if len(report.errors) > problems:
            continue
        if values["certified"] > values["trained"]:
            report.errors.append(RowError(number, where("certified"), _("取证人次不能多于培训人次")))
            continue
        key = (measure.pk, city.name, values["month"])
        if key in seen:
            report.errors.append(
                RowError(number, "", _("与第 %(row)s 行重复（同一月份、市州和统计对象）") % {"row": seen[key]})
            )
            continue
        seen[key] = number
        report.entries.append(Entry(number, measure, city.name, **values))
    if not report.entries and not report.errors:
        report.errors.append(RowError(0, "", _("文件中没有数据行。")))
    return report
