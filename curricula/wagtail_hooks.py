"""Admin registrations: skill levels (data), flat listings of modules and packages, the import/export view."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CourseModule, SkillLevel, TrainingPackage
from .views import ImportCurriculaView, can_import, export_view, markdown_preview_view, template_view


class SkillLevelViewSet(SnippetViewSet):
    model = SkillLevel
    icon = "list-ol"
    menu_label = _("技能等级")
    list_display = ["name", "number", "description"]
    list_filter = ["number"]
    search_fields = ["name", "description"]
    ordering = ["-number"]


class CourseModuleListing(PageListingViewSet):
    model = CourseModule
    icon = "doc-full"
    menu_label = _("课程模块")
    name = "course_modules"
    list_display = ["title", "code", "owner_occupation", "theory_hours", "practice_hours", "latest_revision_created_at"]
    list_filter = ["owner_occupation", "live"]


class TrainingPackageListing(PageListingViewSet):
    model = TrainingPackage
    icon = "list-ul"
    menu_label = _("培训包")
    name = "training_packages"
    list_display = ["title", "code", "level", "min_hours", "latest_revision_created_at"]
    list_filter = ["level", "live"]


class CurriculaGroup(ViewSetGroup):
    menu_label = _("课程中心")
    menu_icon = "folder-inverse"
    menu_order = 210
    items = (CourseModuleListing, TrainingPackageListing)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


register_snippet(SkillLevelViewSet)


@hooks.register("register_admin_viewset")
def register_curricula_listings():
    return CurriculaGroup()


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("curricula/import/", ImportCurriculaView.as_view(), name="curricula_import"),
        path("curricula/export/", export_view, name="curricula_export"),
        path("curricula/template.xlsx", template_view, name="curricula_template"),
        path("curricula/markdown-preview/", markdown_preview_view, name="curricula_markdown_preview"),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("导入/导出课程"), reverse("curricula_import"), icon_name="upload", order=215)
