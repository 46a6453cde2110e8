"""The winners hall (获奖名单): every finally announced award, filterable."""

from collections import Counter

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.paginator import Page as DjangoPage
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField

from cms.models import BasePage
from cms.prepared import PreparedQuery
from cms.reference import CITY_NAMES
from cms.routing import ViewRestrictionsMixin

from ..choices import AnnouncementState, Award
from ..forms import WinnersFilterForm
from .base import RESULTS_CACHE_TAG
from .results import ResultEntry

# What a row of the hall shows (competitions/winners_hall.html): of the event, its link, title, year and occupation
# and whether names are masked, not its rounds, body and registration notes.
WINNER_ROW_FIELDS = (
    "event_id",
    "rank",
    "name",
    "organisation",
    "city",
    "raw_score",
    "award",
    "honour",
    "is_team",
    "team_name",
    "event__title",
    "event__url_path",
    "event__year",
    "event__occupation_name",
    "event__mask_names_when_final",
)


class WinnersHall(ViewRestrictionsMixin, BasePage):
    """获奖名单: winners of every finally announced event, filterable by occupation, year, city and award."""

    PER_PAGE = 50

    api_fields = [APIField("intro")]

    parent_page_types = ["competitions.CompetitionIndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("获奖名单")
        verbose_name_plural = _("获奖名单")

    # The hall's filters select their own cached entry (cms.cache).
    cache_query_params = tuple(WinnersFilterForm.base_fields)

    @staticmethod
    def winners():
        """Entries with an award from live events whose results are final (公示 results are not yet winners)."""
        return ResultEntry.objects.filter(event__live=True, event__announcement__state=AnnouncementState.FINAL).exclude(
            award=""
        )

    def cache_dependencies(self):
        """Winners of every event are listed here: any results import or announcement drops the cached page."""
        return [RESULTS_CACHE_TAG]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One grouped query gives both the filter options and the per-award counts under any filter.
        groups = WINNER_GROUPS()
        form = WinnersFilterForm(
            request.GET or None,
            occupations=sorted({occupation for occupation, *_rest in groups if occupation}),
            years=sorted({year for _occupation, year, *_rest in groups}, reverse=True),
            cities=sort_cities({city for _occupation, _year, city, *_rest in groups if city}),
        )
        chosen = {}
        if form.is_bound:
            form.is_valid()  # a value that is not among the choices is reported and ignored
            chosen = {name: value for name, value in form.cleaned_data.items() if value}

        def selected(group):
            occupation, year, city, award, _n = group
            return (
                chosen.get("occupation", occupation) == occupation
                and chosen.get("year", str(year)) == str(year)
                and chosen.get("city", city) == city
                and chosen.get("award", award) == award
            )

        counts = Counter()
        for group in filter(selected, groups):
            counts[group[3]] += group[4]
        total = sum(counts.values())
        paginator = Paginator(range(total), self.PER_PAGE)  # the total is known from the grouped counts: no COUNT
        try:
            number = paginator.validate_number(request.GET.get("page") or 1)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = paginator.num_pages
        offset = (number - 1) * self.PER_PAGE
        filters = tuple(name in chosen for name in WINNER_FILTERS)
        values = (chosen.get("occupation", ""), int(chosen.get("year") or 0), chosen.get("city", ""))
        rows = WINNER_ROWS(*values, chosen.get("award", ""), shape=(offset, self.PER_PAGE, *filters))
        page_obj = DjangoPage(rows, number, paginator)
        for entry in page_obj.object_list:
            entry.display_name = entry.get_display_name(entry.event.mask_names_when_final)
        # A list of one event's winners (e.g. filtered down to it) names the event once instead of on every row.
        events = {entry.event_id: entry.event for entry in page_obj.object_list}
        single_event = next(iter(events.values())) if len(events) == 1 else None
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page_obj=page_obj,
            total=total,
            award_counts=[(value, label, counts[value]) for value, label in Award.choices if counts[value]],
            query_string=query.urlencode(),
            single_event=single_event,
        )
        return context


def sort_cities(cities) -> list[str]:
    """Sichuan's 市州 in their official order, then places outside Sichuan alphabetically."""
    order = {city: index for index, city in enumerate(CITY_NAMES)}
    return sorted(cities, key=lambda city: (order.get(city, len(order)), city))


# The hall's two queries, compiled once per process and shape (cms.prepared).
WINNER_FILTERS = ("occupation", "year", "city", "award")


def winner_groups_query():
    """(occupation, year, city, award, how many): the filter options and the counts under any filter."""
    winners = WinnersHall.winners().order_by()
    return winners.values_list("event__occupation_name", "event__year", "city", "award").annotate(n=Count("id"))


def winner_rows_query(occupation: str, year: int, city: str, award: str, offset: int, per_page: int, *filtered: bool):
    """A page of winners, latest event first, filtered by what the visitor chose (`filtered`: per WINNER_FILTERS)."""
    wanted = dict(zip(WINNER_FILTERS, filtered, strict=True))
    rows = WinnersHall.winners()
    if wanted["occupation"]:
        rows = rows.filter(event__occupation_name=occupation)
    if wanted["year"]:
        rows = rows.filter(event__year=year)
    if wanted["city"]:
        rows = rows.filter(city=city)
    if wanted["award"]:
        rows = rows.filter(award=award)
    rows = rows.select_related("event").only(*WINNER_ROW_FIELDS)
    return rows.order_by("-event__start_date", "event__path", "rank", "pk")[offset : offset + per_page]


WINNER_GROUPS = PreparedQuery(winner_groups_query)
WINNER_ROWS = PreparedQuery(winner_rows_query, str, int, str, str)
