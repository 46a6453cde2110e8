"""Designer's editor widgets: a Markdown textarea with a toolbar and a server-rendered preview, and a searchable
prerequisite chooser. Small and our own (see README): the preview goes through the same renderer and nh3 sanitiser
as the public page, and nothing is loaded from a CDN."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

TOOLBAR = (
    ("heading", _("小标题"), "## ", ""),
    ("bold", _("粗体"), "**", "**"),
    ("bullets", _("列表"), "- ", ""),
    ("steps", _("步骤"), "1. ", ""),
    ("link", _("链接"), "[", "](https://)"),
    ("quote", _("引用"), "> ", ""),
)


class MarkdownEditor(forms.Textarea):
    template_name = "curricula/widgets/markdown_editor.html"

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 18, "class": "md-editor-input", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["toolbar"] = TOOLBAR
        context["preview_url"] = reverse("curricula_markdown_preview")
        return context

    @property
    def media(self):
        return forms.Media(css={"all": ("curricula/admin-editor.css",)}, js=("curricula/markdown-editor.js",))


class PrerequisiteChooser(forms.CheckboxSelectMultiple):
    """Checkboxes labelled "code title", filtered as the designer types part of a code or a title; the chosen
    ones stay listed on top. Works as plain checkboxes without JavaScript."""

    template_name = "curricula/widgets/prerequisite_chooser.html"

    @property
    def media(self):
        return forms.Media(css={"all": ("curricula/admin-editor.css",)}, js=("curricula/prerequisite-chooser.js",))
