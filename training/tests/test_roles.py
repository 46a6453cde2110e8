"""培训管理 edits providers, classes and subsidy rules and nothing else; 课程设计 cannot touch them; 站点管理 can.
Proved with real POSTs to the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.accounts import roles
from training.models import Provider

from .factories import credit_code, make_provider, provider_row, workbook

pytestmark = pytest.mark.django_db


def provider_form(number, name):
    return {
        "name": name,
        "kind": "training_institution",
        "base_level": "",
        "city": "成都",
        "district": "武侯区",
        "address": "成都示例路 1 号",
        "phones": "028-0000 0001",
        "website": "",
        "credit_code": credit_code(number),
        "listed_from": "2024-01-01",
        "listed_to": "",
        "intro": "",
        "approvals-TOTAL_FORMS": "0",
        "approvals-INITIAL_FORMS": "0",
        "approvals-MIN_NUM_FORMS": "0",
        "approvals-MAX_NUM_FORMS": "1000",
    }


def refused(response):
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)


ADD = "wagtailsnippets_training_provider:add"
EDIT = "wagtailsnippets_training_provider:edit"


def test_a_training_manager_adds_and_edits_providers(role_client, sections):
    trainer = role_client(roles.TRAINING_MANAGER)
    response = trainer.post(reverse(ADD), provider_form(1, "新机构"))
    assert response.status_code == 302, response.content.decode()[:2000]
    provider = Provider.objects.get(credit_code=credit_code(1))
    response = trainer.post(reverse(EDIT, args=[provider.pk]), provider_form(1, "改名后的机构"))
    assert response.status_code == 302
    assert Provider.objects.get(pk=provider.pk).name == "改名后的机构"


def test_a_wrong_check_character_is_refused_naming_the_field(role_client, sections):
    trainer = role_client(roles.TRAINING_MANAGER)
    data = provider_form(1, "新机构")
    data["credit_code"] = data["credit_code"][:17] + ("0" if data["credit_code"][17] != "0" else "1")
    response = trainer.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "校验位" in response.content.decode()
    assert not Provider.objects.exists()


def test_a_training_manager_cannot_edit_curricula_pages(role_client, sections, curricula):
    trainer = role_client(roles.TRAINING_MANAGER)
    occupation = curricula["elder"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[occupation.pk])
    assert refused(trainer.get(edit_url))
    assert refused(trainer.post(edit_url, {"title": "被篡改", "slug": occupation.slug}))
    add_url = reverse("wagtailadmin_pages:add", args=["curricula", "occupation", sections["curricula"].pk])
    assert refused(trainer.post(add_url, {"title": "新职业", "slug": "new"}))
    assert Page.objects.get(pk=occupation.pk).title == "养老护理员"
    assert not Page.objects.filter(slug="new").exists()


def test_a_course_designer_cannot_add_or_edit_providers(role_client, sections):
    provider = make_provider(1)
    designer = role_client(roles.DESIGNER)
    assert refused(designer.get(reverse(ADD)))
    assert refused(designer.post(reverse(ADD), provider_form(2, "设计员建的机构")))
    assert refused(designer.post(reverse(EDIT, args=[provider.pk]), provider_form(1, "被篡改")))
    assert refused(designer.post(reverse("training_import"), {"action": "import"}))
    assert Provider.objects.get(pk=provider.pk).name == provider.name
    assert not Provider.objects.filter(credit_code=credit_code(2)).exists()


def test_the_site_admin_edits_providers_too(role_client, sections):
    provider = make_provider(1)
    admin = role_client(roles.SITE_ADMIN)
    assert admin.post(reverse(EDIT, args=[provider.pk]), provider_form(1, "站点管理改的")).status_code == 302
    assert Provider.objects.get(pk=provider.pk).name == "站点管理改的"


def test_the_admin_upload_previews_then_imports(role_client, sections, curricula):
    from django.core.files.uploadedfile import SimpleUploadedFile

    trainer = role_client(roles.TRAINING_MANAGER)
    data = workbook(providers=[provider_row(7, code=credit_code(7))])

    def upload(action):
        file = SimpleUploadedFile("t.xlsx", data, "application/octet-stream")
        return trainer.post(reverse("training_import"), {"file": file, "action": action})

    preview = upload("preview")
    assert preview.status_code == 200 and "预览" in preview.content.decode()
    assert not Provider.objects.exists()
    done = upload("import")
    assert "导入完成" in done.content.decode()
    assert Provider.objects.filter(credit_code=credit_code(7)).exists()
    template = trainer.get(reverse("training_template"))
    assert template.status_code == 200 and template.content[:2] == b"PK"


def test_the_admin_listings_forms_and_exports_open_for_a_training_manager(role_client, sections, curricula):
    from .factories import make_class, make_rule

    provider = make_provider(1, approvals=[(curricula["elder"], 5)])
    item = make_class(provider, curricula["elder"])
    rule = make_rule("1000", occupation=curricula["elder"], level=5)
    trainer = role_client(roles.TRAINING_MANAGER)
    for model, pk in (("provider", provider.pk), ("trainingclass", item.pk), ("subsidyrule", rule.pk)):
        for view, args in (("list", []), ("add", []), ("edit", [pk])):
            response = trainer.get(reverse(f"wagtailsnippets_training_{model}:{view}", args=args))
            assert response.status_code == 200, (model, view)
    for fmt in ("xlsx", "providers", "classes", "rules"):
        response = trainer.get(reverse("training_export", args=[fmt]))
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"], fmt
    assert trainer.get(reverse("training_export", args=["nope"])).status_code == 404
