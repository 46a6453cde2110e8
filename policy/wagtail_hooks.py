"""Admin: a 政策解读与宣传 menu with the import form for official documents."""

import logging

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .models import Campaign
from .posters import ensure_campaign_poster
from .views import ImportPolicyView, import_parent_for, policy_pages

logger = logging.getLogger(__name__)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return import_parent_for(request.user) is not None


@hooks.register("register_admin_urls")
def register_policy_admin_urls():
    return [
        path("policy/import/", ImportPolicyView.as_view(), name="policy_import"),
        path("policy/pages/", policy_pages, name="policy_pages"),
    ]


@hooks.register("register_admin_menu_item")
def register_policy_menu():
    menu = Menu(
        items=[
            MenuItem(_("政策与宣传页面"), reverse_lazy("policy_pages"), icon_name="folder-open-inverse", order=100),
            ImportMenuItem(_("导入政策文件"), reverse_lazy("policy_import"), icon_name="doc-full-inverse", order=200),
        ]
    )
    return SubmenuMenuItem(_("政策解读与宣传"), menu, icon_name="doc-full", order=300)


def draw_campaign_poster(request, page):
    """Every new or edited campaign gets its own poster (policy.posters), drawn from its latest draft."""

    if page.specific_class is not None and issubclass(page.specific_class, Campaign):
        try:
            ensure_campaign_poster(page.specific.get_latest_revision_as_object())
        except (OSError, ValueError):  # a poster that cannot be drawn must not cost the editor their save
            logger.exception("Could not draw the poster of campaign %s", page.pk)


hooks.register("after_create_page", draw_campaign_poster)
hooks.register("after_edit_page", draw_campaign_poster)
