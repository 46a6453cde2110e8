from django.utils.translation import gettext_lazy as _

from cms.models import BasePage


class CurriculaIndexPage(BasePage):
    """课程中心: the root of the curricula section."""

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("课程中心")
