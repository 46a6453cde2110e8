"""The directory's occupation filter: in tree order, and its query cost flat as the site's pages grow (issue 19)."""

import pytest
from django.apps import apps
from django.db import connection

from cms.tests.many_pages import add_pages_elsewhere
from cms.tests.sqlite_steps import sqlite_steps
from training.models.directory import occupations_for_filter

pytestmark = pytest.mark.django_db


def test_occupations_come_in_tree_order(curricula):
    Occupation = apps.get_model("curricula", "Occupation")  # by name: training imports curricula only publicly
    occupations = occupations_for_filter()
    in_tree_order = list(Occupation.objects.live().order_by("path").values_list("pk", flat=True))
    assert [occupation.pk for occupation in occupations] == in_tree_order
    assert len(occupations) >= 2
    assert all(occupation.reference_key for occupation in occupations)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")
def test_occupation_filter_cost_does_not_grow_with_other_pages(curricula):
    before = sqlite_steps(occupations_for_filter)
    add_pages_elsewhere(300)
    after = sqlite_steps(occupations_for_filter)
    assert after < before * 1.5 + 50, f"{before} → {after} steps with 300 more pages"
