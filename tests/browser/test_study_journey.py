"""Issue 17's trainee journey on a phone: package → module 1 → 下一模块 → back to the package by the breadcrumb;
the package's 培训大纲 PDF downloads, carries the module titles as text and embeds a CJK font."""

import io
import urllib.request

import pytest
from pypdf import PdfReader

from .pages import page_model_installed
from .support import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not page_model_installed("curricula.TrainingPackage"), reason="needs curricula"),
]


def open_link(session, locator):
    locator.click()
    session.page.wait_for_load_state("load")


def test_trainee_studies_a_package_module_by_module_on_a_phone(phone, live_site):
    page = phone.page
    package_url = live_site.samples["curricula.TrainingPackage"]["url"]
    phone.goto(package_url)
    package_title = page.get_by_role("heading", level=1).inner_text().strip()
    rows = page.locator("main table.module-table tbody a[data-study-code]")
    titles = [title.strip() for title in rows.all_inner_texts()]
    assert len(titles) >= 2, "the sample package needs two modules for this journey"
    phone.shot("package")

    open_link(phone, rows.first)
    assert page.get_by_role("heading", level=1).inner_text().strip() == titles[0]
    assert "?package=" in page.url
    phone.shot("module 1 from the package")
    assert_accessible(phone)

    # Mark it studied: remembered by this browser only, and shown on the package page.
    page.get_by_role("button", name="加入学习清单（标记为已学）").click()
    assert page.get_by_role("button", name="已在学习清单中：取消标记").get_attribute("aria-pressed") == "true"

    open_link(phone, page.get_by_role("link", name=f"下一模块：{titles[1]}"))
    assert page.get_by_role("heading", level=1).inner_text().strip() == titles[1]
    phone.shot("module 2 by 下一模块")
    assert page.get_by_role("link", name=f"上一模块：{titles[0]}").is_visible()

    breadcrumbs = page.get_by_role("navigation", name="面包屑导航")
    assert "课程模块库" not in breadcrumbs.inner_text()
    open_link(phone, breadcrumbs.get_by_role("link", name=package_title))
    assert page.get_by_role("heading", level=1).inner_text().strip() == package_title
    assert page.locator("main .badge-studied").count() == 1
    assert "已学 1 /" in page.locator("main .study-progress").inner_text()
    phone.shot("back to the package by the breadcrumb")
    assert phone.horizontal_overflow() <= 0

    href = page.get_by_role("link", name="下载培训大纲（PDF，可打印）").get_attribute("href")
    with urllib.request.urlopen(live_site(href), timeout=30) as response:  # noqa: S310  (the local test server)
        assert response.headers["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.read()))
    text = "".join(pdf_page.extract_text() for pdf_page in reader.pages)
    assert all(title in text for title in titles), "every module title is text in the outline"
    fonts = [
        font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        for pdf_page in reader.pages
        for font in pdf_page["/Resources"]["/Font"].values()
    ]
    assert fonts and all("/FontFile2" in descriptor for descriptor in fonts), "the CJK font is embedded"
    phone.check()
