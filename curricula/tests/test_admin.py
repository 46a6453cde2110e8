"""The admin, through real HTTP: drafts are always saved, publishing is refused with a clear message."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import GroupPagePermission, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from curricula.choices import OccupationKind
from curricula.models import CourseModule, Occupation, TrainingPackage

from .factories import DATA, level

pytestmark = pytest.mark.django_db


def promote_fields(page):
    return {"slug": page.slug, "seo_title": "", "search_description": "", "share_image": "", "intro": page.intro}


def package_form(package, *, modules, min_hours, action=None, level_number=None):
    rows = list(package.package_modules.all())
    items = []
    for position, module in enumerate(modules):
        item = {"module": module.pk}
        if position < len(rows):
            item["id"] = rows[position].pk
        items.append(item)
    data = {
        "title": package.title,
        **promote_fields(package),
        "code": package.code,
        "level": level(level_number or package.level.number).pk,
        "min_hours": "" if min_hours is None else str(min_hours),
        "summary": package.summary,
        "package_modules": inline_formset(items, initial=len(rows)),
        "assessment": "",
        "supersedes": "",
        "comments": inline_formset([]),
    }
    data = nested_form_data(data)
    if action:
        data[action] = "1"
    return data


def test_package_draft_below_minimum_is_saved_and_publishing_is_refused(admin_client, small_tree):
    package = small_tree["level5"]
    modules = [small_tree["common"], small_tree["feeding"], small_tree["toileting"]]
    url = f"/admin/pages/{package.pk}/edit/"

    response = admin_client.post(url, package_form(package, modules=modules, min_hours=40))
    assert response.status_code == 302, "saving a draft below the minimum is allowed"
    draft = TrainingPackage.objects.get(pk=package.pk).get_latest_revision_as_object()
    assert draft.min_hours == Decimal(40)
    assert TrainingPackage.objects.get(pk=package.pk).min_hours == Decimal(10), "the live page is unchanged"

    revisions = Revision.objects.count()
    response = admin_client.post(url, package_form(package, modules=modules, min_hours=40, action="action-publish"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "课程模块合计 15 学时，低于最低学时 40，不能发布（可以先保存草稿）。" in html
    assert Revision.objects.count() == revisions
    assert TrainingPackage.objects.get(pk=package.pk).min_hours == Decimal(10)

    response = admin_client.post(url, package_form(package, modules=modules, min_hours=15, action="action-publish"))
    assert response.status_code == 302
    live = TrainingPackage.objects.get(pk=package.pk)
    assert live.min_hours == Decimal(15) and not live.has_unpublished_changes


def test_submitting_for_review_below_minimum_is_refused_too(admin_client, small_tree):
    package = small_tree["level5"]
    modules = [small_tree["common"]]
    response = admin_client.post(
        f"/admin/pages/{package.pk}/edit/",
        package_form(package, modules=modules, min_hours=10, action="action-submit"),
    )
    assert response.status_code == 200
    assert "课程模块合计 4 学时，低于最低学时 10" in response.content.decode()


def test_package_created_in_the_admin_keeps_module_order(admin_client, small_tree):
    occupation = small_tree["occupation"]
    new = TrainingPackage(title="四级提升包", slug="tisheng", code="PKG-4X", level=level(4))
    order = [small_tree["toileting"], small_tree["common"], small_tree["feeding"]]
    response = admin_client.post(
        f"/admin/pages/add/curricula/trainingpackage/{occupation.pk}/",
        package_form(new, modules=order, min_hours=15, action="action-publish"),
    )
    assert response.status_code == 302
    created = TrainingPackage.objects.get(code="PKG-4X")
    assert created.live and created.get_parent().pk == occupation.pk
    assert created.module_codes == ["YL-5-02", "TY-01", "YL-5-01"]


def test_package_form_refuses_duplicates_and_levels_the_occupation_lacks(admin_client, small_tree):
    occupation = small_tree["occupation"]
    new = TrainingPackage(title="一级包", slug="yiji", code="PKG-1", level=level(1))
    twice = [small_tree["common"], small_tree["common"]]
    response = admin_client.post(
        f"/admin/pages/add/curricula/trainingpackage/{occupation.pk}/",
        package_form(new, modules=twice, min_hours=None, level_number=1),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "同一课程模块在培训包中出现了多次：TY-01" in html
    assert "不开设“一级/高级技师”" in html
    assert not TrainingPackage.objects.filter(code="PKG-1").exists()


def occupation_form(page, *, levels, kind):
    data = nested_form_data(
        {
            "title": page.title,
            **promote_fields(page),
            "code": page.code or "",
            "kind": kind,
            "alias_names": "",
            "standard_title": "",
            "standard_year": "",
            "summary": "",
            "comments": inline_formset([]),
        }
    )
    data["levels"] = [level(number).pk for number in levels]
    return data


def test_special_ability_with_two_levels_is_refused_in_the_admin(admin_client, index):
    page = Occupation(title="小儿推拿", slug="xiaoertuina")
    url = f"/admin/pages/add/curricula/occupation/{index.pk}/"
    response = admin_client.post(url, occupation_form(page, levels=(5, 4), kind=OccupationKind.SPECIAL_ABILITY))
    assert response.status_code == 200
    assert "专项职业能力只有一个考核等级：请只选择一个等级（当前选择了 2 个）。" in response.content.decode()
    response = admin_client.post(
        url, {**occupation_form(page, levels=(5,), kind=OccupationKind.SPECIAL_ABILITY), "action-publish": "1"}
    )
    assert response.status_code == 302
    assert Occupation.objects.get(slug="xiaoertuina").level_numbers == [5]


def module_form(module, *, prerequisites, theory="2"):
    data = nested_form_data(
        {
            "title": module.title,
            **promote_fields(module),
            "code": module.code,
            "owner_occupation": module.owner_occupation_id or "",
            "theory_hours": theory,
            "practice_hours": str(module.practice_hours),
            "outcomes": module.outcomes,
            "body": module.body,
            "materials": streamfield([]),
            "tags": "",
            "comments": inline_formset([]),
        }
    )
    data["prerequisites"] = [m.pk for m in prerequisites]
    return data


def test_prerequisite_cycle_and_negative_hours_are_refused_in_the_admin(admin_client, small_tree):
    common = small_tree["common"]
    url = f"/admin/pages/{common.pk}/edit/"
    response = admin_client.post(url, module_form(common, prerequisites=[small_tree["feeding"]]))
    assert response.status_code == 200
    assert "先修模块形成循环：TY-01 → YL-5-01 → TY-01" in response.content.decode()
    response = admin_client.post(url, module_form(common, prerequisites=[], theory="-1"))
    assert response.status_code == 200
    assert "学时不能为负数。" in response.content.decode()
    assert CourseModule.objects.get(pk=common.pk).prerequisite_codes == []


def test_module_edited_in_the_admin_changes_every_package(admin_client, client, small_tree):
    common = small_tree["common"]
    data = {**module_form(common, prerequisites=[], theory="7"), "action-publish": "1"}
    assert admin_client.post(f"/admin/pages/{common.pk}/edit/", data).status_code == 302
    for package in (small_tree["level5"], small_tree["level4"]):
        html = client.get(package.url).content.decode()
        assert '<td class="num">7</td>' in html
    assert "18 学时" in client.get(small_tree["level5"].url).content.decode()


# -- import / export in the admin


def upload(name="sample.json", content=None):
    content = content if content is not None else (DATA / name).read_bytes()
    return SimpleUploadedFile(name, content, content_type="application/json")


def test_admin_import_preview_then_import(admin_client, index):
    assert "导入并发布" in admin_client.get("/admin/curricula/import/").content.decode()
    response = admin_client.post("/admin/curricula/import/", {"file": upload(), "action": "preview"})
    html = response.content.decode()
    assert "预览（未保存）" in html and "YL-5-01" in html
    assert not Occupation.objects.exists()
    response = admin_client.post("/admin/curricula/import/", {"file": upload(), "action": "import"})
    assert "导入完成" in response.content.decode()
    assert Occupation.objects.count() == 2 and TrainingPackage.objects.count() == 2
    again = admin_client.post("/admin/curricula/import/", {"file": upload(), "action": "preview"})
    assert "没有需要改动的地方" in again.content.decode()


def test_admin_import_lists_every_error(admin_client, index):
    broken = (DATA / "sample.json").read_text(encoding="utf-8")
    broken = broken.replace('"prerequisites": ["YL-5-01"]', '"prerequisites": ["X"]')
    broken = broken.replace('"theory_hours": 3,', '"theory_hours": -3,')
    broken = broken.replace('"level": 5, "min_hours": null', '"level": 7, "min_hours": null')
    response = admin_client.post(
        "/admin/curricula/import/", {"file": upload(content=broken.encode()), "action": "import"}
    )
    html = response.content.decode()
    assert "发现 3 个问题，未保存任何内容" in html
    assert "modules[2].prerequisites[0]" in html and "modules[3].theory_hours" in html
    assert "packages[1].level" in html
    assert not Occupation.objects.exists()


def test_admin_export_downloads_the_import_format(admin_client, index):
    admin_client.post("/admin/curricula/import/", {"file": upload(), "action": "import"})
    response = admin_client.get("/admin/curricula/export/")
    assert response.status_code == 200
    data = response.json()
    assert [o["name"] for o in data["occupations"]] == ["养老护理员", "病患陪护"]


def refused(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and an error message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def editor(django_user_model, index, permissions):
    user = django_user_model.objects.create_user("editor", "e@example.com", "pw-for-tests-only")
    group = Group.objects.create(name="课程编辑")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission in permissions:
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename=f"{permission}_page")
        )
    user.groups.add(group)
    return user


def test_only_curricula_authors_may_import(client, django_user_model, index):
    user = editor(django_user_model, index, [])
    client.force_login(user)
    assert refused(client.get("/admin/curricula/import/"))
    assert refused(client.get("/admin/curricula/export/"))
    assert refused(client.post("/admin/curricula/import/", {"file": upload(), "action": "preview"}))


def test_authors_without_publish_permission_may_only_preview(client, django_user_model, index):
    client.force_login(editor(django_user_model, index, ["add", "change"]))
    page = client.get("/admin/curricula/import/").content.decode()
    assert "只能预览" in page and "导入并发布" not in page
    assert "预览（未保存）" in client.post("/admin/curricula/import/", {"file": upload()}).content.decode()
    assert refused(client.post("/admin/curricula/import/", {"file": upload(), "action": "import"}))
    assert not Occupation.objects.exists()


def test_reference_data_and_listings_in_the_admin(admin_client, small_tree):
    levels = admin_client.get("/admin/snippets/curricula/skilllevel/?number=4")
    assert levels.status_code == 200
    html = levels.content.decode()
    assert "四级/中级工" in html and "一级/高级技师" not in html
    modules = admin_client.get("/admin/course_modules/")
    assert modules.status_code == 200 and "YL-5-01" in modules.content.decode()
    filtered = admin_client.get(f"/admin/course_modules/?owner_occupation={small_tree['occupation'].pk}")
    assert "YL-5-01" in filtered.content.decode() and "职业道德" not in filtered.content.decode()
    assert admin_client.get("/admin/training_packages/?level=4").status_code == 200


def test_editors_forms_render_for_every_page_type(admin_client, small_tree, index):
    library = small_tree["common"].get_parent()
    for url in (
        f"/admin/pages/add/curricula/occupation/{index.pk}/",
        f"/admin/pages/add/curricula/trainingpackage/{small_tree['occupation'].pk}/",
        f"/admin/pages/add/curricula/coursemodule/{library.pk}/",
        f"/admin/pages/{small_tree['occupation'].pk}/edit/",
        f"/admin/pages/{small_tree['level5'].pk}/edit/",
        f"/admin/pages/{small_tree['feeding'].pk}/edit/",
        f"/admin/pages/{library.pk}/edit/",
        f"/admin/pages/{index.pk}/edit/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_previews_show_unsaved_changes(admin_client, small_tree):
    package = small_tree["level5"]
    url = f"/admin/pages/{package.pk}/edit/preview/"
    data = package_form(package, modules=[small_tree["feeding"]], min_hours=None)
    data["title"] = "预览中的培训包"
    assert admin_client.post(url, data).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "预览中的培训包" in html and "YL-5-01" in html and "TY-01" not in html

    module = small_tree["feeding"]
    url = f"/admin/pages/{module.pk}/edit/preview/"
    data = module_form(module, prerequisites=[], theory="9")
    assert admin_client.post(url, data).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "<dt>理论学时</dt><dd>9</dd>" in html and "先修模块" not in html
    assert "培训包 PKG-5" in html

    occupation = small_tree["occupation"]
    new = TrainingPackage(title="新建预览", slug="xinjian", code="PKG-NEW", level=level(5))
    url = f"/admin/pages/add/curricula/trainingpackage/{occupation.pk}/preview/"
    assert admin_client.post(url, package_form(new, modules=[small_tree["common"]], min_hours=None)).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "新建预览" in html and "TY-01" in html and "养老护理员" in html


def test_editing_a_package_to_a_level_its_occupation_lacks_is_refused_once(admin_client, small_tree):
    package = small_tree["level4"]
    modules = [small_tree["common"], small_tree["toileting"]]
    data = package_form(package, modules=modules, min_hours=None, level_number=2)
    response = admin_client.post(f"/admin/pages/{package.pk}/edit/", data)
    assert response.status_code == 200
    assert response.content.decode().count("不开设“二级/技师”") == 1
    assert TrainingPackage.objects.get(pk=package.pk).get_latest_revision_as_object().level.number == 4
