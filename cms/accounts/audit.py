"""Audit entries for imports, shown in the admin beside Wagtail's own publish/edit history.

`log_import(user, instance, summary)` writes a "kangyang.import" entry through Wagtail's log registry: on a page
it appears in the page's history and in 报告 → 站点历史; on any other model (snippet, result entry) it is a
ModelLogEntry shown in that object's history and the site history report.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log

IMPORT_ACTION = "kangyang.import"
MAX_SUMMARY_LENGTH = 2000


class ImportLogFormatter(LogFormatter):
    label = _("导入数据")

    def format_message(self, log_entry):
        summary = (log_entry.data or {}).get("summary", "")
        return _("导入：%(summary)s") % {"summary": summary} if summary else _("导入数据")


def register_actions(actions):
    actions.register_action(IMPORT_ACTION)(ImportLogFormatter)


def log_import(user, instance, summary: str, **data):
    """Record that `user` imported data into `instance` (a page or any model instance); returns the log entry."""
    payload = {"summary": str(summary)[:MAX_SUMMARY_LENGTH], **data}
    return wagtail_log(instance, IMPORT_ACTION, user=user, data=payload)
