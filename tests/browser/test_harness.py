"""The browser harness itself: it must catch what it promises to catch, or the other browser tests prove nothing."""

import pytest

from .support import NARROW_PHONE, assert_accessible

pytestmark = pytest.mark.browser

STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'"


def test_console_errors_and_failed_requests_are_recorded(narrow_phone):
    narrow_phone.goto("/")
    page = narrow_phone.page
    with page.expect_console_message(lambda message: "boom from the test" in message.text):
        page.evaluate("console.error('boom from the test')")
    with page.expect_response(lambda response: "no-such-file.css" in response.url and response.status == 404):
        page.evaluate("fetch('/static/cms/css/no-such-file.css').catch(() => null)")
    recorded = "\n".join(narrow_phone.errors)
    assert "boom from the test" in recorded
    assert "HTTP 404: GET" in recorded and "no-such-file.css" in recorded
    with pytest.raises(AssertionError, match="the browser reported problems"):
        narrow_phone.check()  # reports and clears them, so this test itself passes at teardown


def test_axe_reports_a_serious_violation(narrow_phone):
    narrow_phone.goto("/")
    narrow_phone.page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text name=unlabelled>')"
    )
    with pytest.raises(AssertionError, match=r"\[critical\] label"):
        assert_accessible(narrow_phone)


@pytest.mark.parametrize("path", ["/", "/curricula/", "/styleguide/"])
def test_pages_work_under_a_strict_content_security_policy(open_session, path):
    """No inline script or style anywhere: a CSP without 'unsafe-inline' reports nothing, and axe still runs."""
    session = open_session(NARROW_PHONE)

    def add_csp(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": STRICT_CSP})

    session.page.route(f"{session.site.url}**", add_csp)
    session.goto(path)
    assert_accessible(session)
    assert session.page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == (
        "rgb(11, 107, 87)"
    ), "the stylesheet must load under the policy"
    session.check()
    # The policy is really in force: an inline script is refused, and the refusal is recorded as an error.
    with session.page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        session.page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.inline = 1'; "
            "document.body.append(s); }"
        )
    assert session.page.evaluate("window.inline === undefined")
    assert any("Content Security Policy" in error for error in session.errors), session.errors
    session.errors.clear()


def test_print_stylesheet_hides_navigation(narrow_phone):
    narrow_phone.goto("/styleguide/")
    page = narrow_phone.page
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert not page.locator(".pagination").is_visible()
    assert page.locator("h1").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.table-scroll')).overflowX") == "visible"
