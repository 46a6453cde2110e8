"""成绩公布: the organisers' overview of every event by where its results stand, with counts and the next step."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.accounts.roles import ORGANISER, SITE_ADMIN

from .announcements import person_name
from .choices import AnnouncementState
from .models import CompetitionEvent

RESULTS_ROLES = (ORGANISER, SITE_ADMIN)


@dataclass
class Stage:
    key: str
    label: str
    action: str  # the next step, as a button label
    events: list = field(default_factory=list)


def stages() -> list[Stage]:
    return [
        Stage("to_import", _("待导入"), _("导入成绩")),
        Stage("to_notice", _("待公示"), _("公示")),
        Stage("in_notice", _("公示中"), _("查看公示")),
        Stage("to_confirm", _("公示期满待确认"), _("确认正式公布")),
        Stage("final", _("已正式公布"), _("在网站上查看")),
    ]


def may_see_overview(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name__in=RESULTS_ROLES).exists())


def stage_of(event, today) -> str | None:
    """Where an event's results stand; None for an event that has not begun and has no results yet."""
    announcement = event.get_announcement()
    if announcement.state == AnnouncementState.FINAL:
        return "final"
    if announcement.state == AnnouncementState.NOTICE:
        return "to_confirm" if announcement.notice_period_over(today) else "in_notice"
    if event.result_count:
        return "to_notice"
    return "to_import" if event.start_date <= today else None


def results_overview_view(request):
    if not may_see_overview(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    events = (
        CompetitionEvent.objects.select_related("announcement__notice_published_by", "announcement__final_confirmed_by")
        .annotate(result_count=Count("results"))
        .order_by("-start_date", "path")
    )
    by_key = {stage.key: stage for stage in stages()}
    for event in events:
        key = stage_of(event, today)
        if key is None:
            continue
        announcement = event.get_announcement()
        event.notice_publisher = person_name(announcement.notice_published_by)
        event.final_confirmer = person_name(announcement.final_confirmed_by)
        event.import_url = reverse("competitions_admin:import_results", args=[event.pk])
        event.announcement_url = reverse("competitions_admin:announcement", args=[event.pk])
        event.edit_url = reverse("wagtailadmin_pages:edit", args=[event.pk])
        event.action_url = {
            "to_import": event.import_url,
            "final": event.get_url(request) if event.live else "",
        }.get(key, event.announcement_url)
        by_key[key].events.append(event)
    return TemplateResponse(
        request,
        "competitions/admin/results_overview.html",
        {"stages": list(by_key.values()), "today": today},
    )
