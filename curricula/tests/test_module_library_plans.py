"""The module library reads one page of modules and its filter's counts without walking the library's subtree (at
50× the demo that walk read every module page twice per request), and its counts leave drafts out."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .test_pages import build_tree

pytestmark = pytest.mark.django_db


def test_library_counts_leave_drafts_out(client, index):
    tree = build_tree(index, 30)  # 30 modules, 15 owned by the occupation; more than a page of 24
    tree["module"].unpublish()  # an owned one (odd number)
    html = client.get(tree["library"].url).content.decode()
    assert "共 2 页（29 条）" in html
    owned = client.get(tree["library"].url + f"?occupation={tree['occupation'].pk}").content.decode()
    assert f'<option value="{tree["occupation"].pk}" selected>养老护理员</option>' in owned
    assert owned.count("<tr>") == 1 + 14  # the header row and the live owned modules


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite query plans")
def test_library_queries_do_not_walk_the_subtree(client, index):
    tree = build_tree(index, 60)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # production has planner statistics (cms.db_statistics)
    client.get(tree["library"].url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(tree["library"].url).status_code == 200
    plans = []
    with connection.cursor() as cursor:
        for query in context.captured_queries:
            if "curricula_coursemodule" in query["sql"]:
                cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                plans.append(" / ".join(row[-1] for row in cursor.fetchall()))
    assert len(plans) == 2, plans
    for plan in plans:
        assert "path>? AND path<?" not in plan and "SCAN wagtailcore_page" not in plan, plan
