"""The public 进度 page: targets, 市州 quotas and progress as charts with their data, downloads and JSON."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from cms.models import BasePage
from cms.routing import ViewRestrictionsMixin

from ..exporter import csv_response, json_response, xlsx_response
from ..page_context import page_context
from .summary import build_summary
from .targets import PROGRESS_TAG


class ProgressPage(ViewRestrictionsMixin, RoutablePageMixin, BasePage):
    """目标任务与进度: one per site, under the home page."""

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    cache_query_params = ("target", "sort")

    class Meta:
        verbose_name = _("目标任务与进度")

    def cache_dependencies(self):
        return [PROGRESS_TAG]

    def _summary(self, request):
        try:
            selected = int(request.GET.get("target", ""))
        except ValueError:
            selected = None
        return build_summary(selected)

    @path("")
    def index(self, request):
        summary = self._summary(request)
        context = self.get_context(request)
        context.update(page_context(self, request, summary))
        return TemplateResponse(request, "progress/progress_page.html", context)

    @re_path(r"^data/(?P<chart>targets|cities|months|rates)/(?P<extension>csv|xlsx)/$", name="download")
    def download(self, request, chart, extension):
        summary = self._summary(request)
        if summary.selected is None and chart in ("cities", "months"):
            raise Http404
        return (csv_response if extension == "csv" else xlsx_response)(summary, chart)

    @path("json/", name="json")
    def api(self, request):
        return json_response(self._summary(request))
