from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.page_urls import fast_url_parts
from cms.rich_text import sanitise_rich_text_fields
from cms.routing import route_from_root

SECTION_PAGE_TYPES = [
    "curricula.CurriculaIndexPage",
    "competitions.CompetitionIndexPage",
    "policy.PolicyIndexPage",
    "training.TrainingIndexPage",
    "progress.ProgressPage",
    "search.SearchPage",
]


class ShareMixin(models.Model):
    """Open Graph / share-card fields with their own promote panel."""

    share_image = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("分享图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    promote_panels = [*Page.promote_panels, FieldPanel("share_image")]

    class Meta:
        abstract = True


class BasePage(ShareMixin, Page):
    """Every page of the site: share metadata and a short intro shown on listings and cards."""

    intro = models.TextField(_("导语"), blank=True, help_text=_("一两句话，显示在列表卡片和分享卡片上。"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # The public read API (/api/v2/pages/) exposes these; subclasses extend the list with their domain fields.
    api_fields = [APIField("intro"), APIField("share_image")]

    class Meta:
        abstract = True

    def get_share_description(self):
        return self.search_description or self.intro

    def get_url_parts(self, request=None):
        """Wagtail's answer, without a `reverse()` per link when it can (cms.page_urls)."""
        parts = fast_url_parts(self, request)
        return super().get_url_parts(request) if parts is NotImplemented else parts

    def full_clean(self, *args, **kwargs):
        """Rich text written outside the editor is cleaned before it is validated, saved or put in a revision."""

        sanitise_rich_text_fields(self)
        return super().full_clean(*args, **kwargs)


class HomePage(BasePage):
    """The site root (首页): one per site, holding the four sections."""

    hero_title = models.CharField(_("横幅标题"), max_length=120, blank=True)
    body = RichTextField(_("正文"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [*BasePage.content_panels, FieldPanel("hero_title"), FieldPanel("body")]
    api_fields = [*BasePage.api_fields, APIField("hero_title"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = SECTION_PAGE_TYPES
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def route(self, request, path_components):
        """Every page of the site is found from here in two queries (cms.routing.route_from_root)."""
        if not path_components:
            return super().route(request, path_components)
        return route_from_root(self, request, path_components)
