"""What other apps may use of the progress app: one target's progress (optionally one 市州) ready to render.

The policy app's 进度 block calls `snapshot`; nothing else of this app is meant to be imported from outside.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .charts import progress_bars
from .models import PROGRESS_TAG, ProgressPage, Target, target_progress

__all__ = ["PROGRESS_TAG", "snapshot"]


def snapshot(target: Target | None, city: str = "") -> dict | None:
    """Context for a 进度 block: the province (or one 市州) against the target, a bar, a sentence and the link to
    the 进度 page. None when the target is gone."""
    if target is None:
        return None
    # One query for the target with its measure and document instead of two lazy ones.
    target = Target.objects.select_related("measure", "document").filter(pk=target.pk).first()
    if target is None:
        return None
    progress = target_progress([target], city or None)[0]
    name = target.measure.name
    if city:
        row = progress.city(city)
        done, goal, fraction = row.trained, row.quota, row.percent
        where = city
    else:
        done, goal, fraction = progress.trained, target.number, progress.percent
        where = _("全省")
    text = _("%(where)s%(measure)s已培训 %(done)s %(unit)s") % {
        "where": where,
        "measure": name,
        "done": f"{done:,}",
        "unit": target.unit,
    }
    if goal is not None:
        text += _("，目标 %(goal)s，完成 %(percent)s。") % {
            "goal": f"{goal:,}",
            "percent": f"{fraction * 100:.1f}%" if fraction is not None else "—",
        }
    page = ProgressPage.objects.live().public().first()
    return {
        "target": target,
        "city": city,
        "where": where,
        "done": done,
        "goal": goal,
        "text": text,
        "chart": progress_bars(f"progress-block-{target.pk}-{city or 'all'}", text, [(name, fraction)]),
        "page_url": f"{page.url}?target={target.pk}" if page is not None else "",
        "clause_url": target.clause_url(),
        "clause_label": target.clause_label(),
    }
