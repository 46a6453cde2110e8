"""Admin: targets, measures, population and monthly figures as snippets under one 目标与进度 menu, plus the
figures import. Editing needs the Django model permissions that `setup_roles` grants to 培训管理 and 站点管理."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ElderlyPopulation, Measure, ProgressFigure, Target
from .views import import_figures_view

IMPORT_PERMISSIONS = ["progress.add_progressfigure", "progress.change_progressfigure"]


class TargetViewSet(SnippetViewSet):
    model = Target
    icon = "pick"
    menu_label = _("目标任务")
    list_display = ["measure", "number", "unit", "start_month", "end_month", "clause"]


class MeasureViewSet(SnippetViewSet):
    model = Measure
    icon = "tag"
    menu_label = _("统计对象")
    list_display = ["name", "kind", "occupation", "sort_order"]


class PopulationViewSet(SnippetViewSet):
    model = ElderlyPopulation
    icon = "group"
    menu_label = _("老年人口")
    list_display = ["year", "city", "population", "is_example"]
    list_filter = ["year", "city", "is_example"]


class FigureViewSet(SnippetViewSet):
    model = ProgressFigure
    icon = "table"
    menu_label = _("月度进度")
    list_display = ["month", "city", "measure", "trained", "certified", "subsidy"]
    list_filter = ["measure", "city", "month"]
    list_per_page = 50


class ProgressGroup(SnippetViewSetGroup):
    menu_label = _("目标与进度")
    menu_icon = "pick"
    menu_order = 230
    items = (TargetViewSet, MeasureViewSet, PopulationViewSet, FigureViewSet)


register_snippet(ProgressGroup)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(IMPORT_PERMISSIONS)


@hooks.register("register_admin_urls")
def register_progress_admin_urls():
    return [path("progress/import/", import_figures_view, name="progress_import")]


@hooks.register("register_admin_menu_item")
def register_progress_import_menu_item():
    return ImportMenuItem(_("导入月度进度"), reverse("progress_import"), icon_name="upload", order=231)
