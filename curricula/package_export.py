"""One training package's module list as CSV or JSON, served under the package's URL (no model import: the
package page hands itself over, so the models can offer these downloads without an import cycle)."""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse, JsonResponse


def json_number(value):
    """Hours as JSON numbers: 12 rather than 12.0, 12.5 as it is."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral() else float(value)


def package_module_list(package):
    rows = package.module_rows()
    totals = package.totals(rows)
    return rows, totals


def package_csv_response(package):
    """CSV for spreadsheets: UTF-8 with a byte-order mark so Excel shows the Chinese correctly."""
    rows, totals = package_module_list(package)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["序号", "模块代码", "课程模块", "理论学时", "实操学时", "小计"])
    for position, row in enumerate(rows, start=1):
        module = row.module
        writer.writerow(
            [
                position,
                module.code,
                module.title,
                json_number(module.theory_hours),
                json_number(module.practice_hours),
                json_number(module.total_hours),
            ]
        )
    writer.writerow(
        ["", "", "合计", json_number(totals.theory), json_number(totals.practice), json_number(totals.total)]
    )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{package.code}-modules.csv"'
    return response


def package_json_response(package):
    rows, totals = package_module_list(package)
    occupation = package.parent_occupation
    data = {
        "code": package.code,
        "title": package.title,
        "occupation": occupation.reference if occupation else None,
        "level": package.level.number,
        "min_hours": json_number(package.min_hours),
        "modules": [
            {
                "position": position,
                "code": row.module.code,
                "title": row.module.title,
                "theory_hours": json_number(row.module.theory_hours),
                "practice_hours": json_number(row.module.practice_hours),
                "total_hours": json_number(row.module.total_hours),
                "url": row.module.url,
            }
            for position, row in enumerate(rows, start=1)
        ],
        "totals": {
            "theory": json_number(totals.theory),
            "practice": json_number(totals.practice),
            "total": json_number(totals.total),
        },
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
