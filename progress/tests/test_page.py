"""The public 进度 page: charts with their tables, downloads and JSON with the same numbers, bounded queries."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from cms.reference import CITY_NAMES
from progress.models import Measure
from tests.query_counts import assert_page_queries

from .factories import bulk_figures, make_figure, make_measure, make_target

# Page chrome uncached (site, home, the pages along the path with their view restrictions, the page itself,
# settings, menu: 6; breadcrumbs reuse what routing found) plus the page's own five: targets, populations, the
# per-市州 aggregate of all targets, months of one measure, rates.
PROGRESS_PAGE_QUERIES = 11


@pytest.fixture
def figures(carer_target):
    make_figure(carer_target.measure, "成都", datetime.date(2021, 3, 1), 1200, 900, 120000)
    make_figure(carer_target.measure, "凉山", datetime.date(2022, 5, 1), 300, 150, 30000)
    make_figure(carer_target.measure, "成都", datetime.date(2023, 1, 1), 50, 10, 0)  # after the target period
    return carer_target


@pytest.mark.django_db
def test_page_shows_charts_tables_and_the_21_cities(client, progress_page, figures):
    response = client.get(progress_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<svg class="chart"') == 4  # the share QR code is an <svg> too
    city_chart = html[html.index('aria-labelledby="chart-cities-title"') :]
    city_chart = city_chart[: city_chart.index("</svg>")]
    for name in CITY_NAMES:
        assert f">{name}<" in city_chart
    assert "1,500" in html  # 1,200 + 300 trained in the period, province = sum of 市州
    assert "示例值" in html  # the population table is example data and says so
    assert "<script" not in html.split("</head>", 1)[1].replace('<script src="/static', "")


@pytest.mark.django_db
def test_json_has_the_same_numbers_as_the_tables(client, progress_page, figures):
    data = client.get(progress_page.url + "json/").json()
    target = data["targets"][0]
    assert target["number"] == 140_000 and target["trained"] == 1500 and target["certified"] == 1050
    assert sum(row["quota"] for row in data["cities"]) == 140_000
    assert sum(row["trained"] for row in data["cities"]) == target["trained"]
    assert {row["city"] for row in data["cities"]} == set(CITY_NAMES)
    assert [point["month"] for point in data["months"]] == ["2021-03", "2022-05", "2023-01"]


@pytest.mark.django_db
def test_csv_and_xlsx_downloads_match_the_page(client, progress_page, figures):
    response = client.get(progress_page.url + "data/cities/csv/")
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "市州" and len(rows) == 22
    chengdu = next(row for row in rows if row[0] == "成都")
    assert chengdu[4] == "1200"
    assert sum(int(row[3]) for row in rows[1:]) == 140_000
    response = client.get(progress_page.url + "data/months/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["2021-03", "2022-05", "2023-01"]
    assert client.get(progress_page.url + "data/nothing/csv/").status_code == 404


@pytest.mark.django_db
def test_exported_text_that_looks_like_a_formula_is_neutralised(client, progress_page, carer_target):
    Measure.objects.filter(pk=carer_target.measure_id).update(name="=HYPERLINK(1)")
    text = client.get(progress_page.url + "data/targets/csv/").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == "'=HYPERLINK(1)"


@pytest.mark.django_db
def test_cities_can_be_sorted_and_targets_chosen(client, progress_page, figures):
    other = make_target(make_measure("养老院院长", kind="role"), 3000)
    html = client.get(progress_page.url + "?sort=done").content.decode()
    body = html[html.index('id="cities-heading"') :]
    assert body.index(">成都<") < body.index(">凉山<") < body.index(">自贡<")
    html = client.get(progress_page.url + f"?target={other.pk}").content.decode()
    assert "各市州：养老院院长" in html
    assert client.get(progress_page.url + "?target=abc&sort=evil").status_code == 200


@pytest.mark.django_db
def test_15000_figure_rows_render_in_a_bounded_number_of_queries(client, progress_page, carer_target):
    measures = [carer_target.measure] + [make_measure(f"统计对象{index}") for index in range(11)]
    for measure in measures[1:4]:
        make_target(measure, 10_000)
    empty = assert_page_queries(client, progress_page.url, PROGRESS_PAGE_QUERIES)
    assert bulk_figures(measures, months=60) == 21 * 12 * 60  # 15,120 rows
    count = assert_page_queries(client, progress_page.url, PROGRESS_PAGE_QUERIES)
    assert count == empty  # the number of queries does not grow with the figures
    assert count == assert_page_queries(client, progress_page.url + "?target=0&sort=percent", PROGRESS_PAGE_QUERIES)
    data = client.get(progress_page.url + "json/").json()
    assert len(data["months"]) == 60
    assert len(data["certification_rates"]) == 12
    # 24 months of the target period, 21 市州, trained 10 + month index: Σ(10..33) × 21.
    assert data["targets"][0]["trained"] == sum(range(10, 34)) * 21
