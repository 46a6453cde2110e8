"""Event cards as plain values, worked out once in Python from `.values()` rows: URL, status and its label, the
results badge, dates as text and the intro cut to 90 characters.

Why: a series page lists a page of events, and per card a CompetitionEvent instance (a ClusterableModel), a
ResultAnnouncement, a site lookup for the URL and the template's status property, date filters, truncation and
translations were most of that page's time (issue 19). The words are translated once per list, not once per card.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from html import escape  # the standard library's: Django's adds a lazy-value check per call

from django.db.models import F
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Page

from cms.page_urls import RowUrls

from .choices import AnnouncementState, EventStatus
from .status import event_status

# What a card reads: CompetitionEvent.objects.values(*CARD_FIELDS, **CARD_EXPRESSIONS). The rounds, body and
# registration notes stay in the database; the results badge reads the announcement's state through the join.
CARD_FIELDS = (
    "pk",
    "title",
    "url_path",
    "intro",
    "start_date",
    "end_date",
    "registration_opens",
    "registration_closes",
    "venue",
)
CARD_EXPRESSIONS = {"results_state": F("announcement__state")}

EVENT_CARD = (
    '<li class="card event-card">\n  <h3><a href="{}">{}</a></h3>\n  <p class="meta">\n'
    '    <span class="badge status-{}">{}</span>\n    {}\n  </p>\n  <p class="meta">\n'
    '    <time datetime="{}">{}</time>{}{}\n  </p>\n  {}\n</li>'
)

# The results badges' words (marked here for makemessages, translated once per list) and their classes.
RESULTS_BADGES = {
    AnnouncementState.NOTICE: (gettext_noop("成绩公示中"), "badge badge-warn"),
    AnnouncementState.FINAL: (gettext_noop("成绩已正式公布"), "badge"),
}


@dataclass(frozen=True, slots=True)
class EventCard:
    """What competitions/includes/event_cards.html shows of one event."""

    url: str | None
    title: str
    status: str
    status_label: str
    results_badge: str  # "" while results are not public
    results_badge_class: str
    start: str  # ISO date
    end: str  # ISO date; "" for a one-day event
    venue: str
    intro: str  # at most 90 characters

    @property
    def html(self) -> SafeString:
        """The card's <li>, built here: through a template loop each card cost about 110 µs, and through nested
        format_html calls still about 50 µs (issue 19). Plain formatting of escaped values."""
        badge = (
            f'<span class="{self.results_badge_class}">{escape(self.results_badge)}</span>'
            if self.results_badge
            else ""
        )
        end = f' – <time datetime="{self.end}">{self.end}</time>' if self.end else ""
        html = EVENT_CARD.format(
            escape(self.url or ""),
            escape(self.title),
            escape(self.status),
            escape(self.status_label),
            badge,
            self.start,
            self.start,
            end,
            f" · {escape(self.venue)}" if self.venue else "",
            f"<p>{escape(self.intro)}</p>" if self.intro else "",
        )
        return mark_safe(html)  # noqa: S308 (every value above is escaped, an ISO date or our own constant text)


def short_intro(intro: str) -> str:
    """`intro|truncatechars:90`; most intros are shorter, and then Django's per-character walk is skipped."""
    text = unicodedata.normalize("NFC", intro)  # what Truncator returns when nothing is cut
    return text if len(text) <= 90 else truncatechars(intro, 90)


def event_cards(rows, ancestor: Page, request=None, today=None) -> list[EventCard]:
    """The cards of event rows (CARD_FIELDS, CARD_EXPRESSIONS) near `ancestor`, whose URL gives theirs."""
    today = today or timezone.localdate()
    urls = RowUrls(ancestor, request)
    status_labels: dict[EventStatus, str] = {}
    badges = {state: (gettext(text), css) for state, (text, css) in RESULTS_BADGES.items()}
    cards = []
    for row in rows:
        start, end = row["start_date"], row["end_date"]
        status = event_status(start, end, row["registration_opens"], row["registration_closes"], today=today)
        if status not in status_labels:
            status_labels[status] = str(status.label)
        badge, badge_class = badges.get(row["results_state"], ("", ""))
        cards.append(
            EventCard(
                url=urls(row),
                title=row["title"],
                status=status.value,
                status_label=status_labels[status],
                results_badge=badge,
                results_badge_class=badge_class,
                start=start.isoformat(),
                end=end.isoformat() if end and end != start else "",
                venue=row["venue"],
                intro=short_intro(row["intro"]),
            )
        )
    return cards
