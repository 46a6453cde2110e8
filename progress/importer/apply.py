"""Saving checked figures in one transaction: a stored (统计对象, 市州, 月份) is replaced, never added to."""

from django.db import transaction

from cms.accounts.audit import log_import
from cms.cache import invalidate_tags

from ..models import PROGRESS_TAG, ProgressFigure, ProgressPage
from .parse import FiguresReport


@transaction.atomic
def save(report: FiguresReport, user=None, filename: str = "") -> None:
    """Write the checked rows: stored (统计对象, 市州, 月份) rows are replaced, in one transaction."""
    months = {entry.month for entry in report.entries}
    existing = set(
        ProgressFigure.objects.filter(month__in=months).values_list("measure_id", "city", "month").iterator()
    )
    report.replaced = sum((entry.measure.pk, entry.city, entry.month) in existing for entry in report.entries)
    report.created = report.rows - report.replaced
    ProgressFigure.objects.bulk_create(
        [
            ProgressFigure(
                measure=entry.measure,
                city=entry.city,
                month=entry.month,
                trained=entry.trained,
                certified=entry.certified,
                subsidy=entry.subsidy,
            )
            for entry in report.entries
        ],
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["measure", "city", "month"],
        update_fields=["trained", "certified", "subsidy"],
    )
    report.saved = True
    invalidate_tags(PROGRESS_TAG)  # now, and again on commit
    page = ProgressPage.objects.first()
    if user is not None and page is not None:
        log_import(
            user,
            page,
            f"月度进度 {filename}：{report.rows} 行（新增 {report.created}，替换 {report.replaced}）",
            rows=report.rows,
            created=report.created,
            replaced=report.replaced,
        )
