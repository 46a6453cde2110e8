"""The directory and the 报名与补贴 block cost the same number of queries with 10 providers / 10 classes as with
1,000 providers / 10,000 classes (bulk-created)."""

import datetime

import pytest
import time_machine

from tests.query_counts import assert_page_queries

from .factories import TODAY, bulk_directory, make_rule

pytestmark = pytest.mark.django_db

DIRECTORY_LIMIT = 10
BLOCK_PAGE_LIMIT = 12  # the package page's own queries plus the block's four


def urls(training_index, curricula):
    package = curricula["package5"]
    return [
        (training_index.url, DIRECTORY_LIMIT),
        (f"{training_index.url}?city=成都&occupation=4-10-01-05&level=5&subsidised=on&starts=90", DIRECTORY_LIMIT),
        (f"{training_index.url}?show=providers&city=成都&occupation=4-10-01-05", DIRECTORY_LIMIT),
        (f"{training_index.url}?page=3", DIRECTORY_LIMIT),
        (f"{package.url}?city=绵阳", BLOCK_PAGE_LIMIT),
        (f"{package.url}?city=阿坝", BLOCK_PAGE_LIMIT + 1),  # empty state: the cities with classes
        (curricula["elder"].url, BLOCK_PAGE_LIMIT),
    ]


def counts(client, training_index, curricula):
    return [assert_page_queries(client, url, limit) for url, limit in urls(training_index, curricula)]


@pytest.mark.parametrize(("providers", "classes"), [(10, 10)])
def test_query_counts_do_not_grow_with_providers_and_classes(client, training_index, curricula, providers, classes):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.UTC), tick=False):
        make_rule("1000", occupation=curricula["elder"], level=5)
        make_rule("800")
        bulk_directory(curricula["elder"], providers, classes, TODAY + datetime.timedelta(days=1))
        small = counts(client, training_index, curricula)
        bulk_directory_more(curricula["elder"])
        large = counts(client, training_index, curricula)
    assert large == small


def bulk_directory_more(occupation):
    """Up to 1,000 providers and 10,000 classes (numbers after the first batch's)."""
    from training.models import Provider, TrainingClass

    from .factories import credit_code

    created = Provider.objects.count()
    rows = 1000 - created
    if rows > 0:
        from .factories import bulk_directory as _bulk  # noqa: F401  (same shape, different numbering below)
    import datetime as _dt

    from training.models import ProviderApproval

    new = Provider.objects.bulk_create(
        [
            Provider(name=f"更多机构{n}", kind="enterprise", city="德阳", address="示例路", phones="0838-0000 0000",
                     credit_code=credit_code(200000 + n), listed_from=_dt.date(2024, 1, 1))
            for n in range(rows)
        ],
        batch_size=500,
    )  # fmt: skip
    ProviderApproval.objects.bulk_create([ProviderApproval(provider=p, occupation=occupation, level=5) for p in new])
    start = TODAY + _dt.timedelta(days=1)
    missing = 10000 - TrainingClass.objects.count()
    TrainingClass.objects.bulk_create(
        [
            TrainingClass(code=f"MORE-{n}", provider=new[n % len(new)], occupation=occupation, level=5,
                          start_date=start + _dt.timedelta(days=n % 170), end_date=start + _dt.timedelta(days=n % 170 + 9),
                          seats=30, seats_left=n % 30, enrol_phone="0838-0000 0000", subsidised=bool(n % 2))
            for n in range(missing)
        ],
        batch_size=1000,
    )  # fmt: skip
    assert Provider.objects.count() == 1000 and TrainingClass.objects.count() == 10000
