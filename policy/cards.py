"""The campaign and page cards of the policy listings, written in Python.

Why: a card rendered with its template include cost about 0.2 ms (date filters, tag lookups), so a page of twelve
campaigns spent more on its cards than on everything else (issue 19). The output is the same HTML the includes
gave, byte for byte. The listings that grow with the archive (the index, the calendar) build their cards from
plain `.values()` rows and a URL worked out from a known page's (`cms.page_urls.related_url`): a page instance per
card (a ClusterableModel) and a site lookup per link were most of what a longer list added.
"""

from __future__ import annotations

import datetime
from html import escape  # the standard library's: Django's adds a lazy-value check per call

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from cms.page_urls import RowUrls

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

# What a campaign card reads, as `.values()` row keys (also the fields a Campaign instance loads for one).
CAMPAIGN_CARD_FIELDS = ("title", "url_path", "occasion", "theme", "start_date", "end_date")


def campaign_card_html(url: str | None, row: dict, today: datetime.date) -> str:
    """A campaign's card from its URL and a row of CAMPAIGN_CARD_FIELDS. Plain string work on escaped values:
    format_html with lazy labels cost as much as the rest of the card."""
    occasion = OCCASION_LABELS.get(row["occasion"], row["occasion"])
    start, end = row["start_date"], row["end_date"]
    phase = CampaignPhase.on(start, end, today)
    return CAMPAIGN_CARD.format(
        escape(url or ""),
        escape(row["title"]),
        f'<span class="badge">{escape(str(occasion))}</span>' if occasion else "",
        " badge-muted" if phase == CampaignPhase.PAST else "",
        escape(str(PHASE_LABELS[phase])),
        start.isoformat(),
        f"{start.year:04d}年{start.month}月{start.day}日",
        end.isoformat(),
        f"{end.month}月{end.day}日",
        escape(row["theme"]),
    )


def page_card_html(url: str | None, title: str, text: str, meta: str = "") -> str:
    """A page's card: title, an optional meta line, and its share description `text` cut to 90 characters."""
    return PAGE_CARD.format(
        escape(url or ""),
        escape(title),
        f'<p class="meta">{escape(meta)}</p>' if meta else "",
        f"<p>{escape(Truncator(text).chars(90))}</p>" if text else "",
    )


def campaign_card(campaign, request=None, today=None) -> SafeString:
    """The card of a Campaign instance (the pages that list a few linked campaigns)."""
    row = {name: getattr(campaign, name) for name in CAMPAIGN_CARD_FIELDS}
    html = campaign_card_html(campaign.get_url(request), row, today or timezone.localdate())
    return mark_safe(html)  # noqa: S308 (every value in it is escaped or our own constant text)


def page_card(page, request=None, meta="") -> SafeString:
    """The card of a page instance, with its share description."""
    html = page_card_html(page.get_url(request), page.title, page.get_share_description(), meta)
    return mark_safe(html)  # noqa: S308 (every value in it is escaped or our own constant text)


def campaign_cards(rows, urls: RowUrls, today: datetime.date) -> SafeString:
    """The cards of campaign rows (CAMPAIGN_CARD_FIELDS and pk), as one piece of HTML."""
    html = "".join(campaign_card_html(urls(row), row, today) for row in rows)
    return mark_safe(html)  # noqa: S308 (campaign_card_html escapes every value)
