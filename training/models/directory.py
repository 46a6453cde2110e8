"""The directory's filters and querysets: what a visitor asks for in the URL, turned into two bounded queries."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django import forms
from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from cms.prepared import PreparedQuery
from cms.reference import CITY_CHOICES, SkillLevel, find_city
from cms.sql import SubqueryCount
from cms.widgets import FastSelect

from ..choices import ProviderKind, StartsWithin
from .cards import CLASS_CARD_FIELDS, PROVIDER_CARD_FIELDS
from .classes import TrainingClass
from .providers import Provider, ProviderApproval


class DirectoryFilter(forms.Form):
    """GET filters; a bad value in a visitor's URL is ignored rather than refused."""

    city = forms.ChoiceField(
        label=_("市州"), required=False, choices=[("", _("全省"))] + CITY_CHOICES, widget=FastSelect
    )
    district = forms.CharField(label=_("区县"), required=False, max_length=40)
    occupation = forms.ChoiceField(label=_("职业"), required=False, widget=FastSelect)
    level = forms.TypedChoiceField(
        label=_("等级"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("全部等级")), *SkillLevel.choices],
        widget=FastSelect,
    )
    kind = forms.ChoiceField(
        label=_("机构类型"), required=False, choices=[("", _("全部类型")), *ProviderKind.choices], widget=FastSelect
    )
    starts = forms.ChoiceField(
        label=_("开班时间"), required=False, choices=[("", _("不限")), *StartsWithin.choices], widget=FastSelect
    )
    subsidised = forms.BooleanField(label=_("只看补贴性培训"), required=False)

    def __init__(self, data, occupations, **kwargs):
        data = data.copy()
        city = find_city(data.get("city", ""))
        if city is not None:
            data["city"] = city.name
        super().__init__(data, **kwargs)
        self.occupations = {occupation.reference_key: occupation for occupation in occupations}
        self.fields["occupation"].choices = [("", _("全部职业"))] + [
            (key, occupation.title) for key, occupation in self.occupations.items()
        ]

    @property
    def values(self) -> dict:
        """The valid filters (invalid fields dropped one by one, so one bad value keeps the others)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in (None, "", False)}


class OccupationChoice(NamedTuple):
    pk: int
    title: str
    reference_key: str  # its code, or its title when it has none


def occupations_for_filter() -> list[OccupationChoice]:
    """Live occupations in tree order: one query for three columns (no page instances).

    Sorted here, not by ORDER BY path: that lets SQLite walk the whole page table in path order to skip a sort of a
    dozen rows (12-16 ms at 20,000 pages, issue 19)."""
    Occupation = apps.get_model("curricula", "Occupation")
    rows = sorted(Occupation.objects.live().order_by().values_list("path", "pk", "title", "code"))
    return [OccupationChoice(pk, title, code or title) for _path, pk, title, code in rows]


class Chosen(NamedTuple):
    """The filters a visitor chose, as the querysets use them (empty: not filtered)."""

    city: str = ""
    district: str = ""
    occupation_id: int | None = None
    level: int | None = None
    kind: str = ""
    subsidised: bool = False
    last_start: object = None  # classes starting from today up to this day (a date or an expression)


def chosen(values: dict, occupations: dict, today: datetime.date) -> Chosen:
    occupation = occupations.get(values.get("occupation"))
    starts = values.get("starts")
    return Chosen(
        city=values.get("city") or "",
        district=(values.get("district") or "").strip(),
        occupation_id=occupation.pk if occupation is not None else None,
        level=values.get("level") or None,
        kind=values.get("kind") or "",
        subsidised=bool(values.get("subsidised")),
        last_start=today + datetime.timedelta(days=int(starts)) if starts else None,
    )


def classes_matching(choice: Chosen, today):
    """Classes not yet finished, soonest first, matching the filters (`today`: a date or an expression)."""
    classes = TrainingClass.objects.filter(end_date__gte=today)
    if choice.city:
        classes = classes.filter(provider__city=choice.city)
    if choice.district:
        classes = classes.filter(provider__district__contains=choice.district)
    if choice.occupation_id is not None:
        classes = classes.filter(occupation_id=choice.occupation_id)
    if choice.level:
        classes = classes.filter(level=choice.level)
    if choice.kind:
        classes = classes.filter(provider__kind=choice.kind)
    if choice.subsidised:
        classes = classes.filter(subsidised=True)
    if choice.last_start is not None:
        classes = classes.filter(start_date__gte=today, start_date__lte=choice.last_start)
    return classes.order_by("start_date", "code")


def providers_matching(choice: Chosen, today):
    """Providers matching the filters: those in the 目录清单 first, then expired ones."""
    providers = Provider.objects.all()
    if choice.city:
        providers = providers.filter(city=choice.city)
    if choice.district:
        providers = providers.filter(district__contains=choice.district)
    if choice.kind:
        providers = providers.filter(kind=choice.kind)
    # EXISTS per provider, not `pk IN (every approved provider)`: with a city chosen, the city's providers are
    # probed by key, instead of listing every provider approved for the occupation (all 1,500 at 50x, issue 19).
    approvals = ProviderApproval.objects.filter(provider=OuterRef("pk"))
    if choice.occupation_id is not None:
        approvals = approvals.filter(occupation_id=choice.occupation_id)
    if choice.level:
        approvals = approvals.filter(level=choice.level)
    if choice.occupation_id is not None or choice.level:
        providers = providers.filter(Exists(approvals))
    if choice.subsidised or choice.last_start is not None:
        # A provider matches when it has a class matching those filters.
        by_class = Chosen(
            occupation_id=choice.occupation_id,
            level=choice.level,
            subsidised=choice.subsidised,
            last_start=choice.last_start,
        )
        providers = providers.filter(Exists(classes_matching(by_class, today).filter(provider=OuterRef("pk"))))
    expired = Q(listed_to__lt=today) | Q(listed_from__gt=today)
    return providers.annotate(
        expired_rank=Case(When(expired, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("expired_rank", "city", "name")


def page_and_counts(listing, counted: dict, view: str, number, paginator: Paginator, anchor) -> tuple[Page, dict]:
    """The page of `listing` (the `view` entry of `counted`) the visitor asked for, and the size of every queryset
    in `counted`. The first page (most visits) is one query: its rows carry the counts as scalar subqueries. Other
    pages, and a first page without rows, ask for the counts alone (on `anchor`, a queryset of one row) and then
    for the page Paginator.get_page picks (a number past the end: the last page), as before."""

    def columns():
        return {f"count_{name}": SubqueryCount(queryset) for name, queryset in counted.items()}

    first = is_first_page(number)
    if first:
        rows = list(listing.annotate(**columns())[: paginator.per_page])
        if rows:
            return first_page(rows, view, paginator)
    values = anchor.values(**columns()).get()
    counts = {name: values[f"count_{name}"] for name in counted}
    paginator.count = counts[view]
    if first:
        return Page([], 1, paginator), counts
    return paginator.get_page(number), counts


def first_page(rows: list, view: str, paginator: Paginator) -> tuple[Page, dict]:
    """Page 1 of the rows of a first-page query, and the counts they carry (its `count_<name>` columns)."""
    counts = {key.removeprefix("count_"): value for key, value in rows[0].items() if key.startswith("count_")}
    paginator.count = counts[view]
    return Page(rows, 1, paginator), counts


def is_first_page(number) -> bool:
    try:
        return int(number) == 1
    except (TypeError, ValueError):
        return True  # as Paginator.get_page: not a number, the first page


def first_page_rows(choice: Chosen, today: datetime.date, view: str, per_page: int) -> list | None:
    """The first page of the directory's `view` with both counts, from a query compiled once per process and set
    of filters (cms.prepared); None when a filter needs the ORM (a 区县 the visitor typed: LIKE '%…%')."""
    if choice.district:
        return None
    flags = (bool(choice.city), choice.occupation_id is not None, bool(choice.level), bool(choice.kind))
    shape = (view, per_page, *flags, choice.subsidised, choice.last_start is not None)
    last_start = (choice.last_start or today).isoformat()
    values = (choice.city, choice.occupation_id or 0, choice.level or 0, choice.kind, today.isoformat(), last_start)
    return FIRST_PAGE(*values, shape=shape)


def first_page_query(city, occupation_id, level, kind, day, last_start, view, per_page, *flags):
    """The builder of `first_page_rows`: `flags` say which filters apply (city, occupation, level, kind,
    subsidised, starts); dates are bound as ISO text."""
    by_city, by_occupation, by_level, by_kind, subsidised, by_start = flags
    choice = Chosen(
        city=city if by_city else "",
        occupation_id=occupation_id if by_occupation else None,
        level=level if by_level else None,
        kind=kind if by_kind else "",
        subsidised=subsidised,
        last_start=Value(last_start) if by_start else None,
    )
    today = Value(day)
    classes, providers = classes_matching(choice, today), providers_matching(choice, today)
    listing = classes.values(*CLASS_CARD_FIELDS) if view == "classes" else providers.values(*PROVIDER_CARD_FIELDS)
    counts = {"count_classes": SubqueryCount(classes), "count_providers": SubqueryCount(providers)}
    return listing.annotate(**counts)[:per_page]


FIRST_PAGE = PreparedQuery(first_page_query, str, int, int, str, str, str)
