"""The campaign calendar, one page at a time: ongoing, then upcoming (soonest first), then past (latest first).

The calendar once listed every campaign, so its time grew with the archive. Now one query per request sorts the
three phases in SQL, counts each phase in a subquery of the same rows and returns one page of cards: the work
stays bounded however many campaigns there are, and page 1 still knows which phases are empty (their empty state)
and on which page a phase begins when page 1 is full before it.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import BigIntegerField, F, Func
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.page_urls import RowUrls
from cms.paging import page_number
from cms.sql import constant_sql
from cms.words import once

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
    more: str = ""  # a phase that starts on a later page: "共 N 项，从第 M 页起" (words in Python, as the cards)


def sections() -> list[Section]:
    return [
        Section(CampaignPhase.ONGOING, _("正在进行"), _("目前没有正在进行的宣传活动。")),
        Section(CampaignPhase.UPCOMING, _("即将开始"), _("暂无即将开始的宣传活动。")),
        Section(CampaignPhase.PAST, _("已结束"), _("还没有已结束的宣传活动。")),
    ]


# The phase order, the per-phase counts and the sort keys as plain SQL: the ORM's Case expressions cost more to
# build than the whole query takes to run (policy_campaign is the queryset's own table). Within one phase a sort key
# is either always NULL or never, so NULL placement does not matter.
RANK = 'CASE WHEN "policy_campaign"."start_date" > %s THEN 1 WHEN "policy_campaign"."end_date" < %s THEN 2 ELSE 0 END'
CURRENT_KEY = 'CASE WHEN "policy_campaign"."end_date" >= %s OR "policy_campaign"."start_date" > %s THEN {} END'
PAST_KEY = 'CASE WHEN "policy_campaign"."end_date" < %s AND "policy_campaign"."start_date" <= %s THEN {} END'
START, PK = '"policy_campaign"."start_date"', '"policy_campaign"."page_ptr_id"'
# The three phase counts packed into one integer (total, upcoming, past; each below 2**20), so that one
# uncorrelated scalar subquery gives them all. Window sums gave them too, but made SQLite materialise and sort every
# campaign before the page's twelve: 0.26 ms at 200 campaigns against 0.13 (issue 19).
COUNT_BITS = 20
PACKED_COUNTS = (
    "(SELECT COUNT(*) * {total} + COUNT(CASE WHEN _c.s > %s THEN 1 END) * {upcoming}"
    " + COUNT(CASE WHEN _c.s <= %s AND _c.e < %s THEN 1 END) FROM ({subquery}) _c)"
)


class PhaseCounts(Func):
    """The packed phase counts of `campaigns` on `day` (`unpack_counts` reads them)."""

    output_field = BigIntegerField()

    def __init__(self, campaigns, day):
        self.campaigns = campaigns.order_by().values(s=F("start_date"), e=F("end_date"))
        self.day = day
        super().__init__()

    def as_sql(self, compiler, connection, **extra):
        sql, params = self.campaigns.query.get_compiler(connection=connection).as_sql()
        text = PACKED_COUNTS.format(total=1 << (2 * COUNT_BITS), upcoming=1 << COUNT_BITS, subquery=sql)
        return text, (self.day, self.day, self.day, *params)


def unpack_counts(packed: int) -> tuple[int, int, int]:
    """(ongoing, upcoming, past) from PhaseCounts."""
    mask = (1 << COUNT_BITS) - 1
    total, upcoming, past = packed >> (2 * COUNT_BITS), (packed >> COUNT_BITS) & mask, packed & mask
    return total - upcoming - past, upcoming, past


def calendar_rows(campaigns, day):
    """The calendar's rows of `campaigns` (a queryset of visible campaigns) on `day` (as the database adapts a date;
    ISO text binds on every database here): the card's fields, the phase, and the packed counts."""
    two = (day, day)
    return campaigns.values(
        "pk",
        *CAMPAIGN_CARD_FIELDS,
        phase_rank=constant_sql(RANK, two),
        packed_counts=PhaseCounts(campaigns, day),
    ).order_by(
        "phase_rank",
        constant_sql(CURRENT_KEY.format(START), two).asc(),
        constant_sql(PAST_KEY.format(START), two).desc(),
        constant_sql(CURRENT_KEY.format(PK), two).asc(),
        constant_sql(PAST_KEY.format(PK), two).desc(),
    )


def starts_later(total: int, page: int) -> str:
    """A phase that begins on a later page: its size and where it starts."""
    words = ngettext("共 %(counter)s 项，从第 %(number)s 页起", "共 %(counter)s 项，从第 %(number)s 页起", total)
    return words % {"counter": total, "number": page}


def calendar_page(fetch, today, number, urls: RowUrls) -> tuple[Page, list[Section]]:
    """Page `number` (an int, else 1; past the end: the last page) and the sections it shows, their cards linked
    through `urls`; `fetch(offset, per_page)` gives `calendar_rows` from `offset`."""
    number = page_number(number)
    rows = fetch((number - 1) * PER_PAGE, PER_PAGE)
    if not rows and number > 1:
        first = fetch(0, PER_PAGE)
        total = sum(unpack_counts(first[0]["packed_counts"])) if first else 0
        number = max((total + PER_PAGE - 1) // PER_PAGE, 1)
        rows = first if number == 1 else fetch((number - 1) * PER_PAGE, PER_PAGE)
    totals = unpack_counts(rows[0]["packed_counts"]) if rows else (0, 0, 0)
    paginator = Paginator(rows, PER_PAGE)
    paginator.count = sum(totals)  # known from the rows: no COUNT query
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
        if section.total and not section.items:
            section.more = once(starts_later, section.total, section.starts_on_page)
    if number > 1:
        shown = [section for section in shown if section.items]
    return page, shown
