"""Test helpers of the competitions app: series and events published like an editor would, result files as
organisers produce them, announced results."""

import datetime
import io

from competitions.announcements import confirm_final, publish_notice
from competitions.importer import import_results
from competitions.models import Competition, CompetitionEvent

HEADER_ZH = ["名次", "姓名", "单位", "市州", "成绩", "奖项", "晋升等级", "团体"]


def csv_bytes(rows, header=HEADER_ZH, encoding="utf-8") -> bytes:
    lines = [",".join(header), *(",".join(str(cell) for cell in row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows, header=HEADER_ZH) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sample_rows(count=6):
    awards = ["一等奖", "二等奖", "二等奖", "三等奖", "三等奖", "优胜奖"]
    cities = ["成都", "绵阳市", "凉山彝族自治州", "南充", "重庆", "宜宾"]
    return [
        [
            rank,
            f"选手{rank:03d}",
            f"示例养老院{rank}",
            cities[(rank - 1) % 6],
            f"{95 - rank}.5",
            awards[(rank - 1) % 6],
            3,
            "",
        ]
        for rank in range(1, count + 1)
    ]


def import_ok(event, rows=None, **kwargs):
    report = import_results(event, csv_bytes(rows or sample_rows()), "results.csv", **kwargs)
    assert report.saved, [str(error) for error in report.errors]
    return report


def announce_final(event, publisher, confirmer, rows=None):
    import_ok(event, rows)
    today = datetime.date.today()
    publish_notice(
        event, publisher, today - datetime.timedelta(days=10), today - datetime.timedelta(days=3), "028-1234"
    )
    confirm_final(event, confirmer)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_series(index, slug="yanglao", **fields):
    defaults = {"title": "四川省养老护理职业技能竞赛", "occupation_name": "养老护理员", "occupation_code": "4-10-01-05"}
    return publish(index, Competition(slug=slug, **{**defaults, **fields}))


def make_event(series, slug="final-2025", **fields):
    start = fields.get("start_date", datetime.date(2025, 10, 20))
    defaults = {
        "title": f"{series.title}（{slug}）",
        "year": start.year,
        "start_date": start,
        "end_date": start + datetime.timedelta(days=2),
        "occupation_name": series.occupation_name,
        "occupation_code": series.occupation_code,
    }
    return publish(series, CompetitionEvent(slug=slug, **{**defaults, **fields}))
