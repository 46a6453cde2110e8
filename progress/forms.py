"""Admin forms of the progress app."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class FiguresUploadForm(forms.Form):
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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件不能超过 10 MB。"))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("只接受 .csv 或 .xlsx 文件。"))
        return upload
