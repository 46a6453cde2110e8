from django.utils.translation import gettext_lazy as _

from cms.models import BasePage


class PolicyIndexPage(BasePage):
    """政策解读与宣传: the root of the policy and publicity section."""

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("政策解读与宣传")
