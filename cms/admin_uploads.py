"""One shape for the admin's import screens: an upload field checked for size and file name, and a form view in
Wagtail's admin chrome that refuses users without the app's import permission. Each app keeps its own labels,
limits, permissions and what an upload does."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class UploadForm(forms.Form):
    """A form with a `file` field (declared by the subclass, with its label) refused above `max_bytes` or when
    its name does not end with one of `extensions` (an empty tuple accepts any name)."""

    max_bytes: int = 10 * 1024 * 1024
    extensions: tuple[str, ...] = ()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(_("文件过大（最大 %(size)s MB）。") % {"size": self.max_bytes // (1024 * 1024)})
        if self.extensions and not upload.name.lower().endswith(self.extensions):
            shown = " / ".join(extension for extension in self.extensions if extension != ".txt")
            raise forms.ValidationError(_("只接受 %(types)s 文件。") % {"types": shown})
        return upload


class AdminImportView(WagtailAdminTemplateMixin, FormView):
    """An import screen: the permission check first, then the page title as the last breadcrumb."""

    header_icon = "upload"

    def user_can_import(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.user_can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]
