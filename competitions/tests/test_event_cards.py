"""Event cards built in Python (competitions.cards) show what the per-card template showed from model instances:
status, results badge, one or two dates, venue, the intro cut at 90 characters, the page URL."""

import datetime
import re

import pytest
from django.template import engines
from django.utils import timezone

from competitions.announcements import publish_notice
from competitions.models import CompetitionEvent

from .factories import announce_final, import_ok, make_event

pytestmark = pytest.mark.django_db

# competitions/includes/event_card.html as it was, one card per include, reading a CompetitionEvent.
OLD_CARD = """{% load i18n wagtailcore_tags %}
<li class="card event-card">
  <h3><a href="{% pageurl event %}">{{ event.title }}</a></h3>
  <p class="meta">
    <span class="badge status-{{ event.status }}">{{ event.status_label }}</span>
    {% if event.announcement_state == "notice" %}<span class="badge badge-warn">{% translate '成绩公示中' %}</span>{% elif event.announcement_state == "final" %}<span class="badge">{% translate '成绩已正式公布' %}</span>{% endif %}
  </p>
  <p class="meta">
    <time datetime="{{ event.start_date|date:'Y-m-d' }}">{{ event.start_date|date:"Y-m-d" }}</time>{% if event.end_date and event.end_date != event.start_date %} – <time datetime="{{ event.end_date|date:'Y-m-d' }}">{{ event.end_date|date:"Y-m-d" }}</time>{% endif %}{% if event.venue %} · {{ event.venue }}{% endif %}
  </p>
  {% if event.intro %}<p>{{ event.intro|truncatechars:90 }}</p>{% endif %}
</li>"""  # noqa: E501


def cards_of(html: str) -> list[str]:
    return [" ".join(card.split()) for card in re.findall(r'<li class="card event-card">.*?</li>', html, re.S)]


def test_series_cards_are_the_cards_the_template_made(client, series, admin_user, other_admin):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    events = [
        make_event(series, "final", start_date=today - 30 * day, intro="决" * 95, venue="成都 & 绵阳"),
        make_event(series, "notice", start_date=today - 20 * day, end_date=today - 20 * day, intro="短介绍"),
        make_event(series, "running", start_date=today - day, end_date=today + day, intro="e\u0301" * 50),
        make_event(series, "open", start_date=today + 9 * day, registration_opens=today - day, intro=""),
        make_event(series, "later", start_date=today + 40 * day, end_date=None, title="<b>下届</b>"),
    ]
    announce_final(events[0], admin_user, other_admin)
    import_ok(events[1])
    publish_notice(events[1], admin_user, today - 3 * day, today + 3 * day, "028-1234")

    html = client.get(series.url).content.decode()

    old = engines["django"].from_string(OLD_CARD)
    request = client.get(series.url).wsgi_request
    fresh = [CompetitionEvent.objects.get(pk=event.pk) for event in reversed(events)]  # latest first
    expected = [" ".join(old.render({"event": event}, request).split()) for event in fresh]
    assert cards_of(html) == expected
    assert "成绩公示中" in html and "成绩已正式公布" in html and "&lt;b&gt;下届&lt;/b&gt;" in html
    assert "决" * 80 in html and "决" * 90 not in html and "成都 &amp; 绵阳" in html
