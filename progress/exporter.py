"""The figures behind each chart as a table (CSV, XLSX) and the whole summary as JSON: one source of numbers.

Every cell goes through `cms.exports.safe_cell`; CSV is UTF-8 with a BOM so Excel opens the Chinese correctly.
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from cms.exports import safe_row

CHARTS = ("targets", "cities", "months", "rates")


def _rate(value) -> float | None:
    return None if value is None else round(value, 4)


def target_label(progress) -> str:
    return progress.target.measure.name


def chart_table(summary, chart: str) -> tuple[list[str], list[list]]:
    """(headers, rows) of one chart, as the page's data table shows them."""
    if chart == "targets":
        headers = [
            _("统计对象"),
            _("目标数"),
            _("单位"),
            _("起始月份"),
            _("截止月份"),
            _("培训人次"),
            _("完成率"),
            _("依据"),
        ]
        rows = [
            [
                target_label(item),
                item.target.number,
                item.target.unit,
                item.target.start_month.strftime("%Y-%m"),
                item.target.end_month.strftime("%Y-%m"),
                item.trained,
                _rate(item.percent),
                item.target.clause_label(),
            ]
            for item in summary.targets
        ]
        return headers, rows
    if chart == "cities":
        headers = [
            _("市州"),
            _("老年人口（60 岁以上）"),
            _("占全省比例"),
            _("分解任务"),
            _("培训人次"),
            _("完成率"),
            _("取证人次"),
            _("取证率"),
            _("补贴发放（元）"),
        ]
        selected = summary.selected
        rows = [
            [
                row.city,
                row.population,
                _rate(row.share),
                row.quota,
                row.trained,
                _rate(row.percent),
                row.certified,
                _rate(row.certification_rate),
                float(row.subsidy),
            ]
            for row in (selected.cities if selected else [])
        ]
        return headers, rows
    if chart == "months":
        headers = [_("月份"), _("培训人次"), _("取证人次"), _("补贴发放（元）")]
        rows = [[point.label, point.trained, point.certified, float(point.subsidy)] for point in summary.months]
        return headers, rows
    if chart == "rates":
        headers = [_("统计对象"), _("培训人次"), _("取证人次"), _("取证率")]
        rows = [[rate.name, rate.trained, rate.certified, _rate(rate.rate)] for rate in summary.rates]
        return headers, rows
    raise ValueError(chart)


def _filename(summary, chart: str, extension: str) -> str:
    suffix = f"-target-{summary.selected.target.pk}" if chart in ("cities", "months") and summary.selected else ""
    return f"progress-{chart}{suffix}.{extension}"


def csv_response(summary, chart: str) -> HttpResponse:
    headers, rows = chart_table(summary, chart)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(summary, chart, "csv")}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(safe_row(headers))
    writer.writerows(safe_row(["" if cell is None else cell for cell in row]) for row in rows)
    return response


def xlsx_response(summary, chart: str) -> HttpResponse:
    from openpyxl import Workbook

    headers, rows = chart_table(summary, chart)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(chart)
    sheet.append(safe_row(headers))
    for row in rows:
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(summary, chart, "xlsx")}"'
    return response


def summary_data(summary) -> dict:
    """The page's numbers as JSON-ready data (what /api.json returns)."""

    def target_data(item) -> dict:
        return {
            "id": item.target.pk,
            "measure": item.target.measure.name,
            "number": item.target.number,
            "unit": item.target.unit,
            "start_month": item.target.start_month.strftime("%Y-%m"),
            "end_month": item.target.end_month.strftime("%Y-%m"),
            "clause": item.target.clause_label(),
            "clause_url": item.target.clause_url(),
            "trained": item.trained,
            "certified": item.certified,
            "subsidy": str(item.subsidy),
            "percent": _rate(item.percent),
            "certification_rate": _rate(item.certification_rate),
            "population_year": item.population_year,
            "population_is_example": item.population_is_example,
        }

    selected = summary.selected
    return {
        "targets": [target_data(item) for item in summary.targets],
        "selected_target": selected.target.pk if selected else None,
        "cities": [
            {
                "city": row.city,
                "population": row.population,
                "share": _rate(row.share),
                "quota": row.quota,
                "trained": row.trained,
                "certified": row.certified,
                "subsidy": str(row.subsidy),
                "percent": _rate(row.percent),
                "certification_rate": _rate(row.certification_rate),
            }
            for row in (selected.cities if selected else [])
        ],
        "months": [
            {
                "month": point.label,
                "trained": point.trained,
                "certified": point.certified,
                "subsidy": str(point.subsidy),
            }
            for point in summary.months
        ],
        "certification_rates": [
            {"measure": rate.name, "trained": rate.trained, "certified": rate.certified, "rate": _rate(rate.rate)}
            for rate in summary.rates
        ],
    }


def json_response(summary) -> JsonResponse:
    return JsonResponse(summary_data(summary), json_dumps_params={"ensure_ascii": False})
