"""The section root (技能竞赛) and the competition series below it."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.models import BasePage
from cms.routing import ViewRestrictionsMixin

from ..choices import Tier
from ..paging import window_page
from ..routing import route_below
from .base import RICH_TEXT_FEATURES, OccupationFields, plain_text
from .events import CompetitionEvent
from .winners import WinnersHall

# What an event card shows (competitions/includes/event_card.html, pageurl): the rounds, body and registration
# notes of every listed event stay in the database.
EVENT_CARD_FIELDS = (
    "title",
    "url_path",
    "intro",
    "start_date",
    "end_date",
    "registration_opens",
    "registration_closes",
    "venue",
    "announcement__state",
)


class CompetitionIndexPage(ViewRestrictionsMixin, BasePage):
    """技能竞赛: the root of the competitions section, listing events (current and upcoming first) and series."""

    EVENTS_SHOWN = 40

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["competitions.Competition", "competitions.WinnersHall"]
    max_count = 1

    api_fields = [APIField("intro")]

    class Meta:
        verbose_name = _("技能竞赛")

    def route(self, request, path_components):
        if path_components:
            return route_below(self, request, path_components)
        return super().route(request, path_components)

    def listed_events(self, today=None) -> tuple[list, list]:
        """(current and upcoming events, soonest first; past events, latest first), in one query."""
        today = today or timezone.localdate()
        is_current = Q(last_date__gte=today)
        events = list(
            CompetitionEvent.objects.live()
            .descendant_of(self)
            .select_related("announcement")
            .only(*EVENT_CARD_FIELDS)
            .annotate(last_date=Coalesce("end_date", "start_date"))
            .order_by(
                Case(When(is_current, then=Value(0)), default=Value(1)),
                Case(When(is_current, then=F("start_date"))).asc(nulls_last=True),
                F("start_date").desc(),
                "path",
            )[: self.EVENTS_SHOWN]
        )
        current = [event for event in events if event.last_date >= today]
        return current, events[len(current) :]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["current_events"], context["past_events"] = self.listed_events()
        # Series and the winners hall in one query: the series' own fields come along through the join.
        children = list(
            self.get_children()
            .live()
            .annotate(
                series_tier=F("competition__tier"),
                series_intro=F("competition__intro"),
                series_occupation=F("competition__occupation_name"),
            )
            .order_by("path")
        )
        series_type = ContentType.objects.get_for_model(Competition)
        hall_type = ContentType.objects.get_for_model(WinnersHall)
        context["series"] = [child for child in children if child.content_type_id == series_type.pk]
        for child in context["series"]:
            child.tier_label = Tier(child.series_tier).label if child.series_tier else ""
        context["winners_hall"] = next((child for child in children if child.content_type_id == hall_type.pk), None)
        return context


class Competition(ViewRestrictionsMixin, OccupationFields, BasePage):
    """A competition series (e.g. 四川省养老护理职业技能竞赛) that holds one event page per edition or stage."""

    organiser = models.CharField(_("主办单位"), max_length=200, blank=True)
    tier = models.CharField(_("级别"), max_length=20, choices=Tier, default=Tier.PROVINCIAL)
    body = RichTextField(_("竞赛介绍"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("tier"), FieldPanel("organiser")]),
        FieldRowPanel([FieldPanel("occupation_name"), FieldPanel("occupation_code")]),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("occupation_name"),
        index.SearchField("organiser"),
        index.FilterField("tier"),
        index.FilterField("occupation_code"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("tier"),
        APIField("organiser"),
        APIField("occupation_name"),
        APIField("occupation_code"),
        APIField("body"),
    ]

    parent_page_types = ["competitions.CompetitionIndexPage"]
    subpage_types = ["competitions.CompetitionEvent"]

    class Meta:
        verbose_name = _("竞赛系列")
        verbose_name_plural = _("竞赛系列")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = CompetitionEvent.objects.live().child_of(self).select_related("announcement").only(*EVENT_CARD_FIELDS)
        context["page_obj"] = window_page(events.order_by("-start_date", "path"), request.GET.get("page"))
        context["events"] = context["page_obj"].object_list
        return context

    def search_document(self) -> dict:
        return {
            "type": "competition",
            "title": self.title,
            "text": " ".join(filter(None, [self.intro, plain_text(self.body), self.organiser])),
            "date": None,
            "occupation": self.occupation_code or self.occupation_name or None,
            "level": None,
            "year": None,
            "tags": [str(self.get_tier_display()), *filter(None, [self.occupation_name])],
            "codes": [self.occupation_code] if self.occupation_code else [],
        }
