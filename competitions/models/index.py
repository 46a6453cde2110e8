"""The section root (技能竞赛) and the competition series below it."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.models import BasePage
from cms.prepared import PreparedQuery, padded
from cms.routing import ViewRestrictionsMixin
from cms.sql import constant_sql

from ..cards import CARD_EXPRESSIONS, CARD_FIELDS, event_cards
from ..choices import Tier
from ..paging import window_page, with_total
from ..routing import route_below
from .base import RICH_TEXT_FEATURES, OccupationFields, plain_text
from .events import CompetitionEvent
from .winners import WinnersHall

# An event is current until its last day (end date, else start date) has passed; current events sort by start.
LAST_DAY = 'COALESCE("competitions_competitionevent"."end_date", "competitions_competitionevent"."start_date")'
IS_CURRENT = f"CASE WHEN {LAST_DAY} >= %s THEN 1 ELSE 0 END"
CURRENT_START = f'CASE WHEN {LAST_DAY} >= %s THEN "competitions_competitionevent"."start_date" END'


class CompetitionIndexPage(ViewRestrictionsMixin, BasePage):
    """技能竞赛: the root of the competitions section, listing events (current and upcoming first) and series."""

    # A landing page, not the archive: the soonest current and upcoming events and the latest past ones; every
    # event is listed, a page at a time, on its series page. (Up to 40 cards once: 8x the demo's page at 50x.)
    CURRENT_SHOWN = 4
    PAST_SHOWN = 3

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

    def listed_events(self, today=None) -> tuple[list, list, int, int]:
        """(card rows of current and upcoming events, soonest first; of past events, latest first; how many of each).

        One query sorts every live event's key (a few hundred small rows at 50× the demo) and flags the current
        ones; the card fields (competitions.cards) are read for the events shown only. The sort keys are constant
        SQL (RawSQL, today a bound parameter): as ORM Case/Window expressions they cost more to build than the page
        took at demo size. Both queries are compiled once per process (cms.prepared)."""
        day = (today or timezone.localdate()).isoformat()
        rows = EVENT_KEYS(self.path, day)
        current, past = [], []
        for pk, is_current in rows:
            (current if is_current else past).append(pk)
        wanted = current[: self.CURRENT_SHOWN] + past[: self.PAST_SHOWN]
        cards = {}
        if wanted:  # one compiled query for any number of cards shown
            cards = {row["pk"]: row for row in EVENT_CARDS(*padded(wanted, self.CURRENT_SHOWN + self.PAST_SHOWN))}
        shown = [cards[pk] for pk in wanted if pk in cards]
        count = len(current[: self.CURRENT_SHOWN])
        return shown[:count], shown[count:], len(current), len(past)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        current, past, current_total, past_total = self.listed_events()
        context.update(current_events=event_cards(current, self, request), past_events=event_cards(past, self, request))
        context.update(more_current=current_total - len(current), more_past=past_total - len(past))
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


def event_keys_query(path: str, day: str):
    """(pk, is current) of the live events below `path`, current and upcoming first (soonest first), then past
    (latest first); `day` is today as an ISO date."""
    return (
        CompetitionEvent.objects.live()
        .filter(path__startswith=path)
        .annotate(current=constant_sql(IS_CURRENT, (day,)))
        .order_by("-current", constant_sql(CURRENT_START, (day,)).asc(), F("start_date").desc(), "path")
        .values_list("pk", "current")
    )


def event_cards_query(*pks: int):
    return CompetitionEvent.objects.filter(pk__in=pks).values(*CARD_FIELDS, **CARD_EXPRESSIONS)


def series_events_query(path: str, depth: int, offset: int, per_page: int):
    """A page of a series' event cards, latest first, each row with the number of events (competitions.paging)."""
    events = CompetitionEvent.objects.live().filter(path__startswith=path, depth=depth)
    rows = events.values(*CARD_FIELDS, **CARD_EXPRESSIONS).order_by("-start_date", "path")
    return with_total(rows, offset, per_page, counted=events)


EVENT_KEYS = PreparedQuery(event_keys_query, str, str)
SERIES_EVENTS = PreparedQuery(series_events_query, str, int)
EVENT_CARDS = PreparedQuery(
    event_cards_query, *[int] * (CompetitionIndexPage.CURRENT_SHOWN + CompetitionIndexPage.PAST_SHOWN)
)


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

        def fetch(offset, per_page):
            return SERIES_EVENTS(self.path, self.depth + 1, shape=(offset, per_page))

        context["page_obj"] = window_page(fetch, request.GET.get("page"))
        context["events"] = event_cards(context["page_obj"].object_list, self, request)
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
