"""Issue 17's designer journey: write a module with the Markdown toolbar, see the server-rendered preview, choose
two prerequisites by typing part of a code, submit; then import a workbook made from the template with one bad
row and read the sheet, row and column of the problem."""

import io
import time

import pytest
from openpyxl import load_workbook

from .journey_steps import admin_login, page_action, wait_for_editor_ready, wait_for_editor_settled
from .pages import page_model_installed
from .support import DESKTOP, STAFF_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not page_model_installed("curricula.CourseModule"), reason="needs curricula"),
]


def test_designer_writes_a_module_with_the_editor_and_imports_a_workbook(open_session, live_site, tmp_path):
    library = live_site.samples["curricula.ModuleLibrary"]
    code = f"ED-{time.time_ns() % 10**8}"
    designer = open_session(DESKTOP, suffix="designer-editor")
    page = designer.page
    admin_login(designer, "designer", STAFF_PASSWORD)
    designer.goto(f"/admin/pages/add/curricula/coursemodule/{library['id']}/")
    wait_for_editor_ready(designer)
    page.locator("#id_title").fill(f"编辑器测试模块 {code}")
    page.locator("#id_code").fill(code)
    page.locator("#id_theory_hours").fill("1")
    page.locator("#id_practice_hours").fill("1")

    body = page.locator("#id_body")
    body.fill("协助老人起身")
    body.press("Home")
    page.get_by_role("toolbar", name="Markdown 工具栏").get_by_role("button", name="小标题").click()
    body.press("End")
    body.press("Enter")
    body.press("Enter")
    body.press_sequentially("先评估")
    body.press("Shift+Home")
    page.get_by_role("toolbar", name="Markdown 工具栏").get_by_role("button", name="粗体").click()
    assert body.input_value() == "## 协助老人起身\n\n**先评估**"
    preview = page.locator("[data-md-preview]")
    designer.wait_until(
        "(() => { const p = document.querySelector('[data-md-preview]');"
        " return p && p.querySelector('h3') && p.querySelector('strong'); })()",
        "the preview to render the heading and the bold text",
    )
    assert preview.locator("h3").inner_text() == "协助老人起身"
    assert preview.locator("strong").inner_text() == "先评估"
    designer.shot("module body written with the toolbar, preview beside it")

    chooser = page.locator("[data-prerequisite-chooser]")
    search = chooser.get_by_label("按代码或名称查找")
    search.fill("YL-5-0")
    visible = chooser.locator("li:visible")
    assert visible.count() >= 2 and all(text.strip().startswith("YL-5-0") for text in visible.all_inner_texts())
    visible.nth(0).get_by_role("checkbox").check()
    visible.nth(1).get_by_role("checkbox").check()
    search.fill("TY-0")
    assert chooser.locator("li:visible input:checked").count() == 2, "chosen modules stay visible while searching"
    designer.shot("two prerequisites chosen by typing part of a code")
    wait_for_editor_settled(designer)
    page_action(designer, name="action-submit")
    assert page.locator(".messages .success").count(), "submitting the module must be confirmed"
    designer.shot("module submitted to 课程审核")

    # Excel: the template from the import page, one good and one bad module row.
    designer.goto("/admin/curricula/import/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 Excel 模板").click()
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)
    workbook = load_workbook(template)
    workbook["模块"].append([f"{code}-X", "Excel 导入的模块", "", 2, 1, "", "", "", ""])
    workbook["模块"].append([f"{code}-Y", "学时写错的模块", "", "两", 1, "", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(buffer.getvalue())
    page.locator("input[type=file]").set_input_files(str(filled))
    with page.expect_navigation():
        page.get_by_role("button", name="预览（不保存）").click()
    errors = page.locator("#import-errors").locator("xpath=..").inner_text()
    assert "工作表“模块” 第 3 行 D（理论学时） 列" in errors, errors
    designer.shot("workbook with one bad row: sheet, row and column named")
    designer.check()
