from django.utils.translation import gettext_lazy as _

from cms.models import BasePage


class CompetitionIndexPage(BasePage):
    """技能竞赛: the root of the competitions section."""

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("技能竞赛")
