"""Winners become searchable when their results are confirmed final, without a page publish (issues 4 and 6)."""

import pytest

from competitions.announcements import withdraw
from competitions.tests.factories import announce_final, make_event, make_series, sample_rows


@pytest.mark.django_db(transaction=True)
def test_final_results_enter_the_search_index_and_leave_it_on_withdrawal(client, sections, admin_user):
    event = make_event(make_series(sections["competitions"].specific))
    other = type(admin_user).objects.create_superuser("second", "second@example.com", "pw-for-tests-only")
    rows = sample_rows(3)
    rows[0][1] = "欧阳示例"
    announce_final(event, admin_user, other, rows=rows)

    found = client.get("/api/search/", {"q": "欧阳示例", "type": "result"}).json()
    assert found["count"] >= 1
    assert all(result["type"] == "result" for result in found["results"])
    assert found["results"][0]["url"].startswith(event.url)

    withdraw(event, admin_user)
    assert client.get("/api/search/", {"q": "欧阳示例", "type": "result"}).json()["count"] == 0
