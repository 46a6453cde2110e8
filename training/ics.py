"""One class as an iCalendar file (RFC 5545): whole days from the first to the last, importable on a phone."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

PRODID = "-//Sichuan Kangyang Skills//Training classes//ZH"


def class_ics(item, request) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    event = Event()
    event.add("uid", f"class-{item.code}@kangyang-skills")
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC).replace(microsecond=0))
    event.add("dtstart", item.start_date)
    event.add("dtend", item.end_date + datetime.timedelta(days=1))  # DTEND of an all-day event is exclusive
    event.add("summary", f"{item.display_title}（{item.provider.name}）")
    event.add("location", item.venue)
    lines = [item.schedule] if item.schedule else []
    if item.enrol_phone or item.provider.phones:
        lines.append(_("报名电话：%s") % (item.enrol_phone or item.provider.phones))
    if item.enrol_deadline:
        lines.append(_("报名截止：%s") % item.enrol_deadline.isoformat())
    event.add("description", "\n".join(lines))
    url = request.build_absolute_uri(request.path.rsplit("ics/", 1)[0])
    event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical()
