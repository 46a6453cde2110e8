"""The search app's models: the page in the tree and the documents it searches (search.documents)."""

from django.utils.translation import gettext_lazy as _

from cms.models import BasePage

from .common_ranking import CommonTermRanking
from .documents import MAX_QUERY_LENGTH, PAGE_SIZE, SearchDocument
from .service import search_page_context
from .synonym_group import SynonymGroup
from .views import page_refusal

__all__ = ["CommonTermRanking", "MAX_QUERY_LENGTH", "PAGE_SIZE", "SearchDocument", "SearchPage", "SynonymGroup"]


class SearchPage(BasePage):
    """搜索: the search page lives in the tree so it appears in navigation at /search/."""

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("搜索")

    # Results depend on every indexed page and on the visitor's words: never stored by the page cache (cms.cache).
    page_cache = False

    def serve(self, request, *args, **kwargs):
        return page_refusal(request) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(search_page_context(request, self))
        return context
