"""`load_demo` is idempotent: a second run leaves every table with the same rows."""

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page, Site


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models() if model._meta.managed}


@pytest.mark.django_db
def test_load_demo_twice_changes_no_row_count(demo_content):
    first = row_counts()  # after the first run: the demo_content fixture's
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    second = row_counts()
    changed = {label: (first[label], second[label]) for label in first if first[label] != second[label]}
    assert changed == {}


@pytest.mark.django_db
def test_load_demo_builds_home_and_sections_and_prints_login(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert type(home).__name__ == "HomePage"
    titles = list(home.get_children().live().in_menu().values_list("title", flat=True))
    assert titles == ["课程中心", "技能竞赛", "政策解读与宣传", "培训机构与开班", "培训进度", "搜索"]
    assert "admin login: admin" in out
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists(), "the Welcome page is replaced"
