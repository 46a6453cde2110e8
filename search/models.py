from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.models import BasePage

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10


class SearchPage(BasePage):
    """搜索: the search page lives in the tree so it appears in navigation at /search/."""

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("搜索")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()
        context["query"] = query
        if not query:
            return context
        if len(query) > MAX_QUERY_LENGTH:
            context["error"] = _("搜索词太长：最多 %(max)s 个字符。") % {"max": MAX_QUERY_LENGTH}
            return context
        results = Page.objects.live().public().exclude(pk=self.pk).search(query)
        paginator = Paginator(results, PAGE_SIZE)
        try:
            context["results"] = paginator.page(request.GET.get("page", 1))
        except (EmptyPage, PageNotAnInteger):
            context["results"] = paginator.page(1)
        return context
