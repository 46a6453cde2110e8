"""Export providers, classes and subsidy rules in the import's own format (a round trip changes nothing), and
the empty XLSX template. Every cell goes through cms.exports.safe_cell (no formula injection)."""

from __future__ import annotations

import csv
import io

from django.db.models import Prefetch

from cms.exports import safe_row
from cms.reference import LEVEL_SHORT_NAMES

from .importer.columns import CLASSES, COLUMNS, PROVIDERS, RULES, SHEET_NAMES
from .models import Provider, ProviderApproval, SubsidyRule, TrainingClass


def _date(value) -> str:
    return value.isoformat() if value else ""


def _money(value) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value is not None else ""


def provider_rows():
    approvals = ProviderApproval.objects.select_related("occupation").order_by("occupation__path", "-level")
    for provider in Provider.objects.prefetch_related(Prefetch("approvals", queryset=approvals)).order_by(
        "credit_code"
    ):
        grouped: dict[str, list[str]] = {}
        for approval in provider.approvals.all():
            key = approval.occupation.code or approval.occupation.title
            grouped.setdefault(key, []).append(str(approval.level))
        yield [
            provider.credit_code,
            provider.name,
            provider.get_kind_display(),
            provider.get_base_level_display() if provider.base_level else "",
            provider.city,
            provider.district,
            provider.address,
            provider.phones,
            provider.website,
            _date(provider.listed_from),
            _date(provider.listed_to),
            "; ".join(f"{code}:{'/'.join(levels)}" for code, levels in grouped.items()),
            provider.intro,
        ]


def class_rows():
    classes = TrainingClass.objects.select_related("provider", "package", "occupation").order_by("code")
    for item in classes.iterator(chunk_size=1000):
        yield [
            item.code,
            item.provider.credit_code,
            item.package.code if item.package_id else "",
            "" if item.package_id else (item.occupation.code or item.occupation.title),
            "" if item.package_id else str(item.level),
            item.title,
            _date(item.start_date),
            _date(item.end_date),
            item.schedule,
            item.place,
            str(item.seats),
            str(item.seats_left),
            _money(item.fee),
            "是" if item.subsidised else "否",
            item.enrol_phone,
            item.enrol_url,
            item.enrol_in_person,
            _date(item.enrol_deadline),
        ]


def rule_rows():
    for rule in SubsidyRule.objects.select_related("occupation").order_by("pk"):
        yield [
            (rule.occupation.code or rule.occupation.title) if rule.occupation_id else "急需紧缺",
            LEVEL_SHORT_NAMES.get(rule.level, "") if rule.level else "",
            rule.city or "全省",
            _money(rule.amount),
            rule.conditions,
            _date(rule.valid_from),
            _date(rule.valid_to),
            rule.basis,
        ]


ROWS = {PROVIDERS: provider_rows, CLASSES: class_rows, RULES: rule_rows}


def header(kind: str) -> list[str]:
    return [column.zh for column in COLUMNS[kind]]


def export_xlsx(empty: bool = False) -> bytes:
    """One workbook, one sheet per kind; `empty` gives the template (headers and one example row per sheet)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for kind in (PROVIDERS, CLASSES, RULES):
        sheet = workbook.create_sheet(SHEET_NAMES[kind])
        sheet.append(header(kind))
        for cell, column in zip(sheet[1], COLUMNS[kind], strict=True):
            cell.font = Font(bold=column.required)
            sheet.column_dimensions[cell.column_letter].width = max(12, len(column.zh) * 2 + 4)
        rows = TEMPLATE_EXAMPLES[kind] if empty else ROWS[kind]()
        for row in rows:
            sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_csv(kind: str) -> bytes:
    """One kind as CSV, UTF-8 with BOM so Excel opens it with the Chinese intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header(kind))
    for row in ROWS[kind]():
        writer.writerow(safe_row(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


TEMPLATE_EXAMPLES = {
    PROVIDERS: [
        [
            "91510100MA6CXXXXX（示例，请替换）",
            "示例职业培训学校",
            "培训机构",
            "市级基地",
            "成都",
            "武侯区",
            "示例路 1 号",
            "028-00000000",
            "",
            "2026-01-01",
            "2028-12-31",
            "4-10-01-05:5/4",
            "示例",
        ]
    ],
    CLASSES: [
        [
            "CD-2026-001",
            "（机构的统一社会信用代码）",
            "",
            "4-10-01-05",
            "5",
            "",
            "2026-03-01",
            "2026-03-20",
            "周一至周五 9:00-17:00",
            "",
            "40",
            "40",
            "0",
            "是",
            "028-00000000",
            "",
            "",
            "2026-02-25",
        ]
    ],
    RULES: [
        [
            "4-10-01-05",
            "五级",
            "全省",
            "1000",
            "取得证书后申领（示例）",
            "2026-01-01",
            "",
            "川人社办发〔2021〕26号 第（十二）条",
        ]
    ],
}
