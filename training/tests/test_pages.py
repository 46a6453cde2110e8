"""The public side over real HTTP: the directory and its filters, provider and class pages, the .ics, and the
报名与补贴 block on occupation and package pages (subsidy for the chosen 市州, next classes, empty state)."""

import datetime

import pytest
import time_machine
from icalendar import Calendar

from .factories import TODAY, make_class, make_provider, make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def listed(curricula):
    elder = curricula["elder"]
    chengdu = make_provider(1, approvals=[(elder, 5)])
    mianyang = make_provider(2, city="绵阳", name="绵阳示例学校", phones="0816-0000 0002", approvals=[(elder, 5)])
    expired = make_provider(3, name="过期机构", listed_to=datetime.date(2025, 12, 31))
    classes = {
        "soon": make_class(chengdu, elder, "CD-1", start=TODAY + datetime.timedelta(days=10)),
        "later": make_class(chengdu, elder, "CD-2", start=TODAY + datetime.timedelta(days=60), subsidised=False),
        "my1": make_class(
            mianyang, elder, "MY-1", package=curricula["package5"], enrol_url="https://example.org/enrol"
        ),
        "infant": make_class(mianyang, curricula["infant"], "MY-2", start=TODAY + datetime.timedelta(days=100)),
        "done": make_class(chengdu, elder, "OLD-1", start=TODAY - datetime.timedelta(days=60)),
    }
    return {"chengdu": chengdu, "mianyang": mianyang, "expired": expired, **classes}


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_directory_lists_current_classes_soonest_first_with_tel_links(client, training_index, listed):
    page = html(client, training_index.url)
    assert page.index("CD-1") < page.index("MY-1") < page.index("CD-2")
    assert "OLD-1" not in page  # finished
    assert 'href="tel:+862800001234"' in page
    assert "开班计划（4）" in page and "培训机构（3）" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("city=绵阳", ["MY-1", "MY-2"], ["CD-1"]),
        ("city=510700", ["MY-1"], ["CD-1"]),  # a 市州 code works too
        ("occupation=育婴员", ["MY-2"], ["MY-1", "CD-1"]),
        ("occupation=4-10-01-05&level=5", ["CD-1", "MY-1"], ["MY-2"]),
        ("starts=30", ["CD-1", "MY-1"], ["CD-2", "MY-2"]),
        ("subsidised=on", ["CD-1"], ["CD-2"]),
        ("district=武侯", ["CD-1"], []),
        ("level=9&city=nowhere", ["CD-1", "MY-2"], []),  # bad values are ignored, not a 500
    ],
)
def test_directory_filters(client, training_index, listed, query, shown, hidden):
    page = html(client, f"{training_index.url}?{query}")
    for code in shown:
        assert f"classes/{code}/" in page, (query, code)
    for code in hidden:
        assert f"classes/{code}/" not in page, (query, code)


def test_the_provider_view_filters_by_kind_and_shows_expired_last(client, training_index, listed):
    page = html(client, f"{training_index.url}?show=providers")
    assert page.index("示例培训学校1") < page.index("过期机构")
    assert "已到期" in page and "在目录" in page
    assert "过期机构" not in html(client, f"{training_index.url}?show=providers&occupation=4-10-01-05")


def test_provider_page(client, training_index, listed):
    provider = listed["chengdu"]
    page = html(client, f"{training_index.url}providers/{provider.credit_code}/")
    assert provider.name in page and provider.credit_code in page
    assert 'href="tel:+862800000001"' in page
    assert "养老护理员" in page and "五级" in page
    assert "CD-1" in page and "OLD-1" not in page
    assert client.get(f"{training_index.url}providers/NOPE/").status_code == 404


def test_class_page_and_its_ics(client, training_index, listed):
    item = listed["my1"]
    page = html(client, f"{training_index.url}classes/{item.code}/")
    assert "报名中" in page and "https://example.org/enrol" in page
    assert item.provider.address in page  # no place given: the provider's address
    response = client.get(f"{training_index.url}classes/{item.code}/ics/")
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == item.start_date
    assert event.decoded("dtend") == item.end_date + datetime.timedelta(days=1)
    assert item.provider.name in str(event["summary"])
    assert client.get(f"{training_index.url}classes/NOPE/ics/").status_code == 404


def test_the_enrolment_block_on_a_package_page_for_a_chosen_city(client, training_index, curricula, listed):
    make_rule("1000", occupation=curricula["elder"], level=5)
    make_rule("1200", occupation=curricula["elder"], level=5, city="绵阳")
    package = curricula["package5"]
    province = html(client, package.url)
    assert "报名与补贴" in province and "1000 元/人" in province
    mianyang = html(client, f"{package.url}?city=绵阳")
    assert "1200 元/人" in mianyang
    block = mianyang[mianyang.index("enrolment-heading") :]
    assert "classes/MY-1/" in block and "classes/CD-1/" not in block
    assert 'href="tel:+862800001234"' in block
    assert "occupation=4-10-01-05" in block and "city=%E7%BB%B5%E9%98%B3" in block  # the directory, filtered


def test_the_enrolment_block_empty_state_offers_12333_and_the_nearest_city(client, curricula, listed):
    page = html(client, f"{curricula['package5'].url}?city=德阳")
    block = page[page.index("enrolment-heading") :]
    assert "暂无开班" in block and "12333" in block
    assert "最近有开班的市州：绵阳" in block or "最近有开班的市州：成都" in block


def test_the_occupation_page_shows_every_offered_level(client, curricula, listed):
    make_rule("800")  # every shortage occupation
    make_rule("1500", occupation=curricula["elder"], level=4)
    page = html(client, curricula["elder"].url)
    block = page[page.index("enrolment-heading") :]
    assert "五级" in block and "四级" in block and "三级" in block
    assert "1500 元/人" in block and "800 元/人" in block
    assert "classes/CD-1/" in block


def test_personal_numbers_cannot_be_saved_so_they_never_reach_a_page(listed):
    from django.core.exceptions import ValidationError

    provider, item = listed["chengdu"], listed["soon"]
    provider.phones = "028-0000 0001、138 0000 1234"
    with pytest.raises(ValidationError) as refused:
        provider.full_clean()
    assert "phones" in refused.value.message_dict
    item.enrol_phone = "51010119900101123X"
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "enrol_phone" in refused.value.message_dict


@pytest.mark.parametrize(
    ("page", "shown_page"),
    [("", 1), ("abc", 1), ("2", 2), ("3", 3), ("0", 3), ("-1", 3), ("4", 3), ("99999999999999999999", 3)],
)
def test_directory_pages_past_the_end_show_the_last_and_keep_both_counts(
    client, training_index, curricula, page, shown_page
):
    from .factories import bulk_directory

    bulk_directory(curricula["elder"], 5, 45, TODAY + datetime.timedelta(days=1))  # 45 classes: pages of 20, 20, 5
    listing = html(client, f"{training_index.url}?page={page}")
    assert "开班计划（45）" in listing and "培训机构（5）" in listing
    assert f"第 {shown_page} 页，共 3 页（45 条）" in listing
    assert listing.count('class="card training-card"') == (5 if shown_page == 3 else 20)


def test_an_empty_directory_page_still_counts_the_other_view(client, training_index, listed):
    page = html(client, f"{training_index.url}?city=甘孜")
    assert "开班计划（0）" in page and "培训机构（0）" in page and "暂无开班" in page
    page = html(client, f"{training_index.url}?show=providers&occupation=育婴员")  # a class, no approved provider
    assert "开班计划（1）" in page and "培训机构（0）" in page and "没有符合条件的培训机构" in page


@pytest.mark.parametrize("view", ["classes", "providers"])
def test_the_prepared_first_page_equals_the_orm_for_every_set_of_filters(training_index, listed, curricula, view):
    """The directory's first page comes from a query compiled once per set of filters (cms.prepared): for each
    combination it gives the rows and counts the ORM querysets give."""
    from cms.sql import SubqueryCount
    from training.models.cards import CLASS_CARD_FIELDS, PROVIDER_CARD_FIELDS
    from training.models.directory import Chosen, classes_matching, first_page_rows, providers_matching

    elder = curricula["elder"]
    choices = [
        Chosen(),
        Chosen(city="绵阳"),
        Chosen(occupation_id=elder.pk, level=5),
        Chosen(kind=listed["chengdu"].kind, subsidised=True),
        Chosen(city="成都", last_start=TODAY + datetime.timedelta(days=30)),
        Chosen(occupation_id=curricula["infant"].pk, subsidised=True, last_start=TODAY + datetime.timedelta(days=200)),
    ]
    fields = CLASS_CARD_FIELDS if view == "classes" else PROVIDER_CARD_FIELDS
    for choice in choices:
        classes, providers = classes_matching(choice, TODAY), providers_matching(choice, TODAY)
        listing = (classes if view == "classes" else providers).values(*fields)
        counts = {"count_classes": SubqueryCount(classes), "count_providers": SubqueryCount(providers)}
        expected = list(listing.annotate(**counts)[:20])
        assert first_page_rows(choice, TODAY, view, 20) == expected, choice
    assert any(first_page_rows(choice, TODAY, view, 20) for choice in choices)
    assert first_page_rows(Chosen(district="武侯"), TODAY, view, 20) is None  # LIKE '%…%': the ORM path
