"""Study flow: previous/next within the package the trainee came from, and the package's 培训大纲 PDF."""

import io

import pytest
from pypdf import PdfReader

from cms import cache


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_package_links_its_modules_with_the_package(client, small_tree):
    html = html_of(client, small_tree["level5"].url)
    assert f'href="{small_tree["feeding"].url}?package=PKG-5"' in html
    assert "培训大纲" in html and 'href="/curricula/4-10-01-05/pkg-5/outline/"' in html


def test_module_reached_from_a_package_has_previous_next_and_a_breadcrumb_through_it(client, small_tree):
    feeding, common, toileting = small_tree["feeding"], small_tree["common"], small_tree["toileting"]
    html = html_of(client, feeding.url + "?package=PKG-5")
    assert "第 2 / 3 个模块" in html
    assert f'rel="prev" href="{common.url}?package=PKG-5"' in html
    assert f'rel="next" href="{toileting.url}?package=PKG-5"' in html
    crumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/curricula/4-10-01-05/pkg-5/"' in crumbs and "课程模块库" not in crumbs
    # Another package orders the same module differently; the page follows the package it was reached from.
    html4 = html_of(client, toileting.url + "?package=PKG-4")
    assert "第 2 / 2 个模块" in html4 and 'rel="next"' not in html4
    assert f'rel="prev" href="{common.url}?package=PKG-4"' in html4


def test_without_or_with_a_foreign_package_the_module_page_is_the_library_page(client, small_tree):
    feeding = small_tree["feeding"]
    for url in (feeding.url, feeding.url + "?package=PKG-4", feeding.url + "?package=NOPE"):
        html = html_of(client, url)
        assert 'rel="next"' not in html and "study-context" not in html
        assert "课程模块库" in html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]


@pytest.mark.django_db
def test_the_page_cache_keys_the_package_parameter(client, small_tree, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.invalidate_all()
    feeding = small_tree["feeding"]
    plain = html_of(client, feeding.url)
    from_package = html_of(client, feeding.url + "?package=PKG-5")
    assert 'rel="next"' not in plain and 'rel="next"' in from_package
    assert 'rel="next"' not in html_of(client, feeding.url)
    # A sibling's new title reaches the cached page's "next" link.
    toileting = small_tree["toileting"]
    toileting.title = "如厕照料（新）"
    toileting.save_revision().publish()
    assert "如厕照料（新）" in html_of(client, feeding.url + "?package=PKG-5")


def test_outline_pdf_has_the_module_titles_as_text_and_embeds_a_cjk_font(client, small_tree):
    small_tree["feeding"].outcomes = "能协助老年人进食"
    small_tree["feeding"].save_revision().publish()
    response = client.get(small_tree["level5"].url + "outline/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    for module in ("职业道德", small_tree["feeding"].title, small_tree["toileting"].title):
        assert module in text
    assert "培训大纲" in text and "能协助老年人进食" in text and "五级" in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # the font program is embedded
            fonts.add(str(font["/BaseFont"]))
    assert any("WenQuanYi" in name or "wqy" in name.lower() or "cjk" in name.lower() for name in fonts), fonts
