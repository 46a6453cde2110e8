"""Admin forms: checks that need the whole edit form (M2M choices, the module inline, the action clicked)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.widgets import FastSelect

from .choices import OccupationKind
from .rules import HourTotals, level_offered_message, shortfall_message

# Buttons of Wagtail's page editor that lead to a published page (directly or through moderation).
PUBLISHING_ACTIONS = ("action-publish", "action-submit")


class OccupationForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if "levels" in cleaned_data:
            # Hand the chosen levels to the page in memory, so the model's own clean() checks them.
            self.instance.levels = cleaned_data["levels"]
        return cleaned_data


class CourseModuleForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("prerequisites")
        if field is not None:
            # Codes first, in code order: a designer finds a module by its code among hundreds.
            queryset = field.queryset.order_by("code")
            if self.instance.pk:
                queryset = queryset.exclude(pk=self.instance.pk)
            field.queryset = queryset
            field.label_from_instance = lambda module: f"{module.code} {module.title}"
            field.help_text = _("输入代码或名称的一部分查找，勾选即可；可多选。")

    def clean(self):
        cleaned_data = super().clean()
        if "prerequisites" in cleaned_data:
            self.instance.prerequisites = cleaned_data["prerequisites"]
        return cleaned_data


class TrainingPackageForm(WagtailAdminPageForm):
    """Refuses publishing (and submitting for review) below the minimum hours; saving a draft is always allowed."""

    def is_publishing(self):
        if any(self.data.get(name) for name in PUBLISHING_ACTIONS):
            return True
        return bool(self.data.get("action-workflow-action")) and self.data.get("workflow-action-name") == "approve"

    def chosen_modules(self):
        formset = self.formsets.get("package_modules")
        if formset is None or not formset.is_valid():
            return None
        rows = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("module")
        ]
        rows.sort(key=lambda data: data.get("ORDER") or 0)
        return [data["module"] for data in rows]

    def clean(self):
        cleaned_data = super().clean()
        modules = self.chosen_modules()
        if modules is not None:
            seen = set()
            duplicates = [module.code for module in modules if module.pk in seen or seen.add(module.pk)]
            if duplicates:
                self.add_error(
                    None,
                    forms.ValidationError(
                        _("同一课程模块在培训包中出现了多次：%(codes)s") % {"codes": "、".join(duplicates)}
                    ),
                )
        if not self.instance.path and self.parent_page is not None:
            # A page being created has no place in the tree yet, so its model cannot find its occupation;
            # an existing page checks this in TrainingPackage.clean().
            parent = self.parent_page.specific
            problem = level_offered_message(parent, cleaned_data.get("level")) if hasattr(parent, "levels") else None
            if problem:
                self.add_error("level", problem)
        if modules is not None and self.is_publishing():
            totals = HourTotals.of(module for module in modules if module.live)
            problem = shortfall_message(totals.total, cleaned_data.get("min_hours"))
            if problem:
                self.add_error("min_hours", problem)
        return cleaned_data


class CatalogueFilter(forms.Form):
    """The catalogue's GET form; bad values are simply ignored (a visitor's URL, not an author's input)."""

    kind = forms.ChoiceField(
        label=_("类别"), required=False, choices=[("", _("全部")), *OccupationKind.choices], widget=FastSelect
    )
    level = forms.TypedChoiceField(label=_("等级"), required=False, coerce=int, empty_value=None, widget=FastSelect)
    shortage = forms.BooleanField(label=_("只看急需紧缺职业"), required=False)

    def __init__(self, *args, levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", _("全部等级"))] + [(level.number, level.name) for level in levels]
