"""Admin views: upload results with a preview before saving, and move results through 公示 to 正式公布.

The preview keeps the uploaded file in a private temporary folder under a signed token bound to the user and
the event, so the confirmation step saves exactly the file that was checked.
"""

import time
import uuid
from pathlib import Path
from tempfile import gettempdir

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .announcements import (
    AnnouncementError,
    confirm_final,
    may_confirm_early,
    person_name,
    publish_notice,
    withdraw,
)
from .choices import AnnouncementState
from .columns import COLUMN_LABELS
from .forms import NoticeForm, ResultsUploadForm
from .importer import import_results
from .models import CompetitionEvent

STASH_DIR = Path(gettempdir()) / "kangyang-results-imports"
STASH_SALT = "competitions.import-preview"
STASH_MAX_AGE = 60 * 60  # seconds a preview stays confirmable
PREVIEW_ROWS = 20


def _event_for(request, pk, *, publish=False) -> CompetitionEvent:
    event = get_object_or_404(CompetitionEvent.objects.select_related("announcement"), pk=pk)
    permissions = event.permissions_for_user(request.user)
    if not (permissions.can_publish() if publish else permissions.can_edit()):
        raise PermissionDenied
    return event


def _stash(data: bytes, filename: str, event, user) -> str:
    STASH_DIR.mkdir(mode=0o700, exist_ok=True)
    cutoff = time.time() - STASH_MAX_AGE
    for old in STASH_DIR.glob("*.upload"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    key = uuid.uuid4().hex
    (STASH_DIR / f"{key}.upload").write_bytes(data)
    return signing.dumps({"key": key, "event": event.pk, "user": user.pk, "name": filename}, salt=STASH_SALT)


def _unstash(token: str, event, user) -> tuple[Path, str]:
    try:
        payload = signing.loads(token, salt=STASH_SALT, max_age=STASH_MAX_AGE)
    except signing.BadSignature as exc:
        raise PermissionDenied(_("预览已过期，请重新上传文件。")) from exc
    if payload["event"] != event.pk or payload["user"] != user.pk:
        raise PermissionDenied
    path = STASH_DIR / f"{payload['key']}.upload"
    if not path.is_file():
        raise PermissionDenied(_("预览已过期，请重新上传文件。"))
    return path, payload["name"]


@require_http_methods(["GET", "POST"])
def import_results_view(request, pk):
    """Step 1: upload and check (dry run) and show a preview; step 2: confirm and replace the results."""
    event = _event_for(request, pk)
    context = {"event": event, "announcement": event.get_announcement(), "columns": COLUMN_LABELS.values()}
    if request.method == "POST" and "token" in request.POST:
        path, filename = _unstash(request.POST["token"], event, request.user)
        report = import_results(event, path.read_bytes(), filename, user=request.user)
        if report.saved:
            path.unlink(missing_ok=True)
            messages.success(
                request,
                _("已导入 %(rows)s 行成绩（替换原有 %(replaced)s 行）。")
                % {"rows": report.rows, "replaced": report.replaced},
            )
            for warning in report.warnings:
                messages.warning(request, warning)
            return redirect("competitions_admin:announcement", pk=event.pk)
        context.update(form=ResultsUploadForm(), report=report)
        return TemplateResponse(request, "competitions/admin/import_results.html", context)

    form = ResultsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        report = import_results(event, data, upload.name, user=request.user, dry_run=True)
        context.update(report=report, preview=report.entries[:PREVIEW_ROWS], existing=event.results.count())
        if report.ok:
            context["token"] = _stash(data, upload.name, event, request.user)
        else:
            form = ResultsUploadForm()
    context["form"] = form
    return TemplateResponse(request, "competitions/admin/import_results.html", context)


@require_http_methods(["GET", "POST"])
def announcement_view(request, pk):
    """Where the results stand, and the next step: publish the notice, confirm final (another user), withdraw."""
    event = _event_for(request, pk, publish=True)
    announcement = event.get_announcement()
    current = {
        "notice_start": announcement.notice_start,
        "notice_end": announcement.notice_end,
        "objection_contact": announcement.objection_contact,
    }
    notice_form = NoticeForm(
        request.POST if request.POST.get("action") == "notice" else None,
        initial={name: value for name, value in current.items() if value},
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "notice" and notice_form.is_valid():
                data = notice_form.cleaned_data
                publish_notice(event, request.user, data["notice_start"], data["notice_end"], data["objection_contact"])
                messages.success(request, _("成绩已进入公示期。正式公布须由另一位编辑确认。"))
                return redirect("competitions_admin:announcement", pk=event.pk)
            if action == "final":
                confirm_final(event, request.user, request.POST.get("early_reason", ""))
                messages.success(request, _("成绩已正式公布。"))
                return redirect("competitions_admin:announcement", pk=event.pk)
            if action == "withdraw":
                withdraw(event, request.user)
                messages.success(request, _("已撤回公布，成绩不再对外显示。"))
                return redirect("competitions_admin:announcement", pk=event.pk)
        except AnnouncementError as error:
            messages.error(request, " ".join(error.messages))
    announcement = (
        CompetitionEvent.objects.select_related("announcement__notice_published_by", "announcement__final_confirmed_by")
        .get(pk=event.pk)
        .get_announcement()
    )
    context = {
        "event": event,
        "announcement": announcement,
        "notice_form": notice_form,
        "result_count": event.results.count(),
        "is_notice_publisher": announcement.notice_published_by_id == request.user.pk,
        "may_confirm_early": may_confirm_early(request.user),
        "notice_publisher": person_name(announcement.notice_published_by),
        "final_confirmer": person_name(announcement.final_confirmed_by),
        "public_url": event.get_url(request) if event.live else "",
        "states": AnnouncementState,
        "import_url": reverse("competitions_admin:import_results", args=[event.pk]),
    }
    return TemplateResponse(request, "competitions/admin/announcement.html", context)
