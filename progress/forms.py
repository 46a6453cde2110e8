"""Admin forms of the progress app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.admin_uploads import UploadForm

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class FiguresUploadForm(UploadForm):
    max_bytes = MAX_UPLOAD_BYTES
    extensions = (".csv", ".xlsx", ".txt")
    file = forms.FileField(
        label=_("月度进度文件"),
        help_text=_("CSV（UTF-8 或 GB18030 编码）或 XLSX；第一行为表头。"),
    )
    dry_run = forms.BooleanField(
        label=_("只检查，不保存"),
        required=False,
        initial=True,
        help_text=_("先检查全部行；取消勾选后再次上传才会保存。"),
    )
