"""Finding 8 (issue 15): the results importer refuses disguised resident-ID and mobile numbers (the detection
itself is tested in cms/tests/test_personal_data.py)."""

import pytest

from competitions.importer import parse_results

from .factories import csv_bytes


@pytest.mark.django_db
def test_the_results_importer_refuses_disguised_numbers():
    rows = [
        [1, "张三 5101 0419 9001 0112 34", "示例单位", "成都", 90, "", "", ""],
        [2, "李四", "１３８１２３４５６７８", "成都", 80, "", "", ""],
    ]
    report = parse_results(csv_bytes(rows), "r.csv")
    messages = [str(error) for error in report.errors]
    assert any("身份证" in message and "第 2 行" in message for message in messages), messages
    assert any("手机号" in message and "第 3 行" in message for message in messages), messages
