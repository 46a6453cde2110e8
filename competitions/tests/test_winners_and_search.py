"""Winners hall (combined filters, counts, links, pagination, empty state), routing and the search contract."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from competitions.models import ResultEntry, WinnersHall

from .factories import announce_final, import_ok, make_event, make_series

SEARCH_KEYS = {"type", "title", "text", "date", "occupation", "level", "year", "tags", "codes"}


@pytest.fixture
def two_events(competition_index, series, admin_user, other_admin):
    """养老护理员 2024 and 家政服务员 2025, both final; plus one event still under notice (not winners yet)."""
    yanglao = make_event(series, "final-2024", start_date=datetime.date(2024, 10, 20))
    jiazheng_series = make_series(
        competition_index,
        "jiazheng",
        title="四川省家政服务职业技能竞赛",
        occupation_name="家政服务员",
        occupation_code="4-10-01-06",
    )
    jiazheng = make_event(jiazheng_series, "final-2025", start_date=datetime.date(2025, 9, 10))
    announce_final(
        yanglao,
        admin_user,
        other_admin,
        [
            [1, "甲一", "", "成都", 95, "一等奖", "", ""],
            [2, "甲二", "", "绵阳", 90, "二等奖", "", ""],
            [3, "甲三", "", "成都", 85, "二等奖", "", ""],
            [4, "甲四", "", "成都", 80, "", "", ""],
        ],
    )
    announce_final(
        jiazheng,
        admin_user,
        other_admin,
        [
            [1, "乙一", "", "成都", 96, "一等奖", "", ""],
            [2, "乙二", "", "成都", 91, "三等奖", "", ""],
            [3, "乙三、乙四", "", "重庆", 88, "三等奖", "", "重庆队"],
        ],
    )
    pending = make_event(jiazheng_series, "final-2026", start_date=datetime.date(2025, 12, 1))
    import_ok(pending, [[1, "丙一", "", "成都", 99, "一等奖", "", ""]])
    return yanglao, jiazheng


def names(response):
    return [entry.display_name for entry in response.context["page_obj"].object_list]


@pytest.mark.django_db
def test_winners_hall_lists_only_final_award_winners_with_links(client, winners_hall, two_events):
    yanglao, jiazheng = two_events
    response = client.get(winners_hall.url)
    assert sorted(names(response)) == ["乙一", "乙三、乙四", "乙二", "甲一", "甲三", "甲二"]
    html = response.content.decode()
    first = ResultEntry.objects.get(name="甲一")
    assert f'href="{yanglao.url}#result-{first.pk}"' in html
    assert "共 6 名获奖者" in html
    assert "丙一" not in html and "甲四" not in html


@pytest.mark.django_db
def test_winners_filters_combine(client, winners_hall, two_events):
    url = winners_hall.url
    assert sorted(names(client.get(url, {"city": "成都"}))) == ["乙一", "乙二", "甲一", "甲三"]
    assert sorted(names(client.get(url, {"city": "成都", "year": "2024"}))) == ["甲一", "甲三"]
    assert names(client.get(url, {"city": "成都", "year": "2024", "award": "second"})) == ["甲三"]
    assert sorted(names(client.get(url, {"occupation": "家政服务员", "award": "third"}))) == ["乙三、乙四", "乙二"]
    response = client.get(url, {"occupation": "家政服务员", "city": "成都"})
    assert sorted(names(response)) == ["乙一", "乙二"]
    assert response.context["award_counts"] == [("first", "一等奖", 1), ("third", "三等奖", 1)]
    empty = client.get(url, {"occupation": "养老护理员", "city": "重庆"})
    assert names(empty) == []
    assert "没有符合筛选条件的获奖者" in empty.content.decode()


@pytest.mark.django_db
def test_winners_counts_per_award_and_filter_options(client, winners_hall, two_events):
    response = client.get(winners_hall.url)
    assert response.context["award_counts"] == [("first", "一等奖", 2), ("second", "二等奖", 2), ("third", "三等奖", 2)]
    form = response.context["form"]
    assert [value for value, _ in form.fields["city"].choices] == ["", "成都", "绵阳", "重庆"]
    assert [value for value, _ in form.fields["year"].choices] == ["", "2025", "2024"]
    html = response.content.decode()
    assert '<label for="id_city">' in html


@pytest.mark.django_db
def test_winners_hall_empty_state_and_pagination(client, winners_hall, series, admin_user, other_admin, monkeypatch):
    assert "还没有正式公布的获奖名单" in client.get(winners_hall.url).content.decode()
    monkeypatch.setattr(WinnersHall, "PER_PAGE", 2)
    event = make_event(series)
    announce_final(event, admin_user, other_admin)
    first = client.get(winners_hall.url, {"city": ""})
    assert len(names(first)) == 2 and first.context["page_obj"].paginator.num_pages == 3
    third = client.get(winners_hall.url, {"page": "3"})
    assert names(third) == ["选手005", "选手006"]
    assert 'rel="prev"' in third.content.decode()
    assert names(client.get(winners_hall.url, {"page": "99"})) == ["选手005", "选手006"]


@pytest.mark.django_db
def test_winners_hall_renders_in_at_most_10_queries(client, winners_hall, two_events, django_assert_max_num_queries):
    client.get(winners_hall.url)
    with django_assert_max_num_queries(10):
        response = client.get(winners_hall.url, {"city": "成都", "award": "first"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_routing_below_the_section_and_view_restrictions(client, competition_index, series, event):
    assert client.get(event.url).status_code == 200
    assert client.get(series.url + "no-such-event/").status_code == 404
    assert client.get(event.url + "no-such-route/").status_code == 404
    event.unpublish()
    assert client.get(event.url).status_code == 404
    event.save_revision().publish()
    PageViewRestriction.objects.create(page=series, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(event.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert event.get_view_restrictions().count() == 1


@pytest.mark.django_db
def test_search_documents_follow_the_contract(series, event, admin_user, other_admin):
    event.worldskills_aligned = True
    event.worldskills_skill_number = 41
    event.for_poverty_alleviated = True
    event.save()
    for document in (series.search_document(), event.search_document()):
        assert set(document) == SEARCH_KEYS
        assert document["type"] == "competition"
        assert document["occupation"] == "4-10-01-05"
        assert "4-10-01-05" in document["codes"]
    document = event.search_document()
    assert document["year"] == 2025 and document["date"] == datetime.date(2025, 10, 20)
    assert {"脱贫劳动力", "世界技能大赛", "省级", "决赛"} <= set(document["tags"])
    assert "WS41" in document["codes"]
    assert event.extra_search_documents() == []  # nothing before the results are final
    announce_final(event, admin_user, other_admin)
    results = event.extra_search_documents()
    assert len(results) == 6
    assert all(set(doc) == SEARCH_KEYS | {"url"} and doc["type"] == "result" for doc in results)
    first = ResultEntry.objects.get(event=event, rank=1)
    assert results[0]["url"] == f"{event.url}#result-{first.pk}"
    assert results[0]["level"] == 3 and "一等奖" in results[0]["title"]


@pytest.mark.django_db
def test_api_fields_are_declared(client):
    from competitions.models import Competition, CompetitionEvent

    event_fields = {field.name for field in CompetitionEvent.api_fields}
    assert {"year", "stage", "tier", "occupation_code", "start_date", "status", "announcement_state"} <= event_fields
    assert {"tier", "occupation_name"} <= {field.name for field in Competition.api_fields}
