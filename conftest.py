"""Fixtures shared by every app's tests: a real Wagtail page tree built by the same code as the demo.

Hypothesis runs randomised: one seed per session (xdist workers inherit it), printed in the header; repeat a run
with HYPOTHESIS_SEED=<seed> (or --hypothesis-seed).
"""

import io
import os
import random

import pytest

pytest_plugins = ["tests.shared_database", "tests.xdist_groups"]


def pytest_configure(config):
    from hypothesis import core

    seed = config.getoption("hypothesis_seed", None) or os.environ.get("HYPOTHESIS_SEED")
    seed = int(seed) if seed else random.SystemRandom().randrange(2**32)
    os.environ["HYPOTHESIS_SEED"] = str(seed)  # before xdist starts its workers
    core.global_force_seed = seed


def pytest_report_header(config):
    seed = os.environ["HYPOTHESIS_SEED"]
    return f"hypothesis seed: {seed} (repeat with HYPOTHESIS_SEED={seed})"


@pytest.fixture
def site_tree(db, request):
    """The home page and its sections, as `load_demo` builds them. Returns (home, {slug: section}).

    Consecutive tests share one built tree (tests/shared_database.py); `ensure_site_tree` finds it in place."""
    from cms.demo import ensure_site_tree
    from tests.shared_database import check_shared

    check_shared(request)
    return ensure_site_tree()


@pytest.fixture
def demo_content(site_tree):
    """The whole demo content, loaded by `load_demo`. Consecutive tests share one load (tests/shared_database.py,
    checked by `site_tree`); when nothing is shared, each test loads it."""
    from django.core.management import call_command

    from tests.shared_database import sharing_enabled

    if not sharing_enabled():
        call_command("load_demo", stdout=io.StringIO())
    return site_tree


@pytest.fixture
def home_page(site_tree):
    return site_tree[0]


@pytest.fixture
def sections(site_tree):
    return site_tree[1]


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "pw-for-tests-only")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def _fresh_content_memo():
    """The routing memo (cms.cache.content_memo) is per process: a rolled-back test must not hand its pages on."""
    from cms.cache import reset_content_memo

    reset_content_memo()


@pytest.fixture(autouse=True)
def _empty_search_node():
    """With a search node (tools/search_node.sh), each test starts from an empty index: the database rolls
    back after a test, the node keeps what it was sent."""
    from django.conf import settings

    if settings.ELASTICSEARCH_URL:
        from search.tests.factories import empty_search_node

        empty_search_node()
    yield
