"""The campaign calendar, one page at a time: ongoing, then upcoming (soonest first), then past (latest first).

The calendar once listed every campaign, so its time grew with the archive. Now one query per request sorts the
three phases in SQL, counts each phase with window sums over the same rows and returns one page of cards: the work
stays bounded however many campaigns there are, and page 1 still knows which phases are empty (their empty state)
and on which page a phase begins when page 1 is full before it.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.utils.translation import gettext_lazy as _

from cms.page_urls import RowUrls
from cms.paging import page_number
from cms.sql import constant_sql

from .cards import CAMPAIGN_CARD_FIELDS, campaign_cards
from .choices import CampaignPhase

PER_PAGE = 12


@dataclass
class Section:
    phase: str
    heading: str
    empty: str
    total: int = 0
    starts_on_page: int = 1
    items: list = field(default_factory=list)  # the campaigns' rows on this page
    cards: str = ""  # their cards' HTML (policy.cards)


def sections() -> list[Section]:
    return [
        Section(CampaignPhase.ONGOING, _("正在进行"), _("目前没有正在进行的宣传活动。")),
        Section(CampaignPhase.UPCOMING, _("即将开始"), _("暂无即将开始的宣传活动。")),
        Section(CampaignPhase.PAST, _("已结束"), _("还没有已结束的宣传活动。")),
    ]


# The phase order, the per-phase window counts and the sort keys as plain SQL: the ORM's Case/Window expressions
# cost more to build than the whole query takes to run (policy_campaign is the queryset's own table). Within one
# phase a sort key is either always NULL or never, so NULL placement does not matter.
RANK = 'CASE WHEN "policy_campaign"."start_date" > %s THEN 1 WHEN "policy_campaign"."end_date" < %s THEN 2 ELSE 0 END'
UPCOMING = 'SUM(CASE WHEN "policy_campaign"."start_date" > %s THEN 1 ELSE 0 END) OVER ()'
PAST = (
    'SUM(CASE WHEN "policy_campaign"."start_date" <= %s AND "policy_campaign"."end_date" < %s THEN 1 ELSE 0 END)'
    " OVER ()"
)
CURRENT_KEY = 'CASE WHEN "policy_campaign"."end_date" >= %s OR "policy_campaign"."start_date" > %s THEN {} END'
PAST_KEY = 'CASE WHEN "policy_campaign"."end_date" < %s AND "policy_campaign"."start_date" <= %s THEN {} END'
START, PK = '"policy_campaign"."start_date"', '"policy_campaign"."page_ptr_id"'


def _rows(campaigns, today, offset: int) -> list[dict]:
    """One page of campaign rows (the card's fields, no page instances), each with its phase and the totals."""
    day = connection.ops.adapt_datefield_value(today)
    two = (day, day)
    return list(
        campaigns.values(
            "pk",
            *CAMPAIGN_CARD_FIELDS,
            phase_rank=constant_sql(RANK, two),
            n_total=constant_sql("COUNT(*) OVER ()", ()),
            n_upcoming=constant_sql(UPCOMING, (day,)),
            n_past=constant_sql(PAST, two),
        ).order_by(
            "phase_rank",
            constant_sql(CURRENT_KEY.format(START), two).asc(),
            constant_sql(PAST_KEY.format(START), two).desc(),
            constant_sql(CURRENT_KEY.format(PK), two).asc(),
            constant_sql(PAST_KEY.format(PK), two).desc(),
        )[offset : offset + PER_PAGE]
    )


def calendar_page(campaigns, today, number, urls: RowUrls) -> tuple[Page, list[Section]]:
    """Page `number` (an int, else 1; past the end: the last page) and the sections it shows, their cards linked
    through `urls`."""
    number = page_number(number)
    rows = _rows(campaigns, today, (number - 1) * PER_PAGE)
    if not rows and number > 1:
        first = _rows(campaigns, today, 0)
        total = first[0]["n_total"] if first else 0
        number = max((total + PER_PAGE - 1) // PER_PAGE, 1)
        rows = first if number == 1 else _rows(campaigns, today, (number - 1) * PER_PAGE)
    totals = (0, 0, 0)
    if rows:
        upcoming, past = rows[0]["n_upcoming"], rows[0]["n_past"]
        totals = (rows[0]["n_total"] - upcoming - past, upcoming, past)
    paginator = Paginator(rows, PER_PAGE)
    paginator.count = sum(totals)  # known from the window sums: no COUNT query
    page = Page(rows, number, paginator)
    shown = sections()
    before = 0
    for section, total in zip(shown, totals, strict=True):
        section.total = total
        section.starts_on_page = before // PER_PAGE + 1
        before += total
    for row in rows:
        shown[row["phase_rank"]].items.append(row)
    for section in shown:
        section.cards = campaign_cards(section.items, urls, today)
    if number > 1:
        shown = [section for section in shown if section.items]
    return page, shown
