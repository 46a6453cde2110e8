"""Finding 3 (issue 15): the results CSV neutralises cells a spreadsheet would run as a formula."""

import csv
import io

import pytest

from .factories import announce_final

pytestmark = pytest.mark.django_db

HOSTILE = ["=cmd|' /C calc'!A0", "=HYPERLINK(0)", "@SUM(1+1)", "+1+2", "-3+4"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_results_csv_neutralises_formulas(client, event, admin_user, other_admin):
    rows = [[rank, name, "@示例单位", "成都", 90 - rank, "", "", ""] for rank, name in enumerate(HOSTILE, start=1)]
    announce_final(event, admin_user, other_admin, rows)
    response = client.get(event.url + "results/csv/")
    assert response.status_code == 200
    exported = [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]
    assert not [cell for cell in exported if cell.startswith(FORMULA_STARTS)], exported
    assert "'=cmd|' /C calc'!A0" in exported and "'@示例单位" in exported and "'-3+4" in exported
