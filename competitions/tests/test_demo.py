"""The demo content: series, events in every phase, a team result, one event under notice, enough results."""

import pytest
from django.utils import timezone

from competitions.choices import AnnouncementState, EventStatus
from competitions.models import Competition, CompetitionEvent, ResultEntry, WinnersHall


@pytest.mark.django_db
def test_demo_covers_every_phase(client, demo_content):
    assert Competition.objects.live().count() >= 2
    events = list(CompetitionEvent.objects.live())
    assert len(events) >= 4
    statuses = {event.get_status() for event in events}
    assert {EventStatus.FINISHED, EventStatus.IN_PROGRESS} <= statuses
    assert statuses & {EventStatus.UPCOMING, EventStatus.REGISTRATION_OPEN}
    states = [event.announcement_state for event in events]
    assert AnnouncementState.NOTICE in states and AnnouncementState.FINAL in states
    assert ResultEntry.objects.count() >= 30
    assert ResultEntry.objects.filter(is_team=True).exists()
    assert ResultEntry.objects.filter(standardised_score__gte=700, award="medallion").exists()
    assert CompetitionEvent.objects.filter(for_poverty_alleviated=True).exists()
    assert all(entry.endswith("（示例）") for entry in ResultEntry.objects.values_list("organisation", flat=True))
    today = timezone.localdate()
    assert any(event.start_date > today for event in events)

    hall = WinnersHall.objects.get()
    html = client.get(hall.url).content.decode()
    assert "李*英" in html, "the final provincial results are masked in listings"
    notice_event = next(event for event in events if event.announcement_state == AnnouncementState.NOTICE)
    html = client.get(notice_event.url).content.decode()
    assert "成绩公示中" in html and "成都市代表队" in html and "示例数据" in html
    for page in [*events, *Competition.objects.all(), hall, hall.get_parent()]:
        assert client.get(page.url).status_code == 200
