"""Admin views: upload a workbook or CSV (preview first, then import), download the template and the exports.

Allowed to whoever may add and change all three kinds of rows (the 培训管理 and 站点管理 roles).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.admin_uploads import AdminImportView, UploadForm

from .exporter import export_csv, export_xlsx
from .importer import import_training
from .importer.columns import CLASSES, PROVIDERS, RULES

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MODELS = ("provider", "trainingclass", "subsidyrule")
EXPORT_KINDS = {"providers": PROVIDERS, "classes": CLASSES, "rules": RULES}


def can_import(user) -> bool:
    return bool(user and user.is_active) and all(
        user.has_perm(f"training.{action}_{model}") for model in MODELS for action in ("add", "change")
    )


def can_export(user) -> bool:
    return bool(user and user.is_active) and all(user.has_perm(f"training.view_{model}") for model in MODELS)


class TrainingUploadForm(UploadForm):
    max_bytes = MAX_UPLOAD_BYTES
    extensions = (".xlsx", ".csv")
    file = forms.FileField(
        label=_("文件"),
        help_text=_("XLSX（工作表：培训机构、开班计划、补贴标准）或单个 CSV（UTF-8 或 GB18030）；最大 10 MB。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ImportTrainingView(AdminImportView):
    """“预览” checks the file and lists what would change; “导入” saves it, all or nothing."""

    template_name = "training/admin/import.html"
    form_class = TrainingUploadForm
    page_title = _("导入培训数据")

    def user_can_import(self, user):
        return can_import(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("training_import"),
            template_url=reverse("training_template"),
            export_links=[
                (_("全部（XLSX）"), reverse("training_export", args=["xlsx"])),
                (_("培训机构（CSV）"), reverse("training_export", args=["providers"])),
                (_("开班计划（CSV）"), reverse("training_export", args=["classes"])),
                (_("补贴标准（CSV）"), reverse("training_export", args=["rules"])),
            ],
        )
        return context

    def form_valid(self, form):
        apply = self.request.POST.get("action") == "import"
        upload = form.cleaned_data["file"]
        report = import_training(upload.read(), upload.name, user=self.request.user, dry_run=not apply)
        return self.render_to_response(
            self.get_context_data(form=TrainingUploadForm(), report=report, applied=apply and report.saved)
        )


def export_view(request, fmt):
    if not can_export(request.user):
        raise PermissionDenied
    if fmt == "xlsx":
        response = HttpResponse(
            export_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="training.xlsx"'
        return response
    if fmt not in EXPORT_KINDS:
        raise Http404
    response = HttpResponse(export_csv(EXPORT_KINDS[fmt]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="training-{fmt}.csv"'
    return response


def template_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    response = HttpResponse(
        export_xlsx(empty=True), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="training-template.xlsx"'
    return response
