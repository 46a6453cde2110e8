"""Fixtures of the competitions tests: a real page tree with a series, an event and a winners hall."""

import datetime

import pytest

from competitions.models import Competition, CompetitionEvent, WinnersHall


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


@pytest.fixture
def competition_index(sections):
    return sections["competitions"].specific


@pytest.fixture
def series(competition_index):
    return make_series(competition_index)


@pytest.fixture
def event(series):
    return make_event(series)


@pytest.fixture
def winners_hall(competition_index):
    return publish(competition_index, WinnersHall(title="获奖名单", slug="winners"))


@pytest.fixture
def other_admin(db, django_user_model):
    return django_user_model.objects.create_superuser("reviewer", "reviewer@example.com", "pw-for-tests-only")


@pytest.fixture
def role_user(event, django_user_model):
    """Factory: a user in one of the project's real role groups (setup_roles), with a full name."""
    from django.contrib.auth.models import Group

    from cms.accounts import roles

    roles.setup_roles(log=lambda message: None)

    def make(username, role, last_name="", first_name=""):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.com", "pw-for-tests-only", last_name=last_name, first_name=first_name
        )
        user.groups.add(Group.objects.get(name=role))
        return user

    return make
