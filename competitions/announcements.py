"""Moving an event's results through 公示 (public notice) to 正式公布 (final), with the four-eyes rule.

The person who confirms the results final must not be the one who published the notice. Every step is
written to the page's history (Wagtail log entries) with the user who made it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.accounts.roles import SITE_ADMIN

from .choices import AnnouncementState
from .models import ResultAnnouncement

NOTICE_ACTION = "competitions.results_notice"
FINAL_ACTION = "competitions.results_final"
WITHDRAW_ACTION = "competitions.results_withdraw"


class AnnouncementError(ValidationError):
    pass


def locked_announcement(event):
    """The event's announcement row, locked until the transaction ends: the one lock every change of results
    state and every results import takes."""
    announcement, _created = ResultAnnouncement.objects.select_for_update().get_or_create(event=event)
    return announcement


@transaction.atomic
def publish_notice(event, user, notice_start, notice_end, objection_contact):
    """Put the imported results up for public notice (公示)."""
    if notice_end < notice_start:
        raise AnnouncementError(_("公示结束日期不能早于开始日期。"))
    if not objection_contact.strip():
        raise AnnouncementError(_("请填写异议受理联系方式。"))
    announcement = locked_announcement(event)
    if announcement.state == AnnouncementState.FINAL:
        raise AnnouncementError(_("成绩已正式公布，不能再发布公示；如需更正，请先撤回公布。"))
    if not event.results.exists():
        raise AnnouncementError(_("该赛事还没有成绩，请先导入成绩。"))
    announcement.state = AnnouncementState.NOTICE
    announcement.notice_start = notice_start
    announcement.notice_end = notice_end
    announcement.objection_contact = objection_contact.strip()
    announcement.notice_published_by = user
    announcement.notice_published_at = timezone.now()
    announcement.final_confirmed_by = None
    announcement.final_confirmed_at = None
    announcement.early_reason = ""
    announcement.save()
    log(
        instance=event,
        action=NOTICE_ACTION,
        user=user,
        data={"notice_start": notice_start.isoformat(), "notice_end": notice_end.isoformat()},
    )
    event.announcement = announcement
    return announcement


def may_confirm_early(user) -> bool:
    """Only 站点管理 (or a superuser) may cut a notice period short, and only with a written reason."""
    if user is None:
        return False
    return user.is_superuser or user.groups.filter(name=SITE_ADMIN).exists()


def person_name(user) -> str:
    """How a person is shown in the admin: the full name (姓 then 名, as Chinese names are written)."""
    if user is None:
        return ""
    full = f"{user.last_name}{user.first_name}".strip()
    return full or user.get_username()


@transaction.atomic
def confirm_final(event, user, early_reason=""):
    """Confirm the noticed results as final (正式公布); refused for the person who published the notice, and
    refused before the notice period ends unless 站点管理 gives a written reason (kept in the page history and
    shown on the public page)."""
    announcement = locked_announcement(event)
    if announcement.state != AnnouncementState.NOTICE:
        raise AnnouncementError(_("只有处于公示期的成绩才能确认正式公布。"))
    if user is not None and announcement.notice_published_by_id == user.pk:
        raise AnnouncementError(
            _("正式公布须由另一位编辑确认：发布公示的人（%(name)s）不能确认自己发布的公示。")
            % {"name": person_name(user)}
        )
    early_reason = (early_reason or "").strip()
    early = not announcement.notice_period_over()
    if early and not may_confirm_early(user):
        raise AnnouncementError(
            _("公示期到 %(end)s 才结束，结束前不能正式公布。确需提前公布的，请由站点管理填写理由后确认。")
            % {"end": announcement.notice_end.isoformat() if announcement.notice_end else "?"}
        )
    if early and not early_reason:
        raise AnnouncementError(_("提前正式公布须填写理由，理由将显示在赛事页面上。"))
    announcement.state = AnnouncementState.FINAL
    announcement.final_confirmed_by = user
    announcement.final_confirmed_at = timezone.now()
    announcement.early_reason = early_reason if early else ""
    announcement.save()
    log(instance=event, action=FINAL_ACTION, user=user, data={"early_reason": early_reason} if early else {})
    event.announcement = announcement
    return announcement


@transaction.atomic
def withdraw(event, user):
    """Take the results off the public site again (back to 未公布), e.g. to correct them."""
    announcement = locked_announcement(event)
    if announcement.state == AnnouncementState.NONE:
        raise AnnouncementError(_("成绩尚未公布，无需撤回。"))
    previous = announcement.state
    announcement.state = AnnouncementState.NONE
    announcement.final_confirmed_by = None
    announcement.final_confirmed_at = None
    announcement.early_reason = ""
    announcement.save()
    log(instance=event, action=WITHDRAW_ACTION, user=user, data={"previous_state": previous})
    event.announcement = announcement
    return announcement
