from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

MAX_TEXT = 300_000


class ImportPolicyForm(forms.Form):
    """Publicity staff paste the text copied out of a PDF; the same parser as `manage.py import_policy` reads it."""

    text = forms.CharField(
        label=_("文件全文"),
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text=_("从 PDF 复制的全部文字（含文头、文号、标题、正文和版记）。断行、页码和页眉会被自动处理。"),
    )


class PolicyExplainerForm(WagtailAdminPageForm):
    """Clause references without a document point at the first explained document: check they exist there."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("explained_documents")
        if formset is None or not formset.is_valid():
            return cleaned_data
        chosen = [
            (form.cleaned_data.get("ORDER") or 0, form.cleaned_data["document"])
            for form in formset.forms
            if form.cleaned_data and form.cleaned_data.get("document") and not form.cleaned_data.get("DELETE")
        ]
        default = min(chosen, key=lambda pair: pair[0])[1].specific if chosen else None
        for field_name in ("key_points", "qa"):
            for problem in self.reference_problems(cleaned_data.get(field_name) or [], default):
                self.add_error(field_name, problem)
        return cleaned_data

    @staticmethod
    def reference_problems(stream, default) -> list[str]:
        problems = []
        for block in stream:
            if block.block_type not in ("point", "qa"):
                continue
            for reference in block.value.get("references") or []:
                if reference.get("document") is not None or not reference.get("clause"):
                    continue
                if default is None:
                    problems.append(
                        _("条款（%s）的引用没有指定文件，而本解读还没有选择所解读的文件。") % reference["clause"]
                    )
                elif default.clause_anchor(reference["clause"], reference.get("section") or None) is None:
                    problems.append(
                        _("《%(title)s》中没有唯一的条款（%(clause)s）。")
                        % {"title": default.title, "clause": reference["clause"]}
                    )
        return problems
