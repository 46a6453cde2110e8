"""The 进度 page's context: each chart as inline SVG with its one-sentence summary, the sort and target choices.

Works on the summary objects of `progress.models.summary` without importing the models (the page model imports
this module).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .charts import line_chart, paired_bars, progress_bars
from .exporter import chart_table


def _percent(value) -> str:
    return f"{value * 100:.1f}%" if value is not None else "—"


def page_context(page, request, summary) -> dict:
    sort = request.GET.get("sort", "city")
    if sort not in SORT_LABELS:
        sort = "city"
    selected = summary.selected
    context = {"summary": summary, "sort": sort, "sorts": list(SORT_LABELS.items())}
    context["targets_chart"] = progress_bars(
        "chart-targets",
        _("全省目标任务完成情况"),
        [(item.target.measure.name, item.percent) for item in summary.targets],
    )
    context["targets_text"] = "；".join(
        _("%(measure)s 目标 %(number)s %(unit)s，已培训 %(done)s，完成 %(percent)s")
        % {
            "measure": item.target.measure.name,
            "number": f"{item.target.number:,}",
            "unit": item.target.unit,
            "done": f"{item.trained:,}",
            "percent": _percent(item.percent),
        }
        for item in summary.targets
    )
    if selected is not None:
        rows = selected.sorted_cities(sort)
        context["city_rows"] = rows
        context["cities_chart"] = paired_bars(
            "chart-cities",
            _("各市州%(measure)s培训人次与分解任务") % {"measure": selected.target.measure.name},
            [(row.city, row.quota, row.trained) for row in rows],
            (_("分解任务"), _("已培训")),
        )
        leader = max(selected.cities, key=lambda row: row.percent or 0) if selected.has_quotas else None
        context["cities_text"] = _(
            "%(measure)s：全省已培训 %(done)s 人次，为 21 个市州之和；目标 %(number)s，完成 %(percent)s。"
        ) % {
            "measure": selected.target.measure.name,
            "done": f"{selected.trained:,}",
            "number": f"{selected.target.number:,}",
            "percent": _percent(selected.percent),
        }
        if leader is not None and leader.percent:
            context["cities_text"] += _("完成率最高的是%(city)s（%(percent)s）。") % {
                "city": leader.city,
                "percent": _percent(leader.percent),
            }
        points = [(point.label, point.trained) for point in summary.months]
        context["months_chart"] = line_chart(
            "chart-months", _("%(measure)s 全省每月培训人次") % {"measure": selected.target.measure.name}, points
        )
        if points:
            peak = max(points, key=lambda point: point[1])
            context["months_text"] = _(
                "%(first)s 至 %(last)s 共 %(count)s 个月；最多的是 %(peak_month)s（%(peak)s 人次），"
                "最近一月 %(latest)s 人次。"
            ) % {
                "first": points[0][0],
                "last": points[-1][0],
                "count": len(points),
                "peak_month": peak[0],
                "peak": f"{peak[1]:,}",
                "latest": f"{points[-1][1]:,}",
            }
    context["rates_chart"] = progress_bars(
        "chart-rates", _("各统计对象取证率"), [(rate.name, rate.rate) for rate in summary.rates]
    )
    context["rates_text"] = "；".join(
        _("%(name)s 取证率 %(rate)s（%(certified)s / %(trained)s）")
        % {
            "name": rate.name,
            "rate": _percent(rate.rate),
            "certified": f"{rate.certified:,}",
            "trained": f"{rate.trained:,}",
        }
        for rate in summary.rates
    )
    context["rates_table"] = chart_table(summary, "rates")[1]
    context["page_url"] = page.url
    context["target_query"] = f"?target={selected.target.pk}" if selected else ""
    return context


SORT_LABELS = {
    "city": gettext_lazy("按市州顺序"),
    "quota": gettext_lazy("按分解任务"),
    "done": gettext_lazy("按已培训人次"),
    "percent": gettext_lazy("按完成率"),
}
