"""Fixtures of the training tests: the real section page and a small curricula tree to point at."""

import pytest

from .factories import make_curricula


@pytest.fixture
def training_index(sections):
    return sections["training"].specific


@pytest.fixture
def curricula(sections):
    return make_curricula(sections["curricula"])
