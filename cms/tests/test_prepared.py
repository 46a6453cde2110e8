"""Prepared queries (cms.prepared): the same rows as the ORM gives, one compile per shape, bad builders refused."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.prepared import MAX_COMPILED, PreparedQuery

pytestmark = pytest.mark.django_db


def by_depth(parent_id: int):
    return Page.objects.filter(pk__gte=parent_id).values("depth").annotate(n=Count("pk")).order_by("depth")


def test_rows_equal_the_orm_rows_for_each_value(site_tree):
    home, sections = site_tree
    prepared = PreparedQuery(lambda pk, first: Page.objects.filter(pk__gte=pk, title__gt=first).values("pk"), int, str)
    for section in sections.values():
        for first in ("", "M", section.title):
            expected = list(Page.objects.filter(pk__gte=section.pk, title__gt=first).values("pk"))
            assert prepared(section.pk, first) == expected
    assert len(prepared._compiled) == 1


def test_converters_apply_and_values_list_shapes(site_tree):
    home, _sections = site_tree
    home.save_revision().publish()  # a datetime column to convert
    dicts = PreparedQuery(lambda pk: Page.objects.filter(pk=pk).values("live", "last_published_at"), int)
    assert dicts(home.pk) == list(Page.objects.filter(pk=home.pk).values("live", "last_published_at"))
    assert dicts(home.pk)[0]["last_published_at"].tzinfo is not None
    tuples = PreparedQuery(lambda pk: by_depth(pk).values_list("depth", "n"), int)
    assert tuples(home.pk) == list(by_depth(home.pk).values_list("depth", "n"))
    flat = PreparedQuery(lambda pk: Page.objects.filter(pk__gte=pk).order_by("pk").values_list("pk", flat=True), int)
    assert flat(home.pk) == list(Page.objects.filter(pk__gte=home.pk).order_by("pk").values_list("pk", flat=True))


def test_one_query_per_call_and_one_compile_per_shape(site_tree):
    home, _sections = site_tree
    built = []

    def build(pk, first):
        built.append(first)
        return Page.objects.filter(pk__gte=pk).order_by("pk").values_list("pk", flat=True)[first : first + 2]

    prepared = PreparedQuery(build, int)
    everything = list(Page.objects.filter(pk__gte=home.pk).order_by("pk").values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        assert prepared(home.pk, shape=(0,)) == everything[:2]
        assert prepared(home.pk, shape=(0,)) == everything[:2]
        assert prepared(home.pk, shape=(2,)) == everything[2:4]
    assert len(queries) == 3
    assert built == [0, 2]
    for first in range(MAX_COMPILED + 5):  # shapes from URLs: the memo stays bounded
        prepared(home.pk, shape=(first,))
    assert len(prepared._compiled) == MAX_COMPILED


def test_a_value_the_orm_rewrites_is_refused_with_the_reason(site_tree):
    home, _sections = site_tree
    prepared = PreparedQuery(lambda path: Page.objects.filter(path__startswith=path).values("pk"), str)
    with pytest.raises(ValueError, match="value 1 .* does not come through"):
        prepared(home.path)


def test_models_and_wrong_values_are_refused(site_tree):
    home, _sections = site_tree
    with pytest.raises(TypeError, match="int or str"):
        PreparedQuery(lambda when: Page.objects.filter(first_published_at__gte=when), object)
    instances = PreparedQuery(lambda pk: Page.objects.filter(pk=pk), int)
    with pytest.raises(ValueError, match="values\\(\\) or values_list\\(\\)"):
        instances(home.pk)
    values = PreparedQuery(lambda pk: Page.objects.filter(pk=pk).values("pk"), int)
    with pytest.raises(TypeError, match="expected int"):
        values("1")
    with pytest.raises(TypeError, match="expected 1 values"):
        values(1, 2)
