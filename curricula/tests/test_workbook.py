"""Excel import: sheets 职业 / 模块 / 培训包 through the same importer; problems named by sheet, row and column."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from curricula.importer import ImportFailed
from curricula.models import CourseModule, TrainingPackage
from curricula.upload import import_upload
from curricula.workbook import template_workbook

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filled_template(modules, packages=(), occupations=()):
    workbook = load_workbook(io.BytesIO(template_workbook()))
    for name, rows in (("职业", occupations), ("模块", modules), ("培训包", packages)):
        for row in rows:
            workbook[name].append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


OCCUPATION = ("4-10-01-05", "养老护理员", "职业", "", "是", "否", "5、4")
GOOD_MODULES = [
    ("YL-5-01", "协助进食", "4-10-01-05", 2, 4, "能协助老年人进食\n能识别噎食", "## 步骤", "生活照护", ""),
    ("YL-5-02", "协助如厕", "4-10-01-05", 2, 3, "", "", "", "YL-5-01"),
]
PACKAGE = ("PKG-5", "养老护理员五级", "4-10-01-05", 5, 10, "YL-5-01、YL-5-02", "", "理论+实操", "")


def test_template_has_the_three_sheets_and_imports_as_nothing(index):
    workbook = load_workbook(io.BytesIO(template_workbook()))
    assert workbook.sheetnames[:3] == ["职业", "模块", "培训包"]
    assert [cell.value for cell in workbook["模块"][1]][:2] == ["模块代码", "名称"]
    report = import_upload(template_workbook())
    assert not report.changed


def test_a_filled_template_imports_like_json(index):
    report = import_upload(filled_template(GOOD_MODULES, [PACKAGE], [OCCUPATION]))
    assert len(report.changed) == 4
    feeding = CourseModule.objects.get(code="YL-5-01")
    assert feeding.outcome_list == ["能协助老年人进食", "能识别噎食"] and feeding.tag_names == ["生活照护"]
    assert CourseModule.objects.get(code="YL-5-02").prerequisite_codes == ["YL-5-01"]
    package = TrainingPackage.objects.get(code="PKG-5")
    assert package.module_codes == ["YL-5-01", "YL-5-02"] and package.live


def test_one_bad_row_is_named_by_sheet_row_and_column_and_nothing_is_saved(index):
    bad = ("YL-5-03", "协助洗浴", "4-10-01-05", "两", 2, "", "", "", "YL-9-99")
    raw = filled_template([*GOOD_MODULES, bad], [PACKAGE], [OCCUPATION])
    with pytest.raises(ImportFailed) as caught:
        import_upload(raw)
    errors = caught.value.errors
    assert any(error.startswith("工作表“模块” 第 4 行 D（理论学时） 列：") for error in errors), errors
    assert any(error.startswith("工作表“模块” 第 4 行 I（先修模块） 列：") and "YL-9-99" in error for error in errors)
    assert not CourseModule.objects.exists() and not TrainingPackage.objects.exists()


def test_unreadable_cells_are_named_too(index):
    raw = filled_template([], [], [("4-10-01-05", "养老护理员", "职业", "", "也许", "否", "5")])
    with pytest.raises(ImportFailed) as caught:
        import_upload(raw)
    assert caught.value.errors == ["工作表“职业” 第 2 行 E（急需紧缺） 列：应为“是”或“否”，而不是“也许”"]


def test_admin_offers_the_template_and_imports_a_workbook(admin_client, index):
    response = admin_client.get(reverse("curricula_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    page = admin_client.get(reverse("curricula_import")).content.decode()
    assert reverse("curricula_template") in page
    bad = ("YL-5-03", "协助洗浴", "4-10-01-05", "两", 2, "", "", "", "")
    upload = SimpleUploadedFile("课程.xlsx", filled_template([*GOOD_MODULES, bad], [], [OCCUPATION]), XLSX)
    html = admin_client.post(reverse("curricula_import"), {"file": upload, "action": "import"}).content.decode()
    assert "工作表“模块” 第 4 行 D（理论学时） 列" in html
    assert not CourseModule.objects.exists()
