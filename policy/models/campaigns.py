"""Publicity campaigns (宣传周/宣传月) and the campaign calendar with its iCalendar feed."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.models import BasePage
from cms.page_tags import page_tags
from cms.page_urls import RowUrls
from cms.prepared import PreparedQuery

from ..blocks import ActivityBlock, ProgressBlock, progress_snapshots
from ..calendar import calendar_page, calendar_rows
from ..choices import CampaignPhase, Channel, Occasion
from ..feeds import build_ics
from ..posters import generated_poster
from .base import PolicyPageMixin, as_specific, live_public, visible
from .fields import ChoiceListField

POSTER_CARD = "fill-500x400"
POSTER_CARD_2X = "fill-1000x800"
POSTER_STORY = "fill-1080x1920"
POSTER_RENDITIONS = (POSTER_CARD, POSTER_CARD_2X, POSTER_STORY)


def aware(value: datetime.datetime) -> datetime.datetime:
    """Activity times typed without a zone are Beijing time."""
    if timezone.is_naive(value):
        return timezone.make_aware(value, timezone.get_default_timezone())
    return value


class CampaignTag(TaggedItemBase):
    content_object = ParentalKey("policy.Campaign", on_delete=models.CASCADE, related_name="tagged_items")


class Campaign(PolicyPageMixin, BasePage):
    """宣传周/宣传月 around an occasion; Wagtail's go-live/expiry schedule its publication."""

    occasion = models.CharField(_("节点"), max_length=40, choices=Occasion.choices)
    theme = models.CharField(_("主题"), max_length=200)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    channels = ChoiceListField(_("宣传方式"), base_choices=Channel.choices, blank=True)
    schedule = StreamField([("activity", ActivityBlock())], verbose_name=_("活动安排"), blank=True)
    body = RichTextField(_("活动公告"), blank=True, features=["bold", "italic", "link", "ol", "ul", "h3"])
    progress_figures = StreamField([("progress", ProgressBlock())], verbose_name=_("进度"), blank=True)
    tags = ClusterTaggableManager(through=CampaignTag, blank=True, verbose_name=_("标签"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("occasion"),
                FieldPanel("theme"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("channels"),
            ],
            heading=_("活动概况"),
        ),
        FieldPanel("body"),
        FieldPanel("progress_figures"),
        FieldPanel("schedule"),
        InlinePanel("posters", label=_("宣传海报")),
        InlinePanel("explainer_links", label=_("相关政策解读")),
        FieldPanel("tags"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("theme", boost=2),
        index.SearchField("body"),
        index.SearchField("schedule"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("occasion"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("occasion"),
        APIField("theme"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("channels"),
        APIField("body"),
        APIField("schedule"),
        APIField("posters"),
        APIField("explainer_links"),
        APIField("tags"),
    ]

    parent_page_types = ["policy.PolicyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("宣传活动")
        verbose_name_plural = _("宣传活动")

    def cache_dependencies(self):
        """The campaign lists its linked explainers (cms.cache)."""
        return list(self.explainer_links.values_list("explainer_id", flat=True))

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("结束日期不能早于开始日期。")
        elif self.start_date and self.end_date:
            outside = [
                activity
                for activity in self.activities
                if not self.start_date <= timezone.localtime(activity["starts_at"]).date() <= self.end_date
            ]
            if outside:
                errors["schedule"] = _("活动“%(title)s”（%(day)s）不在宣传活动的起止日期之内。") % {
                    "title": outside[0]["title"],
                    "day": timezone.localtime(outside[0]["starts_at"]).date().isoformat(),
                }
        if errors:
            raise ValidationError(errors)

    def phase_on(self, day: datetime.date) -> str:
        return CampaignPhase.on(self.start_date, self.end_date, day)

    @property
    def phase(self) -> str:
        return self.phase_on(timezone.localdate())

    @property
    def phase_label(self) -> str:
        return CampaignPhase(self.phase).label

    @property
    def occasion_label(self) -> str:
        """The occasion's name for the badge; 其他 is no occasion worth a badge."""
        if self.occasion == Occasion.OTHER:
            return ""
        return Occasion(self.occasion).label if self.occasion in Occasion.values else self.occasion

    @property
    def channel_labels(self) -> list[str]:
        return self._meta.get_field("channels").labels(self.channels)

    @property
    def activities(self) -> list[dict]:
        """The schedule in time order, times made aware, each with the stable id of its block."""
        items = [
            {
                "id": block.id,
                "starts_at": aware(block.value["starts_at"]),
                "ends_at": aware(block.value["ends_at"]),
                "place": block.value["place"],
                "title": block.value["title"],
                "contact": block.value["contact"],
            }
            for block in self.schedule
            if block.block_type == "activity" and block.value.get("starts_at") and block.value.get("ends_at")
        ]
        return sorted(items, key=lambda item: (item["starts_at"], item["id"] or ""))

    def get_fallback_share_image(self):
        posters = getattr(self, "_posters", None)
        if posters is None:
            posters = list(self.posters.select_related("image")[:1]) or self.drawn_posters()
        return posters[0].image if posters else None

    def drawn_posters(self) -> list:
        """The poster drawn for this campaign (policy.posters), standing in when editors added none."""
        from types import SimpleNamespace

        image = generated_poster(self)
        return [SimpleNamespace(image=image, caption=self.theme)] if image else []

    def search_document(self) -> dict:
        from wagtail.rich_text import get_text_for_indexing

        activity_lines = [
            " ".join(filter(None, [item["title"], item["place"], item["contact"]])) for item in self.activities
        ]
        text = "\n".join(
            filter(None, [self.intro, self.theme, get_text_for_indexing(self.body or ""), *activity_lines])
        )
        return {
            "type": "campaign",
            "title": self.title,
            "text": text,
            "date": self.start_date,
            "occupation": None,
            "level": None,
            "year": self.start_date.year if self.start_date else None,
            "tags": [tag.name for tag in self.tags.all()],
            "codes": [],
        }

    def linked_pages(self, request):
        """(explainers, calendar) in one query: the explainers this campaign links to and the campaign calendar.

        Unordered in SQL, sorted here: ORDER BY path let SQLite with statistics walk every page in path order
        instead of looking up the few ids (issue 19); there is at most one calendar (max_count). Compiled once per
        process (cms.prepared).
        """
        if getattr(request, "is_preview", False):
            explainers = [link.explainer for link in self.explainer_links.all() if link.explainer.live]
            calendar = CampaignCalendar.objects.live().first()
            return explainers, calendar
        calendar_type = ContentType.objects.get_for_model(CampaignCalendar)
        pages = as_specific(CAMPAIGN_LINKS(self.pk, calendar_type.pk))
        calendar = next((page for page in pages if isinstance(page, CampaignCalendar)), None)
        explainers = sorted(
            (page for page in pages if not isinstance(page, CampaignCalendar)),
            key=lambda page: (page.link_order or 0, page.link or 0),
        )
        return explainers, calendar

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self._posters = list(self.posters.select_related("image")) or self.drawn_posters()
        context["posters"] = self._posters
        context["activities"] = self.activities
        context["explainers"], calendar = self.linked_pages(request)
        context["calendar"] = calendar
        context["calendar_ics_url"] = (
            (calendar.get_url(request) or "") + calendar.reverse_subpage("ics") if calendar else ""
        )
        context["tags"] = page_tags(self, request)
        context["progress_snapshots"] = progress_snapshots(self.progress_figures, request)
        return context


class CampaignPoster(Orderable):
    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="posters")
    image = models.ForeignKey("cms.CustomImage", verbose_name=_("海报图片"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
    api_fields = [
        APIField("image"),
        APIField("caption"),
        APIField("share_card", serializer=ImageRenditionField(POSTER_CARD, source="image")),
        APIField("share_story", serializer=ImageRenditionField(POSTER_STORY, source="image")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("宣传海报")
        verbose_name_plural = _("宣传海报")

    def __str__(self):
        return self.caption or self.image.title


class CampaignExplainer(Orderable):
    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="explainer_links")
    explainer = models.ForeignKey(
        "policy.PolicyExplainer", verbose_name=_("政策解读"), on_delete=models.CASCADE, related_name="campaign_links"
    )

    panels = [PageChooserPanel("explainer", "policy.PolicyExplainer")]
    api_fields = [APIField("explainer")]

    class Meta(Orderable.Meta):
        verbose_name = _("相关政策解读")
        verbose_name_plural = _("相关政策解读")
        constraints = [models.UniqueConstraint(fields=["campaign", "explainer"], name="policy_campaign_explainer_once")]

    def __str__(self):
        return str(self.explainer)


class CampaignCalendar(PolicyPageMixin, RoutablePageMixin, BasePage):
    """宣传活动日历: upcoming, ongoing and past campaigns, and an iCalendar feed of every activity."""

    content_panels = BasePage.content_panels
    api_fields = [APIField("intro")]

    parent_page_types = ["policy.PolicyIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("宣传活动日历")
        verbose_name_plural = _("宣传活动日历")

    def cache_dependencies(self):
        """The calendar lists its sibling campaigns: any change under the policy section drops it (cms.cache)."""
        return [f"tree:{self.path[: -self.steplen]}"]

    # ?explainer=<id>: only the campaigns linked to that explainer (its "all related campaigns" link) (cms.cache).
    cache_query_params = ("explainer",)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        explainer = self.explainer_filter(request.GET.get("explainer"))
        context["explainer"] = explainer
        day, explainer_id = today.isoformat(), explainer.pk if explainer is not None else 0

        def fetch(offset: int, per_page: int) -> list[dict]:
            return CALENDAR_ROWS(day, explainer_id, shape=(offset, per_page, explainer is not None))

        context["page_obj"], context["sections"] = calendar_page(
            fetch, today, request.GET.get("page"), RowUrls(self, request)
        )
        context["ics_url"] = (self.get_url(request) or "") + self.reverse_subpage("ics")
        return context

    @staticmethod
    def explainer_filter(value):
        """The live, unrestricted explainer named by ?explainer=<id> (title and URL only), or None: any other value
        shows the whole calendar (a visitor's URL, not an error)."""
        if not isinstance(value, str) or not value.isdigit() or len(value) > 12:
            return None
        explainers = CampaignExplainer._meta.get_field("explainer").related_model.objects  # explainers import us
        return visible(explainers.filter(pk=int(value))).only("title", "url_path").first()

    @path("ics/", name="ics")
    def ics(self, request):
        """Every activity of every live, public campaign, as one iCalendar file (RFC 5545)."""
        campaigns = live_public(Campaign.objects.all()).order_by("start_date", "pk")
        body = build_ics(campaigns, request, name=str(self.title))
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="kangyang-campaigns.ics"'
        return response


def calendar_rows_query(day: str, explainer_id: int, offset: int, per_page: int, by_explainer: bool):
    """A page of the calendar from `offset`: every visible campaign, or those linked to one explainer."""
    campaigns = visible(Campaign.objects.all())
    if by_explainer:
        campaigns = campaigns.filter(explainer_links__explainer_id=explainer_id)
    return calendar_rows(campaigns, day)[offset : offset + per_page]


def campaign_links_query(campaign_id: int, calendar_type_id: int):
    """The explainers a campaign links to, with each link's order, and the calendar (Campaign.linked_pages)."""
    links = CampaignExplainer.objects.filter(campaign_id=campaign_id, explainer=OuterRef("pk"))
    return (
        visible(
            Page.objects.filter(
                Q(pk__in=CampaignExplainer.objects.filter(campaign_id=campaign_id).values("explainer_id"))
                | Q(content_type_id=calendar_type_id)
            )
        )
        .select_related("policyexplainer", "campaigncalendar")
        .annotate(link=Subquery(links.values("pk")[:1]), link_order=Subquery(links.values("sort_order")[:1]))
        .order_by()
    )


CAMPAIGN_LINKS = PreparedQuery(campaign_links_query, int, int)
CALENDAR_ROWS = PreparedQuery(calendar_rows_query, str, int)
