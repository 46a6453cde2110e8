"""Results work for organisers: no early 正式公布 (except 站点管理 with a reason), the 成绩公布 overview, the
visible header buttons, and people shown by their full names."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.accounts.roles import ORGANISER, SITE_ADMIN
from competitions.announcements import AnnouncementError, confirm_final, publish_notice
from competitions.choices import AnnouncementState

from .factories import import_ok

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def organisers(role_user):
    return (
        role_user("organiser1", ORGANISER, last_name="王", first_name="晓梅"),
        role_user("organiser2", ORGANISER, last_name="李", first_name="建国"),
        role_user("siteadmin", SITE_ADMIN, last_name="张", first_name="丽"),
    )


@pytest.mark.django_db
def test_early_final_is_refused_except_for_site_admin_with_a_reason(client, event, organisers):
    first, second, site_admin = organisers
    import_ok(event)
    publish_notice(event, first, TODAY, TODAY + 6 * DAY, "028-1234")
    url = reverse("competitions_admin:announcement", args=[event.pk])

    client.force_login(second)
    page = client.get(url).content.decode()
    assert "结束后才能确认正式公布" in page and 'value="final"' not in page, "no confirm button before the end"
    with pytest.raises(AnnouncementError, match="结束前不能正式公布"):
        confirm_final(event, second)
    html = client.post(url, {"action": "final"}, follow=True).content.decode()
    assert "结束前不能正式公布" in html
    assert event.get_announcement().state == AnnouncementState.NOTICE

    client.force_login(site_admin)
    assert 'name="early_reason"' in client.get(url).content.decode()
    html = client.post(url, {"action": "final", "early_reason": "  "}, follow=True).content.decode()
    assert "须填写理由" in html
    reason = "表彰大会提前至本周五举行，经组委会同意提前公布。"
    html = client.post(url, {"action": "final", "early_reason": reason}, follow=True).content.decode()
    assert "成绩已正式公布。" in html
    announcement = type(event.get_announcement()).objects.get(event=event)
    assert announcement.state == AnnouncementState.FINAL and announcement.early_reason == reason
    entry = PageLogEntry.objects.filter(page=event, action="competitions.results_final").get()
    assert entry.data["early_reason"] == reason and entry.user == site_admin
    history = client.get(reverse("wagtailadmin_pages:history", args=[event.pk])).content.decode()
    assert reason in history

    public = client.get(event.url).content.decode()
    assert "提前公布说明" in public and reason in public


@pytest.mark.django_db
def test_after_the_notice_period_another_organiser_confirms_and_names_are_full_names(client, event, organisers):
    first, second, _site_admin = organisers
    import_ok(event)
    publish_notice(event, first, TODAY - 8 * DAY, TODAY - DAY, "028-1234")
    confirm_final(event, second)
    announcement = type(event.get_announcement()).objects.get(event=event)
    assert announcement.state == AnnouncementState.FINAL and announcement.early_reason == ""
    client.force_login(first)
    html = client.get(reverse("competitions_admin:announcement", args=[event.pk])).content.decode()
    assert "王晓梅" in html and "李建国" in html and "organiser2" not in html
    assert "在网站上查看" in html and event.url in html
    public = client.get(event.url).content.decode()
    assert "提前公布说明" not in public


@pytest.mark.django_db
def test_notice_button_says_update_once_a_notice_exists(client, event, organisers):
    first, *_rest = organisers
    import_ok(event)
    client.force_login(first)
    url = reverse("competitions_admin:announcement", args=[event.pk])
    assert ">发布公示<" in client.get(url).content.decode()
    publish_notice(event, first, TODAY, TODAY + 6 * DAY, "028-1234")
    html = client.get(url).content.decode()
    assert ">更新公示<" in html and ">发布公示<" not in html


@pytest.mark.django_db
def test_overview_groups_events_by_results_state_with_counts_and_next_action(client, series, event, organisers):
    from .factories import make_event

    first, second, site_admin = organisers
    waiting = make_event(series, slug="waiting", start_date=TODAY - 30 * DAY)
    make_event(series, slug="future", start_date=TODAY + 30 * DAY)
    noticed = make_event(series, slug="noticed", start_date=TODAY - 20 * DAY)
    expired = make_event(series, slug="expired", start_date=TODAY - 40 * DAY)
    import_ok(event)  # imported, waiting for 公示
    for target, start, end in ((noticed, TODAY, TODAY + 6 * DAY), (expired, TODAY - 9 * DAY, TODAY - 2 * DAY)):
        import_ok(target)
        publish_notice(target, first, start, end, "028-1234")
    url = reverse("competitions_admin:results_overview")
    client.force_login(second)
    html = client.get(url).content.decode()
    for label, count in (("待导入", 1), ("待公示", 1), ("公示中", 1), ("公示期满待确认", 1), ("已正式公布", 0)):
        assert f"{label}（{count}）" in html, label
    assert "future" not in html, "an event that has not begun is not waiting for results"
    assert reverse("competitions_admin:import_results", args=[waiting.pk]) in html
    assert reverse("competitions_admin:announcement", args=[expired.pk]) in html
    assert "王晓梅" in html

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url in dashboard, "the sidebar has 成绩公布 for 竞赛组织"
    client.force_login(site_admin)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_overview_is_only_for_organisers_and_site_admins(client, event, role_user):
    from cms.accounts.roles import PUBLICITY

    publicity = role_user("publicity", PUBLICITY)
    client.force_login(publicity)
    url = reverse("competitions_admin:results_overview")
    assert client.get(url).status_code == 302
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_import_and_notice_are_visible_header_buttons(client, event, organisers):
    import re

    client.force_login(organisers[0])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    for target in ("import_results", "announcement"):
        href = reverse(f"competitions_admin:{target}", args=[event.pk])
        match = re.search(rf'<a[^>]*href="{re.escape(href)}"[^>]*>', html)
        assert match and "w-header-button" in match.group(0), f"{target} must be a header button, not a menu item"


@pytest.mark.django_db
def test_a_notice_cannot_be_set_to_have_ended_already(client, event, organisers):
    first, second, _site_admin = organisers
    import_ok(event)
    publish_notice(event, first, TODAY, TODAY + 6 * DAY, "028-1234")
    client.force_login(second)
    url = reverse("competitions_admin:announcement", args=[event.pk])
    data = {
        "action": "notice",
        "notice_start": (TODAY - 9 * DAY).isoformat(),
        "notice_end": (TODAY - DAY).isoformat(),
        "objection_contact": "028-1234",
    }
    html = client.post(url, data, follow=True).content.decode()
    assert "公示结束日期不能早于今天" in html
    announcement = type(event.get_announcement()).objects.get(event=event)
    assert announcement.notice_end == TODAY + 6 * DAY and announcement.notice_published_by == first
