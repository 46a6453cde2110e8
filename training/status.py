"""Statuses computed from dates (and seats), never stored: pure functions, tested with any fixed date."""

from __future__ import annotations

import datetime

from .choices import ClassStatus, ListingStatus


def listing_status(
    listed_from: datetime.date | None, listed_to: datetime.date | None, today: datetime.date
) -> ListingStatus:
    """在目录 from the first to the last listed day (inclusive; no end = open-ended), 已到期 after it."""
    if listed_to is not None and today > listed_to:
        return ListingStatus.EXPIRED
    if listed_from is not None and today < listed_from:
        return ListingStatus.PENDING
    return ListingStatus.LISTED


def class_status(
    start: datetime.date,
    end: datetime.date,
    seats_left: int | None,
    enrol_deadline: datetime.date | None,
    today: datetime.date,
) -> ClassStatus:
    """已结束 after the last day; 已开班 from the first day; before that 已满 when no seat is left, 报名中 until the
    enrolment deadline (or the day before the start when there is none), 即将开班 between the deadline and the start."""
    if today > end:
        return ClassStatus.FINISHED
    if today >= start:
        return ClassStatus.RUNNING
    if seats_left is not None and seats_left <= 0:
        return ClassStatus.FULL
    if enrol_deadline is None or today <= enrol_deadline:
        return ClassStatus.ENROLLING
    return ClassStatus.UPCOMING
