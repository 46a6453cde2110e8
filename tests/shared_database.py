"""Consecutive tests share one prepared database (the site tree, or the whole demo) instead of building it each.

Why: building the site tree (a home page and six sections, each with a revision) costs more than most tests that
use it, and loading the demo costs seconds. A test that asks for `site_tree` (or `demo_content`) runs inside an
outer transaction that already holds that content. Its own transaction is a savepoint in the outer one, rolled
back after the test as always, so every test still starts from exactly the content its fixture promises: the
fixtures call the same idempotent builders (`ensure_site_tree`, `load_demo`), which find it in place.

The outer transaction is rolled back as soon as a test needs something else (an empty database, a transactional
test, a unittest TestCase); the tests are ordered so that those sharing content run one after another. With a
search node (ELASTICSEARCH_URL) nothing is shared: the node is emptied before each test and would lose the shared
pages. SHARED_TEST_DATABASE=0 switches sharing off too, to compare.
"""

from __future__ import annotations

import io
import os

import pytest

TREE = "tree"
DEMO = "demo"
EMPTY = "empty"  # a database test that wants neither: any shared content must go
TRANSACTIONAL = "transactional"  # commits for real and flushes the database afterwards
NEUTRAL = "neutral"  # no database: runs whatever is shared
# pytest-django's order (database tests, then transactional ones, then the rest: a flush leaves nothing behind),
# with the database tests ordered by what they share.
ORDER = {EMPTY: 0, TREE: 1, DEMO: 2, TRANSACTIONAL: 3, NEUTRAL: 4}


def sharing_enabled() -> bool:
    from django.conf import settings

    return os.environ.get("SHARED_TEST_DATABASE", "1") != "0" and not settings.ELASTICSEARCH_URL


def wanted(item) -> str:
    """What the test needs from the database: TREE, DEMO, EMPTY, TRANSACTIONAL or NEUTRAL."""
    from django.test import TestCase, TransactionTestCase
    from pytest_django.plugin import validate_django_db

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):  # Django manages its own transactions
        return EMPTY if issubclass(cls, TestCase) else TRANSACTIONAL
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    if marker is None and not names & {"db", "transactional_db", "live_server", "django_db_reset_sequences"}:
        return NEUTRAL
    transaction, reset_sequences, _databases, serialized_rollback, _apps = (
        validate_django_db(marker) if marker else (False, False, None, False, None)
    )
    if transaction or reset_sequences or names & {"transactional_db", "live_server", "django_db_reset_sequences"}:
        return TRANSACTIONAL
    if serialized_rollback or "django_db_serialized_rollback" in names:
        return EMPTY
    if "demo_content" in names:
        return DEMO
    if "site_tree" in names:
        return TREE
    return EMPTY


def build(kind: str) -> None:
    from django.core.management import call_command

    from cms.demo import ensure_site_tree

    if kind == DEMO:
        call_command("load_demo", stdout=io.StringIO())
    else:
        ensure_site_tree()


class SharedDatabase:
    """The outer transaction and what it holds (None when nothing is shared)."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.kind = None
        self.atomic = None

    def hold(self, kind: str) -> None:
        if self.kind == kind:
            return
        self.release()
        from django.db import transaction

        with self.blocker.unblock():
            atomic = transaction.atomic()
            atomic._from_testcase = True  # like Django's TestCase atomics: a test may open a durable block inside
            atomic.__enter__()
            self.atomic, self.kind = atomic, kind
            try:
                build(kind)
            except BaseException:
                self.release()
                raise

    def release(self) -> None:
        if self.atomic is None:
            return
        from django.core.cache import caches
        from django.db import transaction

        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic, self.kind = None, None
        caches["default"].clear()  # e.g. Wagtail's site root paths: they name pages that are gone now

    def holds_outermost(self) -> bool:
        from django.db import connection

        return bool(connection.atomic_blocks) and connection.atomic_blocks[0] is self.atomic


@pytest.fixture(scope="session")
def shared_database(django_db_setup, django_db_blocker):
    """The session's one SharedDatabase; released before the test database is destroyed."""
    shared = SharedDatabase(django_db_blocker)
    yield shared
    shared.release()


def pytest_collection_modifyitems(config, items):
    """Tests sharing content run one after another (stable: the order within each kind is kept)."""
    if sharing_enabled():
        items.sort(key=lambda item: ORDER[wanted(item)])


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture of a test that cannot run on what is shared, roll it back."""
    kind = wanted(item)
    if kind == NEUTRAL:
        return
    shared = _current(item.session)
    if shared is not None and shared.kind != kind:
        shared.release()


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(fixturedef, request):
    """Just before a test's own transaction begins (pytest-django's `_django_db_helper`), hold what it shares."""
    if fixturedef.argname != "_django_db_helper" or not sharing_enabled():
        return
    kind = wanted(request.node)
    if kind in (TREE, DEMO):
        shared = request.getfixturevalue("shared_database")
        request.session.stash[_KEY] = shared
        shared.hold(kind)


_KEY = pytest.StashKey[SharedDatabase]()


def _current(session) -> SharedDatabase | None:
    return session.stash.get(_KEY, None)


def check_shared(request) -> None:
    """Fail loudly if the shared content is not where it must be: outside the test's own transaction."""
    if not sharing_enabled():
        return
    from django.db import connection

    shared = _current(request.session)
    kind = wanted(request.node)
    if kind not in (TREE, DEMO):  # a transactional test builds its own
        assert shared is None or shared.kind is None, "shared content left in place for a test that cannot share"
        return
    assert shared is not None and shared.kind == kind, "the shared content was not prepared"
    assert shared.holds_outermost() and len(connection.atomic_blocks) >= 2, (
        "the test's transaction must be a savepoint inside the shared one (has pytest-django's "
        "_django_db_helper changed?)"
    )
