"""What other apps may use of the progress app: one target's progress (optionally one 市州) ready to render.

The policy app's 进度 blocks call `snapshots` (every block of a page at once) or `snapshot` (one block); nothing
else of this app is meant to be imported from outside.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from cms.prepared import PreparedQuery, padded_chunks
from cms.routing import restricted_prefixes

from .charts import progress_bars
from .models import PROGRESS_TAG, ProgressPage, Target, target_progress
from .models.summary import PREPARED_TARGETS

__all__ = ["PROGRESS_TAG", "snapshot", "snapshots"]


def snapshots(choices, request=None) -> list[dict | None]:
    """Context for several 进度 blocks, one per (target or its id, 市州 or "") in `choices`, in the same order;
    None for a block whose target is gone.

    Four queries however many blocks: the targets with their measures and documents, the 市州 sums of all of them,
    the population tables and the 进度 page (its link); one more for the page's view restrictions when `request`
    carries no memo of them (cms.routing.restricted_prefixes). A block once cost five or six of its own."""
    ids = [getattr(target, "pk", target) for target, _city in choices]
    wanted = {pk for pk in ids if pk is not None}
    if not wanted:
        return [None] * len(ids)
    # one compiled query per PREPARED_TARGETS targets (cms.prepared)
    found = [target for chunk in padded_chunks(sorted(wanted), PREPARED_TARGETS) for target in TARGETS(*chunk)]
    targets = {target.pk: target for target in found}
    if not targets:
        return [None] * len(ids)
    progress = {item.target.pk: item for item in target_progress(list(targets.values()))}
    page = public_progress_page(request)
    return [
        _snapshot(targets[pk], city or "", progress[pk], page) if pk in targets else None
        for pk, (_target, city) in zip(ids, choices, strict=True)
    ]


def snapshot(target: Target | None, city: str = "", request=None) -> dict | None:
    """Context for one 进度 block: the province (or one 市州) against the target, a bar, a sentence and the link to
    the 进度 page. None when the target is gone."""
    return snapshots([(target, city)], request)[0]


def public_progress_page(request=None) -> ProgressPage | None:
    """The live 进度 page if no view restriction applies to it. The page in one plain query (ordered by key, SQLite
    starts from the 进度 pages' own table: in the pages' default tree order it walked the whole page table, 44,000
    VM steps at 50×); its restrictions from the per-process memo, else one query. Wagtail's `.public()` read every
    restriction first; a restriction annotation cost more to build in the ORM than the rest of the block."""
    found = FIRST_LIVE_PAGE()
    if not found:
        return None
    page = found[0]
    prefixes = restricted_prefixes(request) if request is not None else None
    if prefixes is None:
        restricted = page.get_view_restrictions().exists()
    else:
        restricted = any(page.path.startswith(prefix) for prefix in prefixes)
    return None if restricted else page


def _snapshot(target: Target, city: str, progress, page: ProgressPage | None) -> dict:
    name = target.measure.name
    if city:
        row = progress.city(city)  # None: a 市州 name no longer in the list
        done, goal, fraction = (row.trained, row.quota, row.percent) if row else (0, None, None)
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


def targets_query(*ids: int):
    return Target.objects.select_related("measure", "document").filter(pk__in=ids)


# Compiled once per process (cms.prepared).
TARGETS = PreparedQuery(targets_query, *[int] * PREPARED_TARGETS)
FIRST_LIVE_PAGE = PreparedQuery(lambda: ProgressPage.objects.live().order_by("pk")[:1])
