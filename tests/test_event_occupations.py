"""Across competitions and curricula: an event's occupation is chosen from the curricula occupations; free text
from before is linked by code, name or alias, and what cannot be linked is reported."""

import pytest
from django.urls import reverse

from competitions.models import CompetitionEvent
from competitions.occupations import link_event_occupations
from competitions.tests.factories import make_event, make_series
from curricula.models import Occupation
from curricula.tests.factories import make_occupation


@pytest.fixture
def series(sections):
    return make_series(sections["competitions"].specific)


@pytest.fixture
def event(series):
    return make_event(series)


@pytest.fixture
def occupations(sections):
    index = sections["curricula"]
    return {
        "yanglao": make_occupation(index, "养老护理员", code="4-10-01-05"),
        "jiazheng": make_occupation(index, "家政服务员", code="4-10-01-06", alias_names="家政员、家政服务人员"),
    }


@pytest.mark.django_db
def test_free_text_is_linked_by_code_name_or_alias_and_the_rest_reported(series, occupations):
    by_code = make_event(series, slug="by-code", occupation_name="养老护理", occupation_code="4-10-01-05")
    by_name = make_event(series, slug="by-name", occupation_name="家政服务员", occupation_code="")
    by_alias = make_event(series, slug="by-alias", occupation_name="家政员", occupation_code="")
    unknown = make_event(series, slug="unknown", occupation_name="茶艺师", occupation_code="")
    lines = []
    linked, unmatched = link_event_occupations(CompetitionEvent.objects, Occupation.objects, write=lines.append)
    assert linked == 3
    assert len(unmatched) == 1 and "茶艺师" in unmatched[0]
    assert "3 个赛事已对应" in lines[0] and any("茶艺师" in line for line in lines[1:])
    for event, expected in ((by_code, "yanglao"), (by_name, "jiazheng"), (by_alias, "jiazheng")):
        event.refresh_from_db()
        assert event.curricula_occupation_id == occupations[expected].pk
        assert event.occupation_name == occupations[expected].title  # the text follows the occupation
    unknown.refresh_from_db()
    assert unknown.curricula_occupation_id is None and unknown.occupation_name == "茶艺师"


@pytest.mark.django_db
def test_choosing_the_occupation_fills_name_and_code_and_the_editor_offers_it(client, event, occupations, admin_user):
    event.curricula_occupation = occupations["jiazheng"]
    event.save_revision().publish()
    event.refresh_from_db()
    assert (event.occupation_name, event.occupation_code) == ("家政服务员", "4-10-01-06")
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert 'name="curricula_occupation"' in html and "<select" in html
    assert f'<option value="{occupations["yanglao"].pk}"' in html
