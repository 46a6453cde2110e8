"""The 同义词 snippet in the admin (搜索 → 同义词), for 课程审核 and 站点管理 (see cms.accounts.roles)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("同义词")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["term", "variants", "active"]
    list_filter = ["active"]
    search_fields = ["term", "variants"]
    ordering = ["term"]


register_snippet(SynonymGroupViewSet)
