"""Browser tests: a real server process, Debian's Chromium driven by Playwright, axe-core injected.

Everything here is session-scoped and started once (per pytest-xdist worker): a fresh SQLite database (migrated,
demo loaded) served by gunicorn with production settings on a free port of 127.0.0.1. Without Chromium the tests
are skipped with the reason, except when the CI environment variable is set: CI must run them, so there they fail
instead.
"""

import pytest

from .support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    NARROW_PHONE,
    PHONE,
    VISITOR,
    BrowserSession,
    require_browser,
    start_live_site,
)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser_first: run before the other browser tests (it starts a clock)")
    config.addinivalue_line("markers", "browser_last: run after the other browser tests (it waits for a clock)")


# Tests that run between the two parts of the journey that waits for a go-live time, on the same worker: about as
# long as that wait (the go-live minute is 45 to 105 s after the first part schedules it).
CLOCK_COMPANIONS = ("tests/browser/test_accessibility.py", "tests/browser/test_large_text.py")


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test, marked so `-m "not browser"` can leave them out.

    A journey that must wait for real time to pass (a go-live time) is split in two: its first part is moved to the
    start of the browser tests and its second part to their end, so the others run while the clock moves on. Under
    pytest-xdist (`make test`: two workers, --dist loadgroup) each worker serves its own live site and the tests
    are spread over both, except that the two parts and the CLOCK_COMPANIONS run on one worker, in that order: the
    second part needs the first part's campaign, in the same site.
    """
    browser = [item for item in items if "tests/browser/" in item.nodeid.replace("\\", "/")]
    for item in browser:
        item.add_marker(pytest.mark.browser)
    if not browser:
        return
    first = [item for item in browser if item.get_closest_marker("browser_first")]
    last = [item for item in browser if item.get_closest_marker("browser_last")]
    moved = {id(item) for item in first + last}
    middle = [item for item in browser if id(item) not in moved]
    companions = [item for item in middle if item.nodeid.replace("\\", "/").startswith(CLOCK_COMPANIONS)]
    for item in first + companions + last:
        item.add_marker(pytest.mark.xdist_group("browser-clock"))
    start = items.index(browser[0])
    in_browser = {id(item) for item in browser}
    others = [item for item in items if id(item) not in in_browser]
    items[:] = others[:start] + first + middle + last + others[start:]


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    """The site served by a real server process; stopped when the session ends."""
    require_browser()
    site = start_live_site(tmp_path_factory.mktemp("browser-site"))
    yield site
    site.stop()


@pytest.fixture(scope="session")
def browser(live_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_session(browser, live_site, request):
    """Factory: a fresh browser context (no cookies) with a recorded page. Fails the test on any browser error."""
    sessions = []

    def factory(device=PHONE, suffix="", **context_options):
        options = {**VISITOR, **device, **context_options}
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        name = request.node.name + (f"-{suffix}" if suffix else "")
        session = BrowserSession(page=context.new_page(), site=live_site, name=name)
        sessions.append((context, session))
        return session

    yield factory
    problems = []
    for context, session in sessions:
        if session.errors:
            problems.append(f"{session.name} ({session.page.url}):\n  " + "\n  ".join(dict.fromkeys(session.errors)))
        context.close()
    if problems:
        pytest.fail("the browser reported problems:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def phone(open_session):
    """A 390x844 phone (the trainee's), Chinese locale."""
    return open_session(PHONE)


@pytest.fixture
def narrow_phone(open_session):
    """The narrowest phone we design for: 360 px wide."""
    return open_session(NARROW_PHONE)


@pytest.fixture
def desktop(open_session):
    return open_session(DESKTOP)
