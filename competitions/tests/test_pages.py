"""The public pages: index, series, event (with results, CSV and JSON) render through real HTTP in bounded queries."""

import csv
import datetime
import io
import json
import re

import pytest
from django.utils import timezone

from competitions.announcements import publish_notice
from competitions.models import CompetitionIndexPage, ResultEntry
from competitions.paging import EVENTS_PER_PAGE
from tests.query_counts import page_and_queries

from .factories import announce_final, import_ok, make_event, make_series


def bulk_results(event, count):
    ResultEntry.objects.bulk_create(
        ResultEntry(
            event=event,
            rank=rank,
            name=f"选手{rank:04d}",
            organisation="示例单位",
            city="成都",
            raw_score=90,
            award="third" if rank <= 50 else "",
            promoted_level=3 if rank <= 50 else None,
        )
        for rank in range(1, count + 1)
    )


@pytest.mark.django_db
def test_index_lists_upcoming_before_past_and_links_the_series(client, competition_index, series, winners_hall):
    today = timezone.localdate()
    past = make_event(series, "past", title="往届决赛", start_date=today - datetime.timedelta(days=40), year=today.year)
    upcoming = make_event(
        series, "next", title="下届决赛", start_date=today + datetime.timedelta(days=40), year=today.year
    )
    html = client.get(competition_index.url).content.decode()
    assert html.index(upcoming.title) < html.index(past.title)
    assert series.title in html
    assert winners_hall.url in html
    assert "已结束" in html and "即将举行" in html


@pytest.mark.django_db
def test_index_and_series_show_empty_states(client, competition_index):
    html = client.get(competition_index.url).content.decode()
    assert "目前没有正在报名或即将举行的赛事。" in html
    assert "还没有竞赛系列。" in html
    series = make_series(competition_index)
    assert "这个系列还没有赛事。" in client.get(series.url).content.decode()


@pytest.mark.django_db
def test_index_and_series_render_in_bounded_queries(client, competition_index, series, django_assert_max_num_queries):
    for number in range(12):
        make_event(series, f"event-{number}", start_date=datetime.date(2020 + number % 5, 5, 1), year=2020)
    # The index shows the latest past events (the series page lists them all, a page at a time).
    for url, cards in ((competition_index.url, CompetitionIndexPage.PAST_SHOWN), (series.url, EVENTS_PER_PAGE)):
        client.get(url)
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count('class="card event-card"') == cards


def card_titles(html: str, section: str) -> list[str]:
    start = html.index(f'id="{section}-heading"')
    part = html[start : html.index("</section>", start)]
    return re.findall(r'<li class="card event-card">\s*<h3><a href="[^"]+">([^<]+)</a>', part)


@pytest.mark.django_db
def test_index_shows_the_soonest_and_the_latest_events_and_how_many_more(client, competition_index, series):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    make_event(series, "now", title="进行中", start_date=today - day, end_date=today + day)
    make_event(series, "next-1", title="即将-1", start_date=today + 10 * day)
    make_event(series, "last-1", title="往期-1", start_date=today - 10 * day)
    few, few_queries = page_and_queries(client, competition_index.url)
    assert card_titles(few, "current") == ["进行中", "即将-1"] and card_titles(few, "past") == ["往期-1"]
    assert "另有" not in few

    for number in range(2, 13):
        make_event(series, f"next-{number}", title=f"即将-{number}", start_date=today + 10 * number * day)
    for number in range(2, 14):
        make_event(series, f"last-{number}", title=f"往期-{number}", start_date=today - 10 * number * day)
    make_event(series, "draft", title="草稿赛事", start_date=today + 2 * day).unpublish()
    many, many_queries = page_and_queries(client, competition_index.url)
    assert many_queries == few_queries
    assert card_titles(many, "current") == ["进行中", "即将-1", "即将-2", "即将-3"]  # soonest first
    assert card_titles(many, "past") == ["往期-1", "往期-2", "往期-3"]  # latest first
    current, past = many.split('id="past-heading"')
    assert '<a href="#series-heading">另有 9 场，按竞赛系列查看</a>' in current  # 13 current and upcoming
    assert '<a href="#series-heading">另有 10 场，按竞赛系列查看</a>' in past  # 13 past
    assert "草稿赛事" not in many


@pytest.mark.django_db
def test_event_page_shows_facts_rounds_and_flags(client, series):
    event = make_event(
        series,
        "ws41",
        venue="成都市（示例值）",
        for_poverty_alleviated=True,
        worldskills_aligned=True,
        worldskills_skill_number=41,
        worldskills_skill_name="健康和社会照护",
        rounds=[
            ("round", {"name": "知识竞赛", "weight": 20, "duration_minutes": 60, "description": ""}),
            ("round", {"name": "综合技能实操", "weight": 80, "duration_minutes": None, "description": "情境任务"}),
        ],
    )
    html = client.get(event.url).content.decode()
    assert "知识竞赛" in html and "占 20%" in html and "综合技能实操" in html
    assert "面向脱贫劳动力" in html and "第 41 项" in html
    assert "养老护理员（4-10-01-05）" in html


@pytest.mark.django_db
def test_results_are_hidden_until_public_notice(client, event, admin_user):
    import_ok(event)
    html = client.get(event.url).content.decode()
    assert "选手001" not in html
    assert "成绩尚未公布" in html or "比赛结束后将在这里公示成绩" in html
    assert client.get(event.url + "results/csv/").status_code == 404
    assert client.get(event.url + "results/json/").status_code == 404
    publish_notice(event, admin_user, datetime.date(2025, 11, 1), datetime.date(2025, 11, 7), "028-12345678")
    html = client.get(event.url).content.decode()
    assert "选手001" in html
    assert "成绩公示中" in html and "2025-11-01 至 2025-11-07" in html and "028-12345678" in html


@pytest.mark.django_db
def test_event_with_500_results_renders_in_at_most_10_queries(
    client, event, admin_user, other_admin, django_assert_max_num_queries
):
    bulk_results(event, 500)
    publish_notice(event, admin_user, datetime.date(2025, 11, 1), datetime.date(2025, 11, 7), "028-1234")
    client.get(event.url)
    with django_assert_max_num_queries(10):
        response = client.get(event.url)
    html = response.content.decode()
    assert html.count('<tr id="result-') == 500
    assert '<div class="table-scroll results-box">' in html
    assert html.index('<div class="table-scroll results-box">') < html.index(
        '<table class="results-table result-cards">'
    )


@pytest.mark.django_db
def test_csv_export_has_bom_and_imports_again_unchanged(client, event, admin_user, other_admin):
    announce_final(event, admin_user, other_admin)
    response = client.get(event.url + "results/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["名次", "并列", "姓名"]
    assert rows[1][2] == "选手001" and rows[1][7] == "一等奖"
    before = list(event.results.values_list("rank", "name", "city", "raw_score", "award", "promoted_level"))
    from competitions.importer import parse_results

    report = parse_results(response.content, "export.csv")
    assert report.ok, report.errors
    again = [(e.rank, e.name, e.city, e.raw_score, e.award, e.promoted_level) for e in report.entries]
    assert again == before


@pytest.mark.django_db
def test_json_export(client, event, admin_user, other_admin):
    announce_final(event, admin_user, other_admin)
    data = json.loads(client.get(event.url + "results/json/").content)
    assert data["event"]["announcement_state"] == "final"
    assert data["results"][0]["name"] == "选手001"
    assert data["results"][0]["award"] == "first"
    assert data["results"][2]["city"] == "凉山"
    assert len(data["results"]) == 6
