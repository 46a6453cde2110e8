"""The campaign calendar shows one page of campaigns at a time: bounded queries and cards however many there are,
ongoing first, upcoming soonest first, past latest first, and every campaign on exactly one page."""

import datetime
import re
import zoneinfo

import pytest
import time_machine

from policy.models import CampaignCalendar
from tests.query_counts import page_and_queries

from .factories import publish

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = datetime.datetime(2030, 6, 15, 10, 0, tzinfo=SHANGHAI)
PER_PAGE = 4  # the real page size is 12; four keeps the number of pages these tests publish small
CARD_TITLE = re.compile(r'<li class="card campaign-card">\s*<h3><a href="[^"]+">宣传周 ([^<]+)</a>')


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr("policy.calendar.PER_PAGE", PER_PAGE)


@pytest.fixture
def calendar(policy_index):
    return publish(policy_index, CampaignCalendar(title="宣传活动日历", slug="calendar"))


def make_campaigns(make_campaign, ongoing=0, upcoming=0, past=0):
    """Campaigns around TODAY, named by phase and number; within a phase, a higher number starts later."""
    for number in range(ongoing):
        make_campaign(slug=f"ongoing-{number:02d}", start=datetime.date(2030, 6, 1 + number % 14), days=30)
    for number in range(upcoming):
        make_campaign(slug=f"upcoming-{number:02d}", start=datetime.date(2030, 7, 1) + datetime.timedelta(number))
    for number in range(past):
        make_campaign(slug=f"past-{number:02d}", start=datetime.date(2030, 1, 1) + datetime.timedelta(number))


def get(client, url):
    with time_machine.travel(TODAY, tick=False):
        return page_and_queries(client, url)


def section(html, phase):
    start = html.index(f'id="{phase}-heading"')
    end = html.find("</section>", start)
    return html[start:end]


def test_queries_and_cards_stay_bounded_as_campaigns_grow(client, calendar, make_campaign):
    make_campaigns(make_campaign, ongoing=1, upcoming=1, past=1)
    html, few_queries = get(client, calendar.url)
    assert len(CARD_TITLE.findall(html)) == 3
    for number in range(2 * PER_PAGE):
        make_campaign(slug=f"past-more-{number:02d}", start=datetime.date(2029, 1, 1) + datetime.timedelta(number))
    html, many_queries = get(client, calendar.url)
    assert many_queries == few_queries <= 8
    assert len(CARD_TITLE.findall(html)) == PER_PAGE
    assert 'aria-label="分页"' in html and "共 3 页" in html


def test_pages_keep_the_phases_in_order_and_show_every_campaign_once(client, calendar, make_campaign):
    make_campaigns(make_campaign, ongoing=2, upcoming=3, past=4)
    pages = [get(client, calendar.url + (f"?page={number}" if number > 1 else ""))[0] for number in (1, 2, 3)]
    titles = [title for html in pages for title in CARD_TITLE.findall(html)]
    ongoing = ["ongoing-00", "ongoing-01"]
    upcoming = ["upcoming-00", "upcoming-01", "upcoming-02"]
    past = ["past-03", "past-02", "past-01", "past-00"]
    assert titles == ongoing + upcoming + past
    first, second, third = pages
    # Page 1: every phase heading; the past campaigns begin on page 2, and page 1 says so with a link.
    assert "宣传周 ongoing-00" in section(first, "ongoing") and "宣传周 upcoming-01" in section(first, "upcoming")
    assert 'href="?page=2"' in section(first, "past") and "共 4 项，从第 2 页起" in section(first, "past")
    # Later pages show only the phases they hold.
    assert 'id="ongoing-heading"' not in second and "宣传周 upcoming-02" in section(second, "upcoming")
    assert 'id="upcoming-heading"' not in third and "宣传周 past-00" in section(third, "past")


def test_page_numbers_out_of_range_or_not_numbers(client, calendar, make_campaign):
    make_campaigns(make_campaign, past=PER_PAGE + 1)
    for beyond in ("99", "99999999999999999999"):  # the second overflowed SQL integers: a 500
        last, _queries = get(client, calendar.url + f"?page={beyond}")
        assert CARD_TITLE.findall(last) == ["past-00"], beyond
    first, _queries = get(client, calendar.url + "?page=abc")
    assert CARD_TITLE.findall(first)[0] == f"past-{PER_PAGE:02d}"


def test_empty_calendar_keeps_its_three_empty_states_and_no_pager(client, calendar):
    html, _queries = get(client, calendar.url)
    assert "目前没有正在进行的宣传活动" in html
    assert "暂无即将开始的宣传活动" in html
    assert "还没有已结束的宣传活动" in html
    assert 'aria-label="分页"' not in html
