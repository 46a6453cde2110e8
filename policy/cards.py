"""The campaign and page cards of the policy listings, written in Python.

Why: a card rendered with its template include cost about 0.2 ms (date filters, tag lookups), so a page of twelve
campaigns spent more on its cards than on everything else (issue 19). The output is the same HTML the includes
gave, byte for byte.
"""

from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .choices import CampaignPhase, Occasion

PHASE_LABELS = dict(CampaignPhase.choices)
OCCASION_LABELS = {**dict(Occasion.choices), Occasion.OTHER: ""}  # 其他 is no occasion worth a badge

CAMPAIGN_CARD = """
<li class="card campaign-card">
  <h3><a href="{}">{}</a></h3>
  <p class="meta">
    {}
    <span class="badge{}">{}</span>
    <time datetime="{}">{}</time>–<time datetime="{}">{}</time>
  </p>
  <p>{}</p>
</li>
"""

PAGE_CARD = """
<li class="card">
  <h3><a href="{}">{}</a></h3>
  {}
  {}
</li>
"""


def campaign_card(campaign, request=None, today=None) -> str:
    """A campaign's card: title, occasion and phase badges, dates, theme (the fields of calendar.CARD_FIELDS).
    Plain string work on escaped values: format_html with lazy labels cost as much as the rest of the card."""
    occasion = OCCASION_LABELS.get(campaign.occasion, campaign.occasion)
    phase = campaign.phase_on(today or timezone.localdate())
    start, end = campaign.start_date, campaign.end_date
    html = CAMPAIGN_CARD.format(
        escape(campaign.get_url(request)),
        escape(campaign.title),
        f'<span class="badge">{escape(occasion)}</span>' if occasion else "",
        " badge-muted" if phase == CampaignPhase.PAST else "",
        escape(PHASE_LABELS[phase]),
        start.isoformat(),
        f"{start.year:04d}年{start.month}月{start.day}日",
        end.isoformat(),
        f"{end.month}月{end.day}日",
        escape(campaign.theme),
    )
    return mark_safe(html)  # noqa: S308 (every value above is escaped or our own constant text)


def page_card(page, request=None, meta="") -> str:
    """A page's card: title, an optional meta line, and its share description cut to 90 characters."""
    text = page.get_share_description()
    return format_html(
        PAGE_CARD,
        page.get_url(request),
        page.title,
        format_html('<p class="meta">{}</p>', meta) if meta else "",
        format_html("<p>{}</p>", Truncator(text).chars(90)) if text else "",
    )
