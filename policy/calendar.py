"""The campaign calendar, one page at a time: ongoing, then upcoming (soonest first), then past (latest first).

The calendar once listed every campaign, so its time grew with the archive. Now one query per request sorts the
three phases in SQL, counts each phase with window sums over the same rows and returns one page of cards: the work
stays bounded however many campaigns there are, and page 1 still knows which phases are empty (their empty state)
and on which page a phase begins when page 1 is full before it.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When, Window
from django.utils.translation import gettext_lazy as _

from .choices import CampaignPhase

PER_PAGE = 12

# The campaign card's fields (policy/includes/campaign_card.html, pageurl): the schedule, body and progress
# StreamFields stay in the database.
CARD_FIELDS = ("title", "url_path", "occasion", "theme", "start_date", "end_date")


@dataclass
class Section:
    phase: str
    heading: str
    empty: str
    total: int = 0
    starts_on_page: int = 1
    items: list = field(default_factory=list)


def sections() -> list[Section]:
    return [
        Section(CampaignPhase.ONGOING, _("正在进行"), _("目前没有正在进行的宣传活动。")),
        Section(CampaignPhase.UPCOMING, _("即将开始"), _("暂无即将开始的宣传活动。")),
        Section(CampaignPhase.PAST, _("已结束"), _("还没有已结束的宣传活动。")),
    ]


def _rank(today):
    """0 ongoing, 1 upcoming, 2 past, by Campaign.phase_on's rule (upcoming wins over past)."""
    return Case(
        When(start_date__gt=today, then=Value(1)),
        When(end_date__lt=today, then=Value(2)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _count_of(condition):
    return Window(Sum(Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())))


def _rows(campaigns, today, offset: int) -> list:
    past = Q(phase_rank=2)
    return list(
        campaigns.only(*CARD_FIELDS)
        .annotate(
            phase_rank=_rank(today),
            n_total=Window(Count("pk")),
            n_upcoming=_count_of(Q(start_date__gt=today)),
            n_past=_count_of(Q(start_date__lte=today, end_date__lt=today)),
        )
        .order_by(
            "phase_rank",
            Case(When(~past, then=F("start_date"))).asc(nulls_last=True),
            Case(When(past, then=F("start_date"))).desc(nulls_last=True),
            Case(When(~past, then=F("pk"))).asc(nulls_last=True),
            Case(When(past, then=F("pk"))).desc(nulls_last=True),
        )[offset : offset + PER_PAGE]
    )


def calendar_page(campaigns, today, number) -> tuple[Page, list[Section]]:
    """Page `number` (an int, else 1; past the end: the last page) and the sections it shows."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    rows = _rows(campaigns, today, (number - 1) * PER_PAGE)
    if not rows and number > 1:
        first = _rows(campaigns, today, 0)
        total = first[0].n_total if first else 0
        number = max((total + PER_PAGE - 1) // PER_PAGE, 1)
        rows = first if number == 1 else _rows(campaigns, today, (number - 1) * PER_PAGE)
    totals = (0, 0, 0)
    if rows:
        upcoming, past = rows[0].n_upcoming, rows[0].n_past
        totals = (rows[0].n_total - upcoming - past, upcoming, past)
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
        shown[row.phase_rank].items.append(row)
    if number > 1:
        shown = [section for section in shown if section.items]
    return page, shown
