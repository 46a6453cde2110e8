"""An event's status follows from its dates and today's date; a pure function so it can be tested with any clock."""

import datetime

from django.utils import timezone

from .choices import EventStatus


def event_status(
    start_date: datetime.date | None,
    end_date: datetime.date | None = None,
    registration_opens: datetime.date | None = None,
    registration_closes: datetime.date | None = None,
    today: datetime.date | None = None,
) -> EventStatus:
    """Finished after the last day, in progress between the first and last day (inclusive), registration open
    between the registration dates (inclusive), upcoming otherwise."""
    today = today or timezone.localdate()
    end_date = end_date or start_date
    if end_date is not None and today > end_date:
        return EventStatus.FINISHED
    if start_date is not None and start_date <= today:
        return EventStatus.IN_PROGRESS
    registration_started = registration_opens is not None and registration_opens <= today
    if registration_started and (registration_closes is None or today <= registration_closes):
        return EventStatus.REGISTRATION_OPEN
    return EventStatus.UPCOMING
