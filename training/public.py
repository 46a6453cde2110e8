"""What other apps may use of the training app: the 报名与补贴 block of occupation and package pages.

Curricula templates render it with `{% load training_tags %}{% enrolment_block page %}`; this module does the work
in a fixed number of queries (rules, next classes, the section page, and the cities with classes when there
are none nearby), however many providers and classes exist. The section page's URL is kept per process while the
site chrome is (see `directory_url`): then the block needs one query fewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q, Value
from django.utils import timezone

from cms.cache.chrome import request_memo
from cms.prepared import PreparedQuery
from cms.reference import CITY_NAMES, LEVEL_SHORT_NAMES, find_city

from .geography import nearest_city
from .models import SubsidyRule, TrainingClass, TrainingIndexPage
from .subsidies import resolve_subsidy

NEXT_CLASSES = 3
# Queries the block adds to a page: subsidy rules, next classes, the section's URL (none for it while the chrome
# memo keeps it; one more, the 市州 that have classes, only in the empty state of a chosen 市州). Other apps' query
# pins (measured with the memo off) add this.
ENROLMENT_BLOCK_QUERIES = 3
CITY_PARAM = "city"
# What a page's URL needs (Page.get_url_parts): the rest of a linked page is not loaded.
LINK_FIELDS = ("id", "path", "depth", "url_path")


@dataclass
class LevelSubsidy:
    level: int
    name: str
    rule: object | None


@dataclass
class EnrolmentBlock:
    occupation: object
    level: int | None
    city: str
    cities: tuple[str, ...]
    subsidies: list[LevelSubsidy] = field(default_factory=list)
    classes: list = field(default_factory=list)
    nearest_city: str | None = None
    directory_url: str = ""
    nearest_url: str = ""
    # The URL of the directory (培训机构与开班), the base of its class and provider links; "" when it is not live.
    index_url: str = ""


# Every field of a rule (choosing one and showing it read most of them).
RULE_FIELDS = tuple(field.name for field in SubsidyRule._meta.concrete_fields)


def directory_url(request) -> str | None:
    """The URL of the live directory page, None when there is none.

    It is a section page (a child of the home page): publishing, unpublishing, moving or deleting it, or changing
    the home page or the sites, bumps the `global` version (cms.cache). So each process keeps it against that
    version, as it keeps the site chrome (cms.cache.chrome.request_memo), and looks it up afresh when the chrome
    memo is off or the request did not come through the page-cache middleware.
    """

    def lookup():
        index = TrainingIndexPage.objects.live().only(*LINK_FIELDS).first()
        return None if index is None else (index.url or "")

    if request is None:
        return lookup()
    return request_memo(request, "training:directory-url", lookup)


def chosen_city(request) -> str:
    """The 市州 the visitor picked, from the URL only (no cookie, no tracking); "" for the whole province."""
    city = find_city(request.GET.get(CITY_PARAM, "")) if request is not None else None
    return city.name if city else ""


def _occupation_and_level(page):
    """(occupation page, level number or None) of an occupation or a training package page."""
    if page._meta.label_lower == "curricula.trainingpackage":
        return page.parent_occupation, page.level.number
    return page, None


def _offered_levels(occupation) -> list[int]:
    return sorted((level.number for level in occupation.levels.all() if 1 <= level.number <= 5), reverse=True)


def enrolment_block(page, request, levels=None) -> EnrolmentBlock:
    """The block for an occupation or package page; `levels` (level numbers) saves a query when the page
    already knows which levels the occupation offers."""
    today = timezone.localdate()
    occupation, level = _occupation_and_level(page)
    city = chosen_city(request)
    block = EnrolmentBlock(occupation=occupation, level=level, city=city, cities=CITY_NAMES)
    if occupation is None:
        return block
    if level is not None:
        levels = [level]
    elif levels is None:
        levels = _offered_levels(occupation)

    day = today.isoformat()
    rules = SUBSIDY_RULES(occupation.pk, day, city, shape=(bool(city),))
    block.subsidies = [
        LevelSubsidy(
            number,
            LEVEL_SHORT_NAMES.get(number, ""),
            resolve_subsidy(rules, occupation.pk, occupation.shortage, number, city, today),
        )
        for number in levels
    ]

    block.classes = NEXT_CLASSES_QUERY(occupation.pk, day, level or 0, city, shape=(level is not None, bool(city)))
    for item in block.classes:
        item._occupation_title = occupation.title

    base = directory_url(request)
    if base is not None:
        block.index_url = base
        query = {"occupation": occupation.code or occupation.title}
        if level is not None:
            query["level"] = level
        block.directory_url = f"{base}?{urlencode(query | ({'city': city} if city else {}))}"
        if not block.classes and city:
            with_classes = TrainingClass.objects.filter(occupation_id=occupation.pk, start_date__gte=today)
            if level is not None:
                with_classes = with_classes.filter(level=level)
            cities = set(with_classes.values_list("provider__city", flat=True).distinct())
            block.nearest_city = nearest_city(city, cities)
            if block.nearest_city:
                block.nearest_url = f"{base}?{urlencode(query | {'city': block.nearest_city})}"
    return block


# The block's two queries, compiled once per process and shape (cms.prepared); today is bound as an ISO date.


def subsidy_rules_query(occupation_id: int, day: str, city: str, for_city: bool):
    """The rules that may apply to an occupation in the province (and a 市州), valid from `day` or earlier."""
    return (
        SubsidyRule.objects.select_related("policy_document")
        # Of the policy document only what its link needs (its body is long).
        .only(*RULE_FIELDS, *(f"policy_document__{name}" for name in LINK_FIELDS))
        .filter(
            Q(occupation_id=occupation_id) | Q(occupation__isnull=True),
            city__in=["", city] if for_city else [""],
            valid_from__lte=Value(day),
        )
    )


def next_classes_query(occupation_id: int, day: str, level: int, city: str, for_level: bool, for_city: bool):
    classes = TrainingClass.objects.filter(occupation_id=occupation_id, start_date__gte=Value(day))
    if for_level:
        classes = classes.filter(level=level)
    if for_city:
        classes = classes.filter(provider__city=city)
    return classes.select_related("provider").order_by("start_date", "code")[:NEXT_CLASSES]


SUBSIDY_RULES = PreparedQuery(subsidy_rules_query, int, str, str)
NEXT_CLASSES_QUERY = PreparedQuery(next_classes_query, int, str, int, str)
