"""Winners become searchable when their results are confirmed final, without a page publish (issues 4 and 6)."""

import pytest
from elasticsearch import Elasticsearch

from competitions.announcements import withdraw
from competitions.tests.factories import announce_final, make_event, make_series, sample_rows
from search.engines import elasticsearch_engine
from search.tests.factories import make_visible

pytestmark = pytest.mark.elasticsearch


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_final_results_enter_the_search_index_and_leave_it_on_withdrawal(client, sections, admin_user):
    event = make_event(make_series(sections["competitions"].specific))
    other = type(admin_user).objects.create_superuser("second", "second@example.com", "pw-for-tests-only")
    rows = sample_rows(3)
    rows[0][1] = "欧阳示例"
    announce_final(event, admin_user, other, rows=rows)
    make_visible()

    found = client.get("/api/search/", {"q": "欧阳示例", "type": "result"}).json()
    assert found["count"] >= 1
    assert all(result["type"] == "result" for result in found["results"])
    assert found["results"][0]["url"].startswith(event.url)

    withdraw(event, admin_user)
    make_visible()
    assert client.get("/api/search/", {"q": "欧阳示例", "type": "result"}).json()["count"] == 0


@pytest.mark.django_db
def test_withdrawn_results_stay_off_the_search_even_when_the_node_missed_the_withdrawal(
    client, sections, admin_user, django_capture_on_commit_callbacks
):
    """The node is unreachable while the results are withdrawn: the withdrawal still succeeds, and the names the
    node still holds are neither shown nor counted (the database says they are gone)."""
    engine = elasticsearch_engine()
    if engine is None:
        pytest.skip("ELASTICSEARCH_URL is not set: needs a search node")
    event = make_event(make_series(sections["competitions"].specific))
    other = type(admin_user).objects.create_superuser("second", "second@example.com", "pw-for-tests-only")
    rows = sample_rows(3)
    rows[0][1] = "欧阳示例"
    with django_capture_on_commit_callbacks(execute=True):
        announce_final(event, admin_user, other, rows=rows)
    make_visible()
    assert client.get("/api/search/", {"q": "欧阳示例", "type": "result"}).json()["count"] >= 1

    reachable = engine.client
    engine.client = Elasticsearch("http://127.0.0.1:9", request_timeout=2)  # nothing listens on the discard port
    try:
        with django_capture_on_commit_callbacks(execute=True):
            withdraw(event, admin_user)
    finally:
        engine.client = reachable
    make_visible()
    assert engine.client.count(index=engine.alias, q="title_raw:欧阳示例")["count"] >= 1  # the node kept them
    assert client.get("/api/search/", {"q": "欧阳示例", "type": "result"}).json()["count"] == 0
    assert client.get("/api/search/", {"q": "示例养老院"}).json()["results"] == []
