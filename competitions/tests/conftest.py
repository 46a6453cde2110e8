"""Fixtures of the competitions tests: a real page tree with a series, an event and a winners hall."""

import pytest

from competitions.models import WinnersHall

from .factories import make_event, make_series, publish


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
