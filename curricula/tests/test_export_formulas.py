"""Finding 3 (issue 15): a package's module-list CSV neutralises cells a spreadsheet would run as a formula."""

import csv
import io

import pytest

from .factories import make_module, make_occupation, make_package

pytestmark = pytest.mark.django_db

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_package_csv_neutralises_formulas(client, index):
    occupation = make_occupation(index, "养老护理员", code="4-10-01-05")
    titles = ['=HYPERLINK("http://evil.example","点我")', "@SUM(1+1)", "+cmd", "-cmd", "\t=1"]
    modules = [make_module(index, f"X-{n}", title=title) for n, title in enumerate(titles, start=1)]
    package = make_package(occupation, "PKG-X", modules=modules)
    response = client.get(package.url + "export/csv/")
    assert response.status_code == 200
    exported = [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]
    assert not [cell for cell in exported if cell.startswith(FORMULA_STARTS)], exported
    assert '\'=HYPERLINK("http://evil.example","点我")' in exported and "'@SUM(1+1)" in exported
