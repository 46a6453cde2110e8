"""Fixtures of the progress tests: the 进度 page in the real site tree and the seed plan's first target."""

import pytest

from .factories import make_measure, make_population, make_progress_page, make_target


@pytest.fixture
def progress_page(home_page):
    return make_progress_page(home_page)


@pytest.fixture
def carer_target(db):
    make_population()
    return make_target(make_measure("养老护理员"), 140_000)
