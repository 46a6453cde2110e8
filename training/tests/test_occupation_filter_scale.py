"""The directory's occupation filter: in tree order, and its query cost flat as the site's pages grow (issue 19)."""

import pytest
from django.apps import apps
from django.db import connection
from wagtail.models import Page

from cms.tests.sqlite_steps import sqlite_steps
from training.models.directory import occupations_for_filter

pytestmark = pytest.mark.django_db


def add_pages(count: int) -> None:
    root = Page.objects.get(depth=1)
    other = root.add_child(instance=Page(title="别处", slug="elsewhere"))
    Page.objects.bulk_create(
        Page(
            title=f"页{number}",
            slug=f"p{number}",
            path=Page._get_path(other.path, other.depth + 1, number + 1),
            depth=other.depth + 1,
            numchild=0,
            locale_id=other.locale_id,
        )
        for number in range(count)
    )
    Page.objects.filter(pk=other.pk).update(numchild=count)


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
    add_pages(300)
    after = sqlite_steps(occupations_for_filter)
    assert after < before * 1.5 + 50, f"{before} → {after} steps with 300 more pages"
