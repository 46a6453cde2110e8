"""The admin is Chinese throughout (issue 16): the key admin screens of every role, rendered in zh-hans, show none
of the English Wagtail strings we translate in locale/zh_Hans (plus the extra phrases listed here).

`ADMIN_ZH_DISCOVER=1 pytest tests/test_admin_chinese.py -s` prints every English run still on the screens, to find
strings that need a translation.
"""

import gettext
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from cms.accounts import roles

from .english_text import english_found, english_runs, readable_texts

LOCALE_FILE = Path(__file__).resolve().parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
JS_LOCALE_FILE = LOCALE_FILE.with_name("djangojs.mo")
# English phrases that must never show, beyond the msgids of our catalogues (e.g. where Wagtail builds a sentence).
EXTRA_PHRASES = ["Password", "Sign in", "Dashboard", "Pages", "Snippets", "Search", "Actions", "Save draft"]
# English words that are fine on a Chinese screen: names, formats, codes.
ALLOWED_RUNS = {"Wagtail", "CSV", "XLSX", "UTF", "GB", "JSON", "URL", "Excel", "PDF", "ID", "WS"}


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|<[^>]+>|%\w")


def forbidden_phrases() -> list[str]:
    """The English text of every msgid we translate (its literal pieces between placeholders and tags), plus the
    extra phrases: none of it may show on a zh-hans admin screen."""
    phrases = set(EXTRA_PHRASES)
    for path in (LOCALE_FILE, JS_LOCALE_FILE):
        with path.open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)._catalog
        for msgid, msgstr in catalogue.items():
            if isinstance(msgid, tuple):  # plural forms: (msgid, n)
                msgid = msgid[0]
            if not msgid or not msgstr or msgid == msgstr:  # identity entries (tools/zh_identity.py) are Chinese
                continue
            for piece in PLACEHOLDER.split(msgid):
                piece = piece.strip(" .:;,!?()'\"‘’“”–-")
                if len(re.findall(r"[A-Za-z]", piece)) >= 4 and piece not in ALLOWED_RUNS:
                    phrases.add(piece)
    return sorted(phrases)


def role_user(django_user_model, username, role):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw-for-tests-only")
    user.last_name, user.first_name = "测", username
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


def child_page(section, title, slug):
    page = Page(title=title, slug=slug)
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def screens(site_tree, django_user_model):
    """{role: (client, [(screen name, method, url)])}: what each role opens in a working day."""
    from competitions.models import Competition, CompetitionEvent

    roles.setup_roles(log=lambda message: None)
    _home, sections = site_tree
    curricula_page = child_page(sections["curricula"], "养老护理基础（示例）", "module-zh")
    policy_page = child_page(sections["policy"], "政策解读（示例）", "policy-zh")
    series = Competition(title="养老护理竞赛（示例）", slug="series-zh", occupation_name="养老护理员")
    sections["competitions"].add_child(instance=series)
    series.save_revision().publish()
    import datetime

    event = CompetitionEvent(title="决赛（示例）", slug="final-zh", year=2025, start_date=datetime.date(2025, 10, 20))
    series.add_child(instance=event)
    event.save_revision().publish()

    dashboard = [("dashboard", "get", reverse("wagtailadmin_home"))]
    snippets = [("snippets", "get", reverse("wagtailsnippets:index"))]

    def own(page, section):
        return [
            ("page list", "get", reverse("wagtailadmin_explore", args=[section.pk])),
            ("edit with a validation error", "post", reverse("wagtailadmin_pages:edit", args=[page.pk])),
            ("workflow history", "get", reverse("wagtailadmin_pages:workflow_history", args=[page.pk])),
        ]

    curricula_import = ("import", "get", reverse("curricula_import"))
    plan = {
        roles.DESIGNER: [*snippets, *own(curricula_page, sections["curricula"]), curricula_import],
        roles.REVIEWER: [*snippets, *own(curricula_page, sections["curricula"]), curricula_import],
        roles.PUBLICITY: [*own(policy_page, sections["policy"]), ("import", "get", reverse("policy_import"))],
        roles.ORGANISER: [
            *own(series, sections["competitions"]),
            ("import", "get", reverse("competitions_admin:import_results", args=[event.pk])),
            ("results", "get", reverse("competitions_admin:results_overview")),
        ],
        roles.SITE_ADMIN: [
            *snippets,
            *own(series, sections["competitions"]),
            ("workflows", "get", reverse("wagtailadmin_workflows:index")),
            ("import", "get", reverse("competitions_admin:import_results", args=[event.pk])),
        ],
        roles.TRAINING_MANAGER: [
            ("providers", "get", reverse("wagtailsnippets_training_provider:list")),
            ("classes", "get", reverse("wagtailsnippets_training_trainingclass:list")),
            ("targets", "get", reverse("wagtailsnippets_progress_target:list")),
            ("import", "get", reverse("training_import")),
            ("progress import", "get", reverse("progress_import")),
        ],
    }
    result = {}
    for index, (role, role_screens) in enumerate(plan.items()):
        client = Client()
        client.force_login(role_user(django_user_model, f"user{index}", role))
        result[role] = (client, dashboard + role_screens)
    return result


def render(client, method, url):
    with translation.override("zh-hans"):
        if method == "post":
            response = client.post(url, {"title": "", "slug": ""}, HTTP_ACCEPT_LANGUAGE="zh-hans")
        else:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, f"{url}: {response.status_code} {response.get('Location', '')}"
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", roles.ROLE_NAMES)
def test_key_admin_screens_have_no_english_ui_text(screens, role):
    client, role_screens = screens[role]
    phrases = forbidden_phrases()
    assert len(phrases) > 300, "the list of English phrases comes from our zh_Hans catalogues"
    problems = []
    for name, method, url in role_screens:
        html = render(client, method, url)
        if method == "post":
            assert "error" in html.lower() and "无法" in html, f"{url}: the edit form must show its validation error"
        if os.environ.get("ADMIN_ZH_DISCOVER"):
            texts = [text for text in readable_texts(html) if english_runs(text, ALLOWED_RUNS)]
            print(f"\n== {role} {name} {url}\n" + "\n".join(sorted(set(texts))))
        found = english_found(html, phrases)
        if found:
            problems.append(f"{name} ({url}): {found}")
    assert not problems, f"English UI text on {role}'s screens:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_login_page_is_branded_and_chinese(client):
    with translation.override("zh-hans"):
        html = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "四川康养职业技能培训·管理后台" in html
    assert "登录Wagtail" not in html and "Wagtail" not in re.sub(r"<[^>]+>", " ", html).split("</title>")[0]
    assert not english_found(html, forbidden_phrases())


@pytest.mark.django_db
def test_dates_are_shown_and_entered_as_iso_dates(client, admin_user, settings):
    """YYYY-MM-DD in Wagtail's pickers and in Django's formats, whatever the browser's locale."""
    import datetime

    from django.utils import formats

    from competitions.forms import NoticeForm

    with translation.override("zh-hans"):
        assert formats.date_format(datetime.date(2026, 3, 1)) == "2026-03-01"
        assert formats.date_format(datetime.datetime(2026, 3, 1, 9, 5), "DATETIME_FORMAT") == "2026-03-01 09:05"
        form = NoticeForm(initial={"notice_start": datetime.date(2026, 3, 1)})
        html = str(form["notice_start"])
        assert 'value="2026-03-01"' in html and 'type="date"' not in html, html
        assert '"format": "Y-m-d"' in html, "Wagtail's picker writes YYYY-MM-DD"
        bound = NoticeForm({"notice_start": "2099-03-01", "notice_end": "2099-03-07", "objection_contact": "028"})
        assert bound.is_valid(), bound.errors
    assert settings.WAGTAIL_DATE_FORMAT == "%Y-%m-%d"


@pytest.mark.django_db
def test_the_admin_javascript_catalogue_carries_our_translations(admin_client):
    """Strings the editor draws in the browser (“type ‘/’ to insert a block”, autosave) come from /admin/jsi18n/."""
    import json

    with translation.override("zh-hans"):
        script = admin_client.get(reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = script.content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", text, re.S).group(1))
    assert catalogue["Write something or type ‘/’ to insert a block"] == "输入内容，或键入“/”插入区块"
    assert catalogue["Insert a block"] == "插入区块"
    assert catalogue["Changes have been autosaved."] == "修改已自动保存。"
