"""An occupation without packages suggests nearby occupations with their live package counts; the counting query
costs the same however many modules the library holds (issue 19: it walked every page below the catalogue)."""

import pytest
from django.db import connection
from wagtail.models import Page

from cms.tests.sqlite_steps import sqlite_steps
from curricula.importer import ensure_library
from curricula.models import Occupation

from .factories import make_occupation, make_package

pytestmark = pytest.mark.django_db


@pytest.fixture
def lonely(small_tree, index):
    """老年人能力评估师 (no packages) beside 养老护理员 (two live packages, one draft) and 保健按摩师 (one)."""
    draft = make_package(small_tree["occupation"], "PKG-DRAFT", level_number=5, modules=[small_tree["common"]])
    draft.unpublish()
    massage = make_occupation(index, "保健按摩师", code="4-10-04-02", levels=(5,), slug="anmo")
    make_package(massage, "AM-5", level_number=5)
    make_occupation(index, "芳香保健师", code="4-10-04-03", slug="fangxiang")  # no packages: not suggested
    return make_occupation(index, "老年人能力评估师", code="4-10-01-07", slug="pinggu", levels=())


def test_nearby_occupations_come_with_their_live_package_counts(client, lonely):
    related = Occupation.objects.get(pk=lonely.pk).related_occupations()
    assert [(occupation.title, occupation.package_count) for occupation in related] == [
        ("养老护理员", 2),
        ("保健按摩师", 1),
    ]
    html = client.get(lonely.url).content.decode()
    assert "这个职业还没有发布培训包" in html
    assert html.index("养老护理员") < html.index("保健按摩师") and "芳香保健师" not in html


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")
def test_counting_costs_the_same_however_many_modules_the_library_holds(lonely, index):
    occupation = Occupation.objects.get(pk=lonely.pk)
    before = sqlite_steps(occupation.related_occupations)
    library = ensure_library(index)
    Page.objects.bulk_create(
        Page(
            title=f"模块{number}",
            slug=f"m{number}",
            path=Page._get_path(library.path, library.depth + 1, 1000 + number),
            depth=library.depth + 1,
            numchild=0,
            live=True,
            locale_id=library.locale_id,
        )
        for number in range(300)
    )
    after = sqlite_steps(occupation.related_occupations)
    assert after < before * 1.2 + 20, f"{before} → {after} steps with 300 more pages in the module library"
    assert [o.package_count for o in occupation.related_occupations()] == [2, 1]
