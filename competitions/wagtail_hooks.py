"""Admin wiring: results import and announcement views, their buttons on event pages, and log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import LogFormatter

from .announcements import FINAL_ACTION, NOTICE_ACTION, WITHDRAW_ACTION
from .importer import IMPORT_ACTION
from .models import CompetitionEvent
from .overview import may_see_overview, results_overview_view
from .views import announcement_view, import_results_view

admin_urls = (
    [
        path("events/<int:pk>/import/", import_results_view, name="import_results"),
        path("events/<int:pk>/announcement/", announcement_view, name="announcement"),
        path("results/", results_overview_view, name="results_overview"),
    ],
    "competitions_admin",
)


@hooks.register("register_admin_urls")
def register_competitions_admin_urls():
    return [path("competitions/", include(admin_urls))]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_overview(request.user)


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return ResultsMenuItem(
        _("成绩公布"), reverse("competitions_admin:results_overview"), icon_name="list-ol", order=260
    )


@hooks.register("register_page_header_primary_buttons")
def competition_event_header_buttons(page, user, view_name=None):
    """“导入成绩” for editors and “公示” for publishers, visible in the event page's admin header."""
    if page.specific_class is None or not issubclass(page.specific_class, CompetitionEvent):
        return
    permissions = page.permissions_for_user(user)
    if permissions.can_edit():
        yield HeaderButton(
            _("导入成绩"),
            reverse("competitions_admin:import_results", args=[page.pk]),
            icon_name="upload",
            priority=40,
        )
    if permissions.can_publish():
        yield HeaderButton(
            _("公示"),
            reverse("competitions_admin:announcement", args=[page.pk]),
            icon_name="list-ol",
            priority=41,
        )


@hooks.register("register_log_actions")
def register_competition_log_actions(actions):
    @actions.register_action(IMPORT_ACTION)
    class ImportResultsFormatter(LogFormatter):
        label = _("导入成绩")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("导入成绩 %(rows)s 行（文件 %(filename)s，替换原有 %(replaced)s 行）") % {
                "rows": data.get("rows", "?"),
                "filename": data.get("filename", "?"),
                "replaced": data.get("replaced", 0),
            }

    @actions.register_action(NOTICE_ACTION)
    class NoticeFormatter(LogFormatter):
        label = _("成绩公示")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("发布成绩公示（%(start)s 至 %(end)s）") % {
                "start": data.get("notice_start", "?"),
                "end": data.get("notice_end", "?"),
            }

    @actions.register_action(FINAL_ACTION)
    class FinalFormatter(LogFormatter):
        label = _("成绩正式公布")

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("early_reason")
            if reason:
                return _("公示期结束前提前正式公布，理由：%(reason)s") % {"reason": reason}
            return _("确认成绩正式公布")

    actions.register_action(WITHDRAW_ACTION, _("撤回成绩公布"), _("撤回成绩公布，成绩不再对外显示"))
