"""Admin views: upload a curricula JSON file (preview first, then import) and download the export."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cms.admin_uploads import AdminImportView, UploadForm
from cms.safe_markdown import render_markdown

from .exporter import dumps, export_data, export_zip
from .importer import ImportFailed
from .models import CurriculaIndexPage
from .upload import import_upload
from .workbook import template_workbook

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
MAX_PREVIEW_CHARS = 200_000


def curricula_permissions(user):
    """The user's page permissions on the catalogue, or None when there is no catalogue yet."""
    index = CurriculaIndexPage.objects.first()
    return index.permissions_for_user(user) if index is not None else None


def can_import(user):
    """Previewing needs permission to add curricula pages."""
    permissions = curricula_permissions(user)
    return bool(permissions and permissions.can_add_subpage())


def can_apply_import(user):
    """Importing publishes pages, so it also needs permission to publish them."""
    permissions = curricula_permissions(user)
    return bool(permissions and permissions.can_add_subpage() and permissions.can_publish_subpage())


class ImportUploadForm(UploadForm):
    max_bytes = MAX_UPLOAD_BYTES
    file = forms.FileField(
        label=_("JSON、ZIP 或 Excel 文件"),
        help_text=_(
            "UTF-8 编码的 JSON，连同教学资料文件导出的 ZIP，或按模板填写的 Excel 工作簿（.xlsx）；最大 200 MB。"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.zip,.xlsx"}),
    )


class ImportCurriculaView(AdminImportView):
    """Preview shows what would change and every problem; import does it, all or nothing."""

    template_name = "curricula/admin/import.html"
    form_class = ImportUploadForm
    page_title = _("导入课程")

    def user_can_import(self, user):
        return can_import(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            can_apply=can_apply_import(self.request.user),
            export_url=reverse("curricula_export"),
            template_url=reverse("curricula_template"),
            action_url=reverse("curricula_import"),
        )
        return context

    def form_valid(self, form):
        apply = self.request.POST.get("action") == "import"
        if apply and not can_apply_import(self.request.user):
            raise PermissionDenied
        errors, report = [], None
        try:
            report = import_upload(form.cleaned_data["file"].read(), dry_run=not apply, user=self.request.user)
        except ImportFailed as failure:
            errors = failure.errors
        return self.render_to_response(
            self.get_context_data(form=ImportUploadForm(), errors=errors, report=report, applied=apply and report)
        )


@require_POST
def markdown_preview_view(request):
    """The module body's preview in the editor: the public page's renderer and sanitiser, nothing else."""
    if not can_import(request.user):
        raise PermissionDenied
    text = request.POST.get("text", "")[:MAX_PREVIEW_CHARS]
    return JsonResponse({"html": render_markdown(text)})


def template_view(request):
    """The Excel template (sheets 职业 / 模块 / 培训包 with their headers) for the import."""
    if not can_import(request.user):
        raise PermissionDenied
    response = HttpResponse(
        template_workbook(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="curricula-template.xlsx"'
    return response


def export_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    if request.GET.get("format") == "zip":
        response = HttpResponse(export_zip(), content_type="application/zip")
        response["Content-Disposition"] = 'attachment; filename="curricula.zip"'
        return response
    response = HttpResponse(dumps(export_data()), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="curricula.json"'
    return response
