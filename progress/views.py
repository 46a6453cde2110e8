"""Admin view: import monthly progress figures (check first, then save all rows or none)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from .forms import FiguresUploadForm
from .importer import IMPORT_COLUMNS, import_figures

PREVIEW_ROWS = 20


@require_http_methods(["GET", "POST"])
def import_figures_view(request):
    """Upload a workbook of monthly figures: check it (dry run) or save it, all or nothing."""
    if not request.user.has_perms(["progress.add_progressfigure", "progress.change_progressfigure"]):
        raise PermissionDenied
    form = FiguresUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": IMPORT_COLUMNS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_figures(upload.read(), upload.name, dry_run=form.cleaned_data["dry_run"], user=request.user)
        context.update(report=report, preview=report.entries[:PREVIEW_ROWS])
        if report.saved:
            messages.success(request, report.summary())
    return TemplateResponse(request, "progress/admin/import_figures.html", context)
