"""Shared steps of the user journeys (tests/browser/test_journeys*.py): navigation, the editor, the admin login."""

import re

import pytest

from .pages import page_model_installed

CURRICULA = ["curricula.Occupation", "curricula.TrainingPackage", "curricula.ModuleLibrary", "curricula.CourseModule"]
COMPETITIONS = ["competitions.Competition", "competitions.CompetitionEvent"]
POLICY = ["policy.Campaign", "policy.CampaignCalendar"]


def installed(labels):
    return all(page_model_installed(label) for label in labels)


def needs(labels, area):
    return pytest.mark.skipif(not installed(labels), reason=f"needs {area} merged ({', '.join(labels)})")


# Shared steps ------------------------------------------------------------------------------------------------


def open_section_from_nav(session, title):
    session.page.get_by_role("navigation", name="主导航").get_by_role("link", name=title, exact=True).click()
    session.page.wait_for_load_state("load")
    heading = session.page.get_by_role("heading", level=1)
    assert heading.inner_text().strip() == title


def search_from_search_page(session, query):
    """Use the search page's own form (the box inside <main>), as a trainee would."""
    box = session.page.locator('main form[role="search"] input[name="q"]')
    box.fill(query)
    box.press("Enter")
    session.page.wait_for_load_state("load")
    assert query in session.page.url or query in session.page.evaluate("decodeURIComponent(location.search)")


def click_main_link_to(session, path):
    # The link may carry a query (a package's modules link to `<module>?package=<code>`).
    link = session.page.locator(f'main a[href="{path}"], main a[href^="{path}?"]').first
    link.click()
    session.page.wait_for_load_state("load")


# Wagtail 8's editor autosaves: 2 s after the form loads it snapshots the form, then every change is saved in
# the background (a new page is created as a draft and the editor turns into its edit view). Pressing an action
# while an autosave is in flight races it (two creations of the same page: one of them fails), so the steps
# below wait for the editor to be settled, as a person effectively does. Before the snapshot nothing is autosaved
# (changes made then are simply submitted with the form), so the editor counts as settled then too.
AUTOSAVE_PROBE = """
window.__autosave = {started: 0, finished: 0};
document.addEventListener('w-autosave:save', () => window.__autosave.started++);
for (const name of ['w-autosave:success', 'w-autosave:error']) {
  document.addEventListener(name, () => window.__autosave.finished++);
}
"""
EDITOR_STATE = """() => {
  const form = document.querySelector('[data-controller~="w-unsaved"]');
  const app = window.wagtail && window.wagtail.app;
  const unsaved = form && app && app.getControllerForElementAndIdentifier(form, 'w-unsaved');
  const autosave = window.__autosave || {started: 0, finished: 0};
  return {
    ready: Boolean(unsaved && unsaved.initialFormData),
    settled: Boolean(unsaved && (!unsaved.initialFormData || unsaved.initialFormData === unsaved.formData))
      && autosave.started === autosave.finished,
    autosaves: autosave.finished,
  };
}"""


def wait_for_editor_ready(session):
    """The editor has taken its first snapshot of the form: from now on, changes are autosaved."""
    session.wait_until(f"({EDITOR_STATE})().ready", "the page editor to be ready", timeout=15)


def wait_for_editor_settled(session):
    """Every change in the form has been autosaved and no autosave is in flight."""
    session.wait_until(f"({EDITOR_STATE})().settled", "the editor's autosave to finish", timeout=15)


def open_editor_from_userbar(session) -> int:
    """On a public page, as a logged-in editor: the Wagtail user bar's "编辑此页"; returns the page id."""
    userbar = session.page.locator("wagtail-userbar")
    userbar.get_by_role("button").first.click()
    userbar.get_by_role("menuitem", name="编辑此页").click()
    session.page.wait_for_url("**/admin/pages/*/edit/")
    return admin_edit_url(session)


def admin_edit_url(session) -> int:
    """The page id of the page editor currently shown (/admin/pages/<id>/edit/)."""
    match = re.search(r"/admin/pages/(\d+)/edit/", session.page.url)
    assert match, f"not in the page editor: {session.page.url}"
    return int(match.group(1))


def admin_login(session, username, password):
    page = session.page
    page.context.add_init_script(AUTOSAVE_PROBE)
    session.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    session.shot(f"admin dashboard as {username}", full_page=False)


def page_action(session, name=None, workflow_action=None):
    """Press an item of the page editor's action menu (the footer button or its dropdown), once the editor has
    autosaved every change."""
    page = session.page
    wait_for_editor_settled(session)
    if workflow_action:
        selector = f'footer button[data-workflow-action-name="{workflow_action}"]:not([data-workflow-action-modal-url])'
    else:
        selector = f'footer button[name="{name}"]'
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator("footer .w-dropdown-button button[aria-expanded]").first.click()
    with page.expect_navigation():
        button.click()


# Journey 1: a trainee on a phone ------------------------------------------------------------------------------
