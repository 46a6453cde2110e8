"""The search app's models: the page in the tree and the documents it searches (search.documents)."""

from django.utils.translation import gettext_lazy as _

from cms.models import BasePage

from .documents import MAX_QUERY_LENGTH, PAGE_SIZE, SearchDocument
from .service import search_page_context

__all__ = ["MAX_QUERY_LENGTH", "PAGE_SIZE", "SearchDocument", "SearchPage"]


class SearchPage(BasePage):
    """搜索: the search page lives in the tree so it appears in navigation at /search/."""

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("搜索")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(search_page_context(request, self))
        return context
