"""Who may edit progress figures: 培训管理 and 站点管理 (through setup_roles), nobody else; the import view."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.accounts.roles import DESIGNER, SITE_ADMIN, TRAINING_MANAGER, setup_roles
from progress.models import ProgressFigure

from .factories import HEADER, make_figure, make_measure, xlsx_bytes


def member(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username, password="pw-for-tests-only")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def roles(sections):
    setup_roles(log=lambda message: None)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [TRAINING_MANAGER, SITE_ADMIN])
def test_training_and_site_admins_edit_and_import_figures(client, django_user_model, roles, role):
    measure = make_measure("养老护理员")
    figure = make_figure(measure, "成都", datetime.date(2024, 1, 1), 10)
    client.force_login(member(django_user_model, "editor", role))
    edit_url = reverse("wagtailsnippets_progress_progressfigure:edit", args=[figure.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(
        edit_url,
        {"measure": measure.pk, "city": "成都", "month": "2024-01-01", "trained": 25, "certified": 3, "subsidy": "0"},
    )
    assert response.status_code == 302
    assert ProgressFigure.objects.get(pk=figure.pk).trained == 25

    upload = xlsx_bytes([HEADER, ["2024-02", "自贡", "养老护理员", 5, 1, 50]])
    response = client.post(reverse("progress_import"), {"file": SimpleUploadedFile("feb.xlsx", upload), "dry_run": ""})
    assert response.status_code == 200
    assert ProgressFigure.objects.filter(city="自贡", trained=5).exists()


@pytest.mark.django_db
def test_other_roles_cannot_touch_figures(client, django_user_model, roles):
    figure = make_figure(make_measure("养老护理员"), "成都", datetime.date(2024, 1, 1), 10)
    client.force_login(member(django_user_model, "designer", DESIGNER))
    assert client.get(reverse("progress_import")).status_code in (302, 403)  # Wagtail redirects a denial
    upload = SimpleUploadedFile("feb.xlsx", xlsx_bytes([HEADER, ["2024-02", "自贡", "养老护理员", 5, 1, 50]]))
    client.post(reverse("progress_import"), {"file": upload, "dry_run": ""})
    assert not ProgressFigure.objects.filter(city="自贡").exists()
    edit_url = reverse("wagtailsnippets_progress_progressfigure:edit", args=[figure.pk])
    assert client.get(edit_url).status_code in (302, 403)


@pytest.mark.django_db
def test_import_view_dry_run_reports_errors_and_saves_nothing(admin_client):
    make_measure("养老护理员")
    upload = xlsx_bytes(
        [HEADER, ["2024-02", "北京", "养老护理员", 5, 1, 50], ["2024-02", "自贡", "养老护理员", 5, 1, 50]]
    )
    response = admin_client.post(
        reverse("progress_import"), {"file": SimpleUploadedFile("x.xlsx", upload), "dry_run": ""}
    )
    html = response.content.decode()
    assert "北京" in html and "未导入任何数据" in html
    assert not ProgressFigure.objects.exists()
    upload = xlsx_bytes([HEADER, ["2024-02", "自贡", "养老护理员", 5, 1, 50]])
    response = admin_client.post(
        reverse("progress_import"), {"file": SimpleUploadedFile("x.xlsx", upload), "dry_run": "on"}
    )
    assert "检查通过" in response.content.decode()
    assert not ProgressFigure.objects.exists()
