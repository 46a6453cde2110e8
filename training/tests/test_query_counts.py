"""The directory and the 报名与补贴 block cost the same number of queries with 10 providers / 10 classes as with
1,000 providers / 10,000 classes (bulk-created)."""

import datetime

import pytest
import time_machine

from tests.query_counts import MAX_PAGE_QUERIES, assert_page_queries
from training.public import ENROLMENT_BLOCK_QUERIES

from .factories import TODAY, bulk_directory, credit_code, make_rule

pytestmark = pytest.mark.django_db

# Chrome and routing 6, occupations for the filter 1, the first page's rows with both counts 1; another page counts
# first (one more).
DIRECTORY_LIMIT = 8
OTHER_PAGE_LIMIT = DIRECTORY_LIMIT + 1
PROVIDER_LIMIT = 9  # chrome and routing 6, the provider, its classes (as rows), its approvals with occupation links
BLOCK_PAGE_LIMIT = MAX_PAGE_QUERIES + ENROLMENT_BLOCK_QUERIES  # the curricula page's own 10 and the block's 3


def urls(training_index, curricula):
    package = curricula["package5"]
    return [
        (training_index.url, DIRECTORY_LIMIT),
        (f"{training_index.url}?city=成都&occupation=4-10-01-05&level=5&subsidised=on&starts=90", DIRECTORY_LIMIT),
        (f"{training_index.url}?show=providers&city=成都&occupation=4-10-01-05", DIRECTORY_LIMIT),
        (f"{training_index.url}?page=3", OTHER_PAGE_LIMIT),
        (f"{training_index.url}providers/{credit_code(100000)}/", PROVIDER_LIMIT),
        (f"{package.url}?city=绵阳", BLOCK_PAGE_LIMIT),
        # empty state (no class for this occupation anywhere): one more query, for the 市州 that have classes;
        # an occupation without packages also lists related occupations (curricula's empty state: one query)
        (f"{curricula['housekeeping'].url}?city=阿坝", BLOCK_PAGE_LIMIT + 1 + 1),
        (curricula["elder"].url, BLOCK_PAGE_LIMIT),
    ]


def counts(client, training_index, curricula):
    return [assert_page_queries(client, url, limit) for url, limit in urls(training_index, curricula)]


def test_query_counts_do_not_grow_with_providers_and_classes(client, training_index, curricula):
    from training.models import Provider, TrainingClass

    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        make_rule("1000", occupation=curricula["elder"], level=5)
        make_rule("800")
        start = TODAY + datetime.timedelta(days=1)
        bulk_directory(curricula["elder"], 10, 10, start)
        small = counts(client, training_index, curricula)
        bulk_directory(curricula["elder"], 990, 9990, start, offset=10)
        assert (Provider.objects.count(), TrainingClass.objects.count()) == (1000, 10000)
        large = counts(client, training_index, curricula)
    assert large == small
