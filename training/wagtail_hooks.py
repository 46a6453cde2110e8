"""Admin: providers, classes and subsidy rules as snippets (Django model permissions, so the 培训管理 role governs
them), grouped under 培训机构与开班, with the import/export view."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Provider, SubsidyRule, TrainingClass
from .views import ImportTrainingView, can_import, export_view, template_view


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "home"
    menu_label = _("培训机构")
    list_display = ["name", "kind", "city", "district", "credit_code", "listed_to"]
    list_filter = ["city", "kind", "base_level"]
    search_fields = ["name", "credit_code", "address"]


class TrainingClassViewSet(SnippetViewSet):
    model = TrainingClass
    icon = "date"
    menu_label = _("开班计划")
    list_display = ["code", "display_title", "provider", "start_date", "end_date", "seats_left"]
    list_filter = ["level", "subsidised", "start_date"]
    search_fields = ["code", "title"]


class SubsidyRuleViewSet(SnippetViewSet):
    model = SubsidyRule
    icon = "tag"
    menu_label = _("补贴标准")
    list_display = ["__str__", "valid_from", "valid_to", "basis"]
    list_filter = ["city", "level"]


class TrainingGroup(SnippetViewSetGroup):
    menu_label = _("培训机构与开班")
    menu_icon = "group"
    menu_order = 240
    items = (ProviderViewSet, TrainingClassViewSet, SubsidyRuleViewSet)


register_snippet(TrainingGroup)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_urls")
def register_training_admin_urls():
    return [
        path("training/import/", ImportTrainingView.as_view(), name="training_import"),
        path("training/export/<str:fmt>/", export_view, name="training_export"),
        path("training/template.xlsx", template_view, name="training_template"),
    ]


@hooks.register("register_admin_menu_item")
def register_training_import_menu_item():
    return ImportMenuItem(_("导入/导出培训数据"), reverse("training_import"), icon_name="upload", order=245)
