"""Announcement lifecycle (公示 → 正式公布, four-eyes), masking, and the admin import / announcement views."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry

from competitions.announcements import AnnouncementError, confirm_final, publish_notice
from competitions.choices import AnnouncementState

from .factories import announce_final, csv_bytes, import_ok, sample_rows

TODAY = datetime.date.today()


def assert_denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def notice_post(client, event, **overrides):
    data = {
        "action": "notice",
        "notice_start": TODAY.isoformat(),
        "notice_end": (TODAY + datetime.timedelta(days=6)).isoformat(),
        "objection_contact": "省竞赛组委会办公室 028-12345678",
        **overrides,
    }
    return client.post(reverse("competitions_admin:announcement", args=[event.pk]), data, follow=True)


@pytest.mark.django_db
def test_four_eyes_final_needs_another_user(client, event, admin_user, other_admin):
    import_ok(event)
    client.force_login(admin_user)
    response = notice_post(client, event)
    assert "成绩已进入公示期" in response.content.decode()
    announcement = event.get_announcement()
    event.refresh_from_db()
    announcement = type(announcement).objects.get(event=event)
    assert announcement.state == AnnouncementState.NOTICE
    assert announcement.notice_published_by == admin_user

    url = reverse("competitions_admin:announcement", args=[event.pk])
    response = client.post(url, {"action": "final"}, follow=True)
    html = response.content.decode()
    assert "正式公布须由另一位编辑确认" in html
    announcement.refresh_from_db()
    assert announcement.state == AnnouncementState.NOTICE

    client.force_login(other_admin)
    response = client.post(url, {"action": "final"}, follow=True)
    assert "成绩已正式公布。" in response.content.decode()
    announcement.refresh_from_db()
    assert announcement.state == AnnouncementState.FINAL
    assert announcement.final_confirmed_by == other_admin
    actions = list(PageLogEntry.objects.filter(page=event).values_list("action", flat=True))
    assert {"competitions.results_notice", "competitions.results_final"} <= set(actions)


@pytest.mark.django_db
def test_service_refuses_same_user_and_wrong_state(event, admin_user):
    import_ok(event)
    with pytest.raises(AnnouncementError, match="只有处于公示期"):
        confirm_final(event, admin_user)
    publish_notice(event, admin_user, TODAY, TODAY, "028-1234")
    with pytest.raises(AnnouncementError, match="另一位编辑"):
        confirm_final(event, admin_user)


@pytest.mark.django_db
def test_notice_needs_results_and_a_valid_period(client, event, admin_user):
    client.force_login(admin_user)
    with pytest.raises(AnnouncementError, match="请先导入成绩"):
        publish_notice(event, admin_user, TODAY, TODAY, "028-1234")
    import_ok(event)
    response = notice_post(client, event, notice_end=(TODAY - datetime.timedelta(days=1)).isoformat())
    assert "公示结束日期不能早于开始日期" in response.content.decode()
    assert event.get_announcement().state == AnnouncementState.NONE


@pytest.mark.django_db
def test_event_page_shows_each_state_and_masks_only_after_final(client, event, admin_user, other_admin):
    event.mask_names_when_final = True
    event.save_revision().publish()
    import_ok(event, [[1, "张小华", "示例单位", "成都", 90, "一等奖", "", ""]])
    publish_notice(event, admin_user, TODAY, TODAY + datetime.timedelta(days=6), "028-1234")
    html = client.get(event.url).content.decode()
    assert "成绩公示中" in html and "张小华" in html
    confirm_final(event, other_admin)
    html = client.get(event.url).content.decode()
    assert "成绩已正式公布" in html
    assert "张*华" in html and "张小华" not in html
    csv_text = client.get(event.url + "results/csv/").content.decode("utf-8-sig")
    assert "张*华" in csv_text and "张小华" not in csv_text
    assert "张*华" in event.extra_search_documents()[0]["title"]


@pytest.mark.django_db
def test_withdraw_hides_results_again(client, event, admin_user, other_admin):
    announce_final(event, admin_user, other_admin)
    client.force_login(admin_user)
    client.post(reverse("competitions_admin:announcement", args=[event.pk]), {"action": "withdraw"})
    event.refresh_from_db()
    assert event.get_announcement().state == AnnouncementState.NONE
    assert "选手001" not in client.get(event.url).content.decode()


@pytest.mark.django_db
def test_admin_upload_preview_then_confirm(client, event, admin_user):
    import_ok(event, sample_rows(2))
    client.force_login(admin_user)
    url = reverse("competitions_admin:import_results", args=[event.pk])
    assert "上传成绩文件" in client.get(url).content.decode()
    upload = ("成绩.csv", csv_bytes(sample_rows(6), encoding="gb18030"))
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url, {"file": SimpleUploadedFile(*upload, content_type="text/csv")})
    html = response.content.decode()
    assert "预览前 6 行（共 6 行）" in html
    assert "选手006" in html
    assert "现有的 2 行成绩将被这 6 行整体替换" in html
    assert event.results.count() == 2, "the preview saves nothing"
    token = response.context["token"]
    response = client.post(url, {"token": token})
    assert response.status_code == 302
    assert event.results.count() == 6
    history = client.get(reverse("wagtailadmin_pages:history", args=[event.pk])).content.decode()
    assert "导入成绩 6 行" in history


@pytest.mark.django_db
def test_admin_upload_reports_every_error_and_saves_nothing(client, event, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    rows = [[1, "", "", "", "", "", "", ""], [2, "王五", "110101199003074514", "", "", "", "", ""]]
    response = client.post(
        reverse("competitions_admin:import_results", args=[event.pk]),
        {"file": SimpleUploadedFile("bad.csv", csv_bytes(rows), content_type="text/csv")},
    )
    html = response.content.decode()
    assert "发现 2 个问题，未导入任何数据" in html
    assert "第 2 行 B（姓名） 列" in html and "第 3 行 C（单位） 列" in html
    assert "token" not in response.context or not response.context["token"]
    assert not event.results.exists()


@pytest.mark.django_db
def test_preview_token_is_bound_to_user_and_event(client, event, admin_user, other_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    url = reverse("competitions_admin:import_results", args=[event.pk])
    response = client.post(url, {"file": SimpleUploadedFile("r.csv", csv_bytes(sample_rows()), "text/csv")})
    token = response.context["token"]
    client.force_login(other_admin)
    assert_denied(client.post(url, {"token": token}))
    assert_denied(client.post(url, {"token": "forged"}))
    assert not event.results.exists()


@pytest.mark.django_db
def test_only_editors_of_the_event_may_import(client, event, django_user_model):
    moderators = Group.objects.create(name="竞赛浏览")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    viewer = django_user_model.objects.create_user("viewer", "viewer@example.com", "pw")
    viewer.groups.add(moderators)
    client.force_login(viewer)
    assert_denied(client.get(reverse("competitions_admin:import_results", args=[event.pk])))
    assert_denied(client.get(reverse("competitions_admin:announcement", args=[event.pk])))
    GroupPagePermission.objects.create(group=moderators, page=event, permission_type="change")
    assert client.get(reverse("competitions_admin:import_results", args=[event.pk])).status_code == 200
    assert_denied(client.get(reverse("competitions_admin:announcement", args=[event.pk])))
    GroupPagePermission.objects.create(group=moderators, page=event, permission_type="publish")
    assert client.get(reverse("competitions_admin:announcement", args=[event.pk])).status_code == 200


@pytest.mark.django_db
def test_edit_page_offers_import_and_announcement_buttons(client, event, series, admin_user):
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert reverse("competitions_admin:import_results", args=[event.pk]) in html
    assert reverse("competitions_admin:announcement", args=[event.pk]) in html
    series_html = client.get(reverse("wagtailadmin_pages:edit", args=[series.pk])).content.decode()
    assert "/admin/competitions/events/" not in series_html
