"""Campaigns: Wagtail's scheduled publication with a fixed clock, the calendar, the .ics and Atom feeds, posters."""

import datetime
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from icalendar import Calendar

from policy.models import Campaign, CampaignCalendar, CampaignPoster

from .factories import activity, make_image, publish

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def calendar(policy_index):
    return publish(policy_index, CampaignCalendar(title="宣传活动日历", slug="calendar"))


def test_campaign_scheduled_for_the_future_is_invisible_until_its_go_live_time(client, make_campaign, calendar):
    """Wagtail's own scheduling: publish() with a future go_live_at only approves; publish_scheduled goes live."""
    with time_machine.travel(datetime.datetime(2030, 7, 1, 9, 0, tzinfo=SHANGHAI), tick=False):
        campaign = make_campaign(slug="scheduled", live=False)
        campaign.go_live_at = datetime.datetime(2030, 7, 3, 8, 0, tzinfo=SHANGHAI)
        revision = campaign.save_revision()
        revision.publish()
        campaign.refresh_from_db()
        revision.refresh_from_db()
        assert not campaign.live
        assert revision.approved_go_live_at == campaign.go_live_at
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
        campaign.refresh_from_db()
        assert not campaign.live
        assert client.get("/policy/scheduled/").status_code == 404
        assert "宣传周 scheduled" not in client.get(calendar.url).content.decode()
        assert b"scheduled" not in client.get(calendar.url + "ics/").content

    with time_machine.travel(datetime.datetime(2030, 7, 3, 8, 1, tzinfo=SHANGHAI), tick=False):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
        campaign.refresh_from_db()
        assert campaign.live
        assert client.get("/policy/scheduled/").status_code == 200
        assert "宣传周 scheduled" in client.get(calendar.url).content.decode()


def test_campaign_expires_at_its_expiry_time(client, make_campaign):
    with time_machine.travel(datetime.datetime(2030, 7, 1, 9, 0, tzinfo=SHANGHAI), tick=False):
        campaign = make_campaign(slug="expiring", live=False)
        campaign.expire_at = datetime.datetime(2030, 8, 1, 0, 0, tzinfo=SHANGHAI)
        campaign.save_revision().publish()
        assert client.get("/policy/expiring/").status_code == 200
    with time_machine.travel(datetime.datetime(2030, 8, 1, 0, 1, tzinfo=SHANGHAI), tick=False):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
        campaign.refresh_from_db()
        assert not campaign.live and campaign.expired
        assert client.get("/policy/expiring/").status_code == 404


def test_calendar_sorts_campaigns_into_ongoing_upcoming_and_past(client, make_campaign, calendar):
    make_campaign(slug="past", start=datetime.date(2030, 3, 2))
    make_campaign(slug="ongoing", start=datetime.date(2030, 5, 10))
    make_campaign(slug="upcoming", start=datetime.date(2030, 7, 13))
    with time_machine.travel(datetime.datetime(2030, 5, 12, 10, 0, tzinfo=SHANGHAI), tick=False):
        html = client.get(calendar.url).content.decode()
    ongoing = html[html.index('id="ongoing-heading"') : html.index('id="upcoming-heading"')]
    upcoming = html[html.index('id="upcoming-heading"') : html.index('id="past-heading"')]
    past = html[html.index('id="past-heading"') :]
    assert "宣传周 ongoing" in ongoing and "宣传周 upcoming" in upcoming and "宣传周 past" in past
    assert "宣传周 past" not in ongoing + upcoming


def test_calendar_empty_states(client, calendar):
    html = client.get(calendar.url).content.decode()
    assert "目前没有正在进行的宣传活动" in html
    assert "暂无即将开始的宣传活动" in html
    assert "还没有已结束的宣传活动" in html


def test_ics_parses_and_round_trips_the_activities_in_shanghai_time(client, make_campaign, calendar):
    campaign = make_campaign(
        slug="ics",
        start=datetime.date(2030, 5, 10),
        schedule=[
            activity(datetime.date(2030, 5, 10), 9, 12, place="成都市天府广场", title="现场咨询", block_id="act-1"),
            activity(datetime.date(2030, 5, 11), 14, 16, place="绵阳市实训基地", title="技能展示", block_id="act-2"),
        ],
    )
    response = client.get(calendar.url + "ics/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    parsed = Calendar.from_ical(response.content)
    assert str(parsed["VERSION"]) == "2.0"
    assert "PRODID" in parsed
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    events = sorted(parsed.walk("VEVENT"), key=lambda event: event.decoded("DTSTART"))
    assert [str(event["UID"]) for event in events] == ["act-1@kangyang-skills", "act-2@kangyang-skills"]
    first = events[0]
    assert first.decoded("DTSTART") == datetime.datetime(2030, 5, 10, 9, 0, tzinfo=SHANGHAI)
    assert first.decoded("DTEND") == datetime.datetime(2030, 5, 10, 12, 0, tzinfo=SHANGHAI)
    assert first["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert str(first["LOCATION"]) == "成都市天府广场"
    assert str(first["SUMMARY"]) == f"现场咨询（{campaign.title}）"
    assert "DTSTAMP" in first
    assert str(first["URL"]).endswith("/policy/ics/")
    assert events[1].decoded("DTEND").astimezone(SHANGHAI).hour == 16
    assert b"\r\n" in response.content  # RFC 5545 line endings


def test_atom_feed_is_well_formed_with_the_latest_items_first(client, policy_index, make_campaign, explainer):
    with time_machine.travel(datetime.datetime(2031, 1, 1, 9, 0, tzinfo=SHANGHAI), tick=False):
        make_campaign(slug="newest")
    response = client.get(policy_index.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314  (our own feed, parsed to prove it is well-formed)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles == ["宣传周 newest", explainer.title]
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert all(entry.find(f"{ATOM}link").get("href").startswith("http") for entry in entries)


def test_feeds_are_advertised_with_alternate_links(client, policy_index, calendar):
    assert 'rel="alternate" type="application/atom+xml"' in client.get(policy_index.url).content.decode()
    html = client.get(calendar.url).content.decode()
    assert f'rel="alternate" type="text/calendar" title="宣传活动日历（iCalendar）" href="{calendar.url}ics/"' in html


def test_campaign_page_shows_schedule_posters_and_share_renditions(client, make_campaign, calendar):
    campaign = make_campaign(slug="posters", live=False)
    campaign.posters = [CampaignPoster(image=make_image("海报甲"), caption="主题海报")]
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    assert "技能展示" in html and "成都市测试广场" in html
    assert 'class="table-scroll"' in html
    assert "fill-500x400" in html and "fill-1000x800" in html and "srcset=" in html
    assert "fill-1080x1920" in html
    assert '<meta property="og:image:width" content="500">' in html
    assert '<meta property="og:image:height" content="400">' in html
    assert 'alt="海报甲（测试图片）"' in html
    assert f'href="{calendar.url}ics/"' in html


def test_campaign_page_renders_in_at_most_10_queries(client, make_campaign, calendar, django_assert_max_num_queries):
    campaign = make_campaign(slug="queries", live=False)
    campaign.posters = [CampaignPoster(image=make_image(f"海报{number}")) for number in range(3)]
    campaign.save_revision().publish()
    client.get(campaign.url)
    with django_assert_max_num_queries(10):
        response = client.get(campaign.url)
    assert response.status_code == 200


def test_calendar_and_index_render_in_at_most_10_queries(
    client, policy_index, make_campaign, calendar, explainer, django_assert_max_num_queries
):
    for number in range(4):
        make_campaign(slug=f"c{number}", start=datetime.date(2030, 1 + number, 1))
    for page in (calendar, policy_index):
        client.get(page.url)
        with django_assert_max_num_queries(10):
            response = client.get(page.url)
        assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="card campaign-card"') == 4
    assert explainer.title in html and "宣传活动日历" in html


def test_index_empty_states(client, policy_index):
    html = client.get(policy_index.url).content.decode()
    assert "还没有发布政策解读" in html and "还没有宣传活动" in html and "还没有发布政策文件" in html


def test_campaign_validation():
    campaign = Campaign(
        title="坏活动",
        slug="bad",
        theme="主题",
        start_date=datetime.date(2030, 5, 10),
        end_date=datetime.date(2030, 5, 1),
    )
    with pytest.raises(ValidationError) as error:
        campaign.clean()
    assert "end_date" in error.value.message_dict
    campaign.end_date = datetime.date(2030, 5, 16)
    campaign.schedule = [activity(datetime.date(2030, 6, 1), 9, 10, title="月外活动")]
    with pytest.raises(ValidationError) as error:
        campaign.clean()
    assert "月外活动" in error.value.message_dict["schedule"][0]


def test_activity_block_refuses_an_end_before_its_start():
    from wagtail.blocks.struct_block import StructBlockValidationError

    from policy.blocks import ActivityBlock

    block = ActivityBlock()
    value = block.to_python(activity(datetime.date(2030, 5, 10), 12, 9)["value"])
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "ends_at" in error.value.block_errors


def test_campaign_search_contract(make_campaign):
    campaign = make_campaign(slug="search")
    campaign.tags.add("养老护理")
    document = campaign.search_document()
    assert document["type"] == "campaign"
    assert document["date"] == campaign.start_date and document["year"] == 2030
    assert "技能展示" in document["text"] and "成都市测试广场" in document["text"]
    assert document["tags"] == ["养老护理"]


def test_cached_calendar_and_feed_show_a_campaign_once_it_goes_live(settings, client, make_campaign, calendar):
    """The anonymous page cache (cms.cache) keeps the calendar and its .ics only until a policy page changes."""
    from django.core.cache import caches
    from wagtail.models import Site

    from cms import cache as page_cache
    from cms.models import SiteSettings

    settings.PAGE_CACHE_ENABLED = True
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    caches["default"].clear()
    page_cache._memo.clear()
    try:
        for url in (calendar.url, calendar.url + "ics/"):
            for _ in range(3):  # the first request of a process settles the site chrome
                response = client.get(url)
            assert response.headers["X-Page-Cache"] == "hit"
        make_campaign(slug="went-live")
        page = client.get(calendar.url)
        assert page.headers["X-Page-Cache"] == "miss" and "宣传周 went-live" in page.content.decode()
        feed = client.get(calendar.url + "ics/")
        assert feed.headers["X-Page-Cache"] == "miss" and "宣传周 went-live" in feed.content.decode()
    finally:
        caches["default"].clear()
        page_cache._memo.clear()


def test_campaign_page_shows_its_tags_in_the_editors_order(client, make_campaign, calendar):
    """The tags come from a prepared query (cms.page_tags): the manager's order (as added), on the page."""
    from cms.page_tags import page_tags

    campaign = make_campaign(slug="tagged")
    for name in ("养老护理", "家政服务", "安全"):
        campaign.tags.add(name)
    campaign.save_revision().publish()
    campaign.refresh_from_db()
    expected = [tag.name for tag in campaign.tags.all()]
    assert [tag.name for tag in page_tags(campaign)] == expected == ["养老护理", "家政服务", "安全"]
    html = client.get(campaign.url).content.decode()
    assert html.index("养老护理") < html.index("家政服务") < html.index("安全</a>")
