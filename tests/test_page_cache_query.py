"""Query strings and the page cache: a parameter no page reads (`?nocache=1`, `?utm_source=…`) neither bypasses the
cache nor reaches what is stored; a parameter a page reads selects its own entry; and every page of the demo
content reads only the parameters it declares (the audit that makes ignoring the others safe)."""

import pytest
from django.http import QueryDict
from wagtail import hooks
from wagtail.models import Page

from cms.cache.middleware import page_query_params
from curricula.choices import OccupationKind
from curricula.tests.factories import make_occupation
from tests.conftest import get, state
from tests.page_samples import page_samples

# Every parameter some page of this project reads, with values that take the filtering branches, plus two that
# no page reads.
PROBE = (
    "page=1&package=P1&occupation=1&city=成都市&district=武侯区&level=4&kind=occupation&starts=month&subsidised=on"
    "&shortage=on&show=providers&year=2025&award=gold&target=1&sort=value&utm_source=wechat&nocache=1"
)


class RecordingQueryDict(QueryDict):
    """A QueryDict that remembers which parameter names were asked for (copies share the record)."""

    reads: set[str]

    def __getitem__(self, key):
        self.reads.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.reads.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.reads.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.reads.add(key)
        return super().__contains__(key)


@pytest.mark.django_db
def test_every_page_type_reads_only_the_query_parameters_it_declares(client, demo_content):
    """Were a page to read an undeclared parameter, the cache (which keys on declared ones only) would serve one
    visitor's filtered page to another: one page of every type of the demo content is served with every known
    parameter and what it asks `request.GET` for is compared with `cache_query_params`."""
    samples = page_samples()["samples"]
    assert len(samples) >= 10
    undeclared = {}
    for label, sample in samples.items():
        recorder = type("Recorder", (RecordingQueryDict,), {"reads": set()})

        def record(page, request, serve_args, serve_kwargs, recorder=recorder):
            request.GET = recorder(PROBE)
            recorder.reads.clear()  # building the QueryDict asks `in` of every name

        with hooks.register_temporarily("before_serve_page", record):
            response = client.get(sample["url"])
        assert response.status_code == 200, (label, response.status_code)
        page = Page.objects.get(pk=sample["id"]).specific
        if not getattr(page, "page_cache", True):
            continue  # never stored: it may read what it likes
        extra = recorder.reads - page_query_params(page)
        if extra:
            undeclared[label] = sorted(extra)
    assert not undeclared, f"pages read query parameters they do not declare in cache_query_params: {undeclared}"


@pytest.mark.django_db
def test_parameters_no_page_reads_share_the_plain_entry(client, cached_site):
    home, sections = cached_site
    url = sections["policy"].url
    assert state(get(client, url)) == "miss"
    assert state(get(client, url + "?nocache=1")) == "hit"
    assert state(get(client, url + "?utm_source=wechat&utm_medium=share")) == "hit"
    assert state(get(client, url + "?page=2&nocache=1")) == "miss"
    assert state(get(client, url + "?nocache=2&page=2")) == "hit"


@pytest.mark.django_db
def test_an_undeclared_parameter_never_reaches_the_stored_page(client, cached_site):
    """The first visitor's tracking parameter is not written into links (the 大字版 switch's `next`) that every
    later visitor of the plain URL is served."""
    home, sections = cached_site
    url = sections["curricula"].url
    first = get(client, url + "?utm_source=leak-marker")
    assert state(first) == "miss"
    assert "leak-marker" not in first.content.decode()
    later = get(client, url)
    assert state(later) == "hit"
    assert "leak-marker" not in later.content.decode()


@pytest.mark.django_db
def test_a_declared_filter_gets_its_own_entry_with_its_own_content(client, cached_site):
    home, sections = cached_site
    catalogue = sections["curricula"]
    make_occupation(catalogue, "养老护理员", code="4-10-01-05")
    make_occupation(catalogue, "老年人能力评估", kind=OccupationKind.SPECIAL_ABILITY, levels=(5,), slug="s-01")
    everything = get(client, catalogue.url)
    assert state(everything) == "miss"
    assert "养老护理员" in everything.content.decode() and "老年人能力评估" in everything.content.decode()

    special = f"{catalogue.url}?kind={OccupationKind.SPECIAL_ABILITY}"
    filtered = get(client, special)
    assert state(filtered) == "miss"
    assert "老年人能力评估" in filtered.content.decode() and "养老护理员" not in filtered.content.decode()
    again = get(client, special + "&utm_source=wechat")
    assert state(again) == "hit"
    assert "养老护理员" not in again.content.decode()
    assert state(get(client, catalogue.url)) == "hit"
