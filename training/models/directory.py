"""The directory's filters and querysets: what a visitor asks for in the URL, turned into two bounded queries."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django import forms
from django.apps import apps
from django.core.paginator import Page, Paginator
from django.db.models import Case, Func, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from cms.reference import CITY_CHOICES, SkillLevel, find_city
from cms.widgets import FastSelect

from ..choices import ProviderKind, StartsWithin
from .classes import TrainingClass
from .providers import Provider


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


def filtered_classes(values: dict, occupations: dict, today: datetime.date):
    """Classes not yet finished, soonest first, matching the filters."""
    classes = TrainingClass.objects.filter(end_date__gte=today)
    if values.get("city"):
        classes = classes.filter(provider__city=values["city"])
    if values.get("district"):
        classes = classes.filter(provider__district__contains=values["district"].strip())
    if values.get("occupation") in occupations:
        classes = classes.filter(occupation_id=occupations[values["occupation"]].pk)
    if values.get("level"):
        classes = classes.filter(level=values["level"])
    if values.get("kind"):
        classes = classes.filter(provider__kind=values["kind"])
    if values.get("subsidised"):
        classes = classes.filter(subsidised=True)
    if values.get("starts"):
        classes = classes.filter(
            start_date__gte=today, start_date__lte=today + datetime.timedelta(days=int(values["starts"]))
        )
    return classes.order_by("start_date", "code")


def filtered_providers(values: dict, occupations: dict, today: datetime.date):
    """Providers matching the filters: those in the 目录清单 first, then expired ones."""
    providers = Provider.objects.all()
    if values.get("city"):
        providers = providers.filter(city=values["city"])
    if values.get("district"):
        providers = providers.filter(district__contains=values["district"].strip())
    if values.get("kind"):
        providers = providers.filter(kind=values["kind"])
    approval = Q()
    if values.get("occupation") in occupations:
        approval &= Q(approvals__occupation_id=occupations[values["occupation"]].pk)
    if values.get("level"):
        approval &= Q(approvals__level=values["level"])
    if approval:
        providers = providers.filter(pk__in=Provider.objects.filter(approval).values("pk"))
    if values.get("subsidised") or values.get("starts"):
        # A provider matches when it has a class matching those filters.
        class_values = {
            name: values[name] for name in ("subsidised", "starts", "occupation", "level") if name in values
        }
        providers = providers.filter(pk__in=filtered_classes(class_values, occupations, today).values("provider_id"))
    expired = Q(listed_to__lt=today) | Q(listed_from__gt=today)
    return providers.annotate(
        expired_rank=Case(When(expired, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("expired_rank", "city", "name")


class SubqueryCount(Func):
    """COUNT(*) of a queryset as a scalar subquery, so several counts come back in one query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"

    def __init__(self, queryset):
        self.queryset = queryset.order_by().values("pk")
        super().__init__()

    def as_sql(self, compiler, connection, **extra):
        sql, params = self.queryset.query.get_compiler(connection=connection).as_sql()
        return self.template % {"subquery": sql}, params

    @property
    def output_field(self):
        from django.db.models import IntegerField

        return IntegerField()


def page_and_counts(listing, counted: dict, view: str, number, paginator: Paginator, anchor) -> tuple[Page, dict]:
    """The page of `listing` (the `view` entry of `counted`) the visitor asked for, and the size of every queryset
    in `counted`. The first page (most visits) is one query: its rows carry the counts as scalar subqueries. Other
    pages, and a first page without rows, ask for the counts alone (on `anchor`, a queryset of one row) and then
    for the page Paginator.get_page picks (a number past the end: the last page), as before."""
    columns = {f"count_{name}": SubqueryCount(queryset) for name, queryset in counted.items()}
    try:
        first = int(number) == 1
    except (TypeError, ValueError):
        first = True  # as Paginator.get_page: not a number, the first page
    if first:
        rows = list(listing.annotate(**columns)[: paginator.per_page])
        if rows:
            counts = {name: rows[0][f"count_{name}"] for name in counted}
            paginator.count = counts[view]
            return Page(rows, 1, paginator), counts
    values = anchor.values(**columns).get()
    counts = {name: values[f"count_{name}"] for name in counted}
    paginator.count = counts[view]
    if first:
        return Page([], 1, paginator), counts
    return paginator.get_page(number), counts
