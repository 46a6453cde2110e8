"""Finding 10 (issue 15): an import racing the final confirmation cannot replace final results.

Two real database sessions on PostgreSQL: one confirms the results final and holds its transaction open; the other
imports a new file meanwhile. The import must wait for the same lock, see the results are final, and save nothing.
"""

import datetime
import threading

import pytest
from django.db import connection

from competitions.announcements import confirm_final, publish_notice
from competitions.choices import AnnouncementState
from competitions.importer import import_results
from competitions.models import CompetitionEvent, ResultEntry

from .factories import csv_bytes, import_ok, sample_rows

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def names(event_pk):
    return sorted(ResultEntry.objects.filter(event_id=event_pk).values_list("name", flat=True))


def test_an_import_racing_the_final_confirmation_saves_nothing(transactional_db, event, admin_user, other_admin):
    if connection.vendor != "postgresql":
        pytest.skip("needs two concurrent sessions: run with DATABASE_URL on PostgreSQL")
    import_ok(event)
    today = datetime.date.today()
    publish_notice(event, admin_user, today - datetime.timedelta(days=10), today - datetime.timedelta(days=3), "028")
    original = names(event.pk)
    confirmed, import_started = threading.Event(), threading.Event()
    outcome = {}

    def confirm():
        from django.db import transaction

        try:
            with transaction.atomic():
                confirm_final(CompetitionEvent.objects.get(pk=event.pk), other_admin)
                confirmed.set()
                import_started.wait(10)
                # hold the lock while the import runs into it
                threading.Event().wait(1.5)
        finally:
            connection.close()

    def race_import():
        try:
            confirmed.wait(10)
            fresh = CompetitionEvent.objects.get(pk=event.pk)
            import_started.set()
            rows = [[rank, f"替换{rank}", "单位", "成都", 80, "", "", ""] for rank in range(1, 4)]
            outcome["report"] = import_results(fresh, csv_bytes(rows), "late.csv")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm), threading.Thread(target=race_import)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    report = outcome["report"]
    event.refresh_from_db()
    assert CompetitionEvent.objects.get(pk=event.pk).get_announcement().state == AnnouncementState.FINAL
    assert names(event.pk) == original, "final results were replaced"
    assert not report.saved
    assert "已正式公布" in str(report.errors[0])


def test_an_import_after_withdrawal_still_works(transactional_db, event, admin_user, other_admin):
    import_ok(event)
    today = datetime.date.today()
    publish_notice(event, admin_user, today - datetime.timedelta(days=10), today - datetime.timedelta(days=3), "028")
    confirm_final(event, other_admin)
    refused = import_results(event, csv_bytes(sample_rows(2)), "r.csv")
    assert not refused.saved and "已正式公布" in str(refused.errors[0])
    from competitions.announcements import withdraw

    withdraw(event, admin_user)
    assert import_results(event, csv_bytes(sample_rows(2)), "r.csv").saved
