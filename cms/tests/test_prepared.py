"""Prepared queries (cms.prepared): the same rows as the ORM gives, one compile per shape, bad builders refused."""

import pytest
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.prepared import MAX_COMPILED, PreparedQuery, padded, padded_chunks

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


def test_startswith_binds_an_escaped_prefix(site_tree):
    home, sections = site_tree
    below = PreparedQuery(lambda path: Page.objects.filter(path__startswith=path).order_by("path").values("pk"), str)
    for page in [home, *sections.values()]:
        assert below(page.path) == list(Page.objects.filter(path__startswith=page.path).order_by("path").values("pk"))
    titled = PreparedQuery(lambda title: Page.objects.filter(title__startswith=title).values("pk"), str)
    assert titled(home.title[:1]) == list(Page.objects.filter(title__startswith=home.title[:1]).values("pk"))
    assert titled("%") == titled("_") == []  # LIKE wildcards in a value match only themselves (no title has them)


def test_a_value_the_orm_rewrites_is_refused_with_the_reason(site_tree):
    home, _sections = site_tree
    prepared = PreparedQuery(lambda title: Page.objects.filter(title__contains=title).values("pk"), str)
    with pytest.raises(ValueError, match="made from a value but is not the value as given"):
        prepared(home.title)
    deeper = PreparedQuery(lambda depth: Page.objects.filter(depth=depth + 1).values("pk"), int)
    with pytest.raises(ValueError, match="made from a value"):
        deeper(home.depth)


def test_instances_with_joins_deferred_fields_and_annotations(site_tree):
    home, sections = site_tree

    def build(path):
        pages = Page.objects.filter(path__startswith=path, depth__gt=1).select_related("content_type", "owner")
        return pages.only("title", "path", "owner", "content_type__model").annotate(up=F("depth") - 1).order_by("path")

    prepared = PreparedQuery(build, str)
    expected = list(build(home.path))
    with CaptureQueriesContext(connection) as queries:
        pages = prepared(home.path)
        assert [(page.pk, page.title, page.up, page.content_type.model) for page in pages] == [
            (page.pk, page.title, page.up, page.content_type.model) for page in expected
        ]
        assert all(page.owner is None for page in pages)
    assert len(queries) == 1  # the joined rows came with the pages
    assert set(pages[0].get_deferred_fields()) == set(expected[0].get_deferred_fields())
    assert [page.pk for page in prepared(sections["policy"].path)] == [sections["policy"].pk]


def test_what_cannot_be_prepared_is_refused(site_tree):
    home, _sections = site_tree
    with pytest.raises(TypeError, match="int or str"):
        PreparedQuery(lambda when: Page.objects.filter(first_published_at__gte=when), object)
    prefetching = PreparedQuery(lambda pk: Page.objects.filter(pk=pk).prefetch_related("group_permissions"), int)
    with pytest.raises(ValueError, match="prefetch_related"):
        prefetching(home.pk)
    values = PreparedQuery(lambda pk: Page.objects.filter(pk=pk).values("pk"), int)
    with pytest.raises(TypeError, match="expected int"):
        values("1")
    with pytest.raises(ValueError, match="out of the range"):
        values(2**64)
    with pytest.raises(TypeError, match="expected 1 values"):
        values(1, 2)


def test_padding_repeats_a_key_up_to_the_compiled_length_and_chunks_cover_every_key():
    assert padded([7, 8], 4) == [7, 8, 7, 7]
    assert padded_chunks([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5, 5]]
    assert padded_chunks([], 8) == []
