"""The shared design system: template tags, includes, error pages, the style guide, page weight and colours."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from PIL import Image as PILImage
from wagtail.images.tests.utils import get_test_image_file

from cms.models import CustomImage

PAGE_WEIGHT_LIMIT = 150 * 1024
CSS = Path(__file__).resolve().parents[1] / "static" / "cms" / "css" / "site.css"


def render(template_source, request=None, **context):
    return Template("{% load cms_tags %}" + template_source).render(Context({"request": request, **context}))


# Responsive images --------------------------------------------------------------------------------------------


@pytest.fixture
def photo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CustomImage.objects.create(
        title="护理实训室",
        alt_text="学员在实训室练习为老人翻身",
        file=get_test_image_file(filename="training.png", size=(1000, 600)),
    )


def img_attributes(html):
    class Parser(HTMLParser):
        found = None

        def handle_starttag(self, tag, attrs):
            if tag == "img":
                Parser.found = dict(attrs)

    Parser().feed(html)
    assert Parser.found is not None, html
    return Parser.found


def test_responsive_image_has_srcset_of_real_renditions(photo, settings):
    html = render('{% responsive_image image "400,800,1200" sizes="(min-width: 960px) 33vw, 100vw" %}', image=photo)
    attrs = img_attributes(html)
    assert attrs["alt"] == "学员在实训室练习为老人翻身"
    assert attrs["loading"] == "lazy"
    assert attrs["sizes"] == "(min-width: 960px) 33vw, 100vw"
    assert (attrs["width"], attrs["height"]) == ("1000", "600")  # 1200 is clipped to the original width
    candidates = [candidate.strip().split(" ") for candidate in attrs["srcset"].split(",")]
    assert [descriptor for _, descriptor in candidates] == ["400w", "800w", "1000w"]
    assert attrs["src"] == candidates[0][0]
    for url, descriptor in candidates:
        path = Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)
        with PILImage.open(path) as file:
            assert file.width == int(descriptor[:-1])
    assert photo.renditions.count() == 3


def test_responsive_image_options(photo):
    attrs = img_attributes(
        render('{% responsive_image image "300" alt="" loading="eager" class="hero" format="webp" %}', image=photo)
    )
    assert attrs["alt"] == ""
    assert attrs["loading"] == "eager"
    assert attrs["class"] == "hero"
    assert attrs["src"].endswith(".webp")
    assert (attrs["width"], attrs["height"]) == ("300", "180")


def test_responsive_image_of_nothing_is_empty(db):
    assert render('{% responsive_image image "400" %}', image=None) == ""


# Pagination ----------------------------------------------------------------------------------------------------


def test_pagination_keeps_other_parameters_and_marks_the_current_page():
    request = RequestFactory().get("/curricula/", {"level": "5", "q": "护理", "page": "4"})
    page_obj = Paginator(range(95), 10).page(4)
    html = render_to_string("cms/includes/pagination.html", {"page_obj": page_obj, "request": request})
    assert 'aria-label="分页"' in html
    assert 'href="?level=5&amp;q=%E6%8A%A4%E7%90%86&amp;page=3" rel="prev"' in html
    assert 'href="?level=5&amp;q=%E6%8A%A4%E7%90%86&amp;page=5" rel="next"' in html
    assert 'href="?level=5&amp;q=%E6%8A%A4%E7%90%86" aria-label="第 1 页"' in html  # page 1: no page parameter
    assert re.search(r'aria-current="page"[^>]*>4</a>', html)
    assert "…" in html  # 1 … 3 4 5 … 10
    assert "共 10 页（95 条）" in html


def test_pagination_hides_itself_for_a_single_page():
    request = RequestFactory().get("/")
    html = render_to_string(
        "cms/includes/pagination.html", {"page_obj": Paginator(range(5), 10).page(1), "request": request}
    )
    assert html.strip() == ""


def test_page_links_keep_the_parameters_order_and_repeated_values():
    """cms.pager builds each link from two halves of the query string: the page number keeps its place."""
    from cms.pager import page_hrefs

    href = page_hrefs(RequestFactory().get("/m/?level=4&level=5&page=7&q=%3Cx%3E&page_size=2"))
    assert href(8) == "?level=4&level=5&page=8&q=%3Cx%3E&page_size=2"
    assert href(1) == "?level=4&level=5&q=%3Cx%3E&page_size=2"
    assert page_hrefs(RequestFactory().get("/m/?q=a"), "p")(3) == "?q=a&p=3"
    assert page_hrefs(RequestFactory().get("/m/?p=2"), "p")(1) == "/m/"
    # what changing a copy of request.GET gives, for unicode, reserved characters and repeated keys
    request = RequestFactory().get("/m/", {"城市": "成都", "q": "a b&c=d", "page": "2", "x": ["1", "<2>"]})
    changed = request.GET.copy()
    changed["page"] = "5"
    assert page_hrefs(request)(5) == "?" + changed.urlencode()


def test_page_url_on_the_first_page_returns_the_bare_path():
    request = RequestFactory().get("/search/", {"page": "2"})
    assert render("{% page_url 1 %}", request=request) == "/search/"
    assert render('{% page_url 3 "p" %}', request=request) == "?page=2&amp;p=3"


# Includes ------------------------------------------------------------------------------------------------------


def test_notice_tags_and_empty_state_includes():
    html = render_to_string("cms/includes/notice.html", {"level": "warn", "title": "公示中", "text": "第一行\n第二行"})
    assert 'class="notice notice-warn"' in html
    assert '<p class="notice-title">公示中</p>' in html
    assert "第一行<br>第二行" in html
    html = render_to_string("cms/includes/tags.html", {"tags": ["养老护理", "安全"], "tag_url": "/search/?q="})
    assert '<a class="tag" href="/search/?q=%E5%85%BB%E8%80%81%E6%8A%A4%E7%90%86">养老护理</a>' in html
    assert render_to_string("cms/includes/tags.html", {"tags": []}).strip() == ""
    html = render_to_string("cms/includes/empty_state.html", {"action_url": "/x/", "action_text": "清除筛选"})
    assert "这里还没有内容。" in html
    assert '<a href="/x/">清除筛选</a>' in html


def test_main_nav_marks_the_section_and_its_pages(client, sections):
    html = client.get(sections["curricula"].url).content.decode()
    assert 'href="/curricula/" aria-current="page"' in html
    assert 'href="/competitions/" aria-current' not in html


def test_memoised_chrome_varies_by_section_and_language(client, sections, settings):
    """The navigation and the footer are rendered once per process (cms_tags.chrome_memo): each section still gets
    its own marking, and each language its own words, whatever was served before."""
    from cms import cache

    settings.PAGE_CACHE_ENABLED = False
    settings.CHROME_MEMO_ENABLED = True
    cache._memo.clear()
    cache.reset_local_state()
    for _ in range(2):
        for slug in ("curricula", "competitions"):
            html = client.get(sections[slug].url).content.decode()
            assert html.count('aria-current="page" class="is-active"') == 1
            assert f'href="{sections[slug].url}" aria-current="page"' in html
            assert "咨询热线" in html
    client.get("/lang/en/")
    english = client.get(sections["curricula"].url).content.decode()
    assert "咨询热线" not in english
    assert 'href="/curricula/" aria-current="page"' in english
    client.get("/lang/zh-hans/")
    assert "咨询热线" in client.get(sections["curricula"].url).content.decode()
    assert any(name.startswith("html:nav:") for name in cache._memo)  # the memo was in use
    cache._memo.clear()


# Error pages and the style guide ---------------------------------------------------------------------------------


def test_404_offers_search_and_the_sections(client, site_tree, django_assert_max_num_queries):
    client.get("/no-such-page/")
    with django_assert_max_num_queries(6):
        response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'role="search"' in html
    assert 'for="q-not-found"' in html
    for title in ["课程中心", "技能竞赛", "政策解读与宣传"]:
        assert f">{title}</a></h3>" in html


def test_500_page_renders_without_the_database():
    """No db fixture: any query would raise, so rendering proves the page does not need the database."""
    html = render_to_string("500.html")
    assert 'lang="zh-Hans"' in html
    assert "服务暂时不可用" in html
    assert "/static/cms/css/site.css" in html


@pytest.mark.django_db
def test_styleguide_is_for_staff_unless_made_public(admin_client, settings, site_tree):
    anonymous = Client()
    assert anonymous.get("/styleguide/").status_code == 404
    response = admin_client.get("/styleguide/?page=2")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert re.search(r'aria-current="page"[^>]*>2</a>', html)
    settings.STYLEGUIDE_PUBLIC = True
    assert anonymous.get("/styleguide/").status_code == 200


# CSP readiness, page weight, colours -------------------------------------------------------------------------------


def project_templates():
    for folder in [settings.BASE_DIR / name for name in ("cms", "curricula", "competitions", "search")]:
        yield from folder.rglob("templates/**/*.html")


def test_templates_have_no_inline_scripts():
    """A Content-Security-Policy without 'unsafe-inline' would block them: JavaScript lives in static files."""
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)
    problems = []
    for path in project_templates():
        text = path.read_text(encoding="utf-8")
        if inline_script.search(text) or handler.search(text) or "javascript:" in text:
            problems.append(str(path.relative_to(settings.BASE_DIR)))
    assert not problems, f"inline JavaScript in: {problems}"


class AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "") and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])


def page_weight(client, path, status=200):
    """HTML plus every local stylesheet and script it links (uncompressed, images excluded), in bytes."""
    response = client.get(path)
    assert response.status_code == status, path
    parser = AssetParser()
    parser.feed(response.content.decode())
    total = len(response.content)
    for url in parser.assets:
        assert url.startswith(settings.STATIC_URL), f"{path} links a non-local asset {url}"
        found = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
        assert found, f"{path} links {url}, which does not exist"
        total += Path(found).stat().st_size
    return total


def relative_luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground, background):
    lighter, darker = sorted([relative_luminance(foreground), relative_luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_text_colour_pairs_reach_wcag_aa():
    """The palette's text/background pairs, read from site.css itself, reach 4.5:1."""
    variables = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", CSS.read_text(encoding="utf-8")))
    pairs = [
        ("ink", "bg"),
        ("muted", "bg"),
        ("muted", "soft"),
        ("brand", "bg"),
        ("brand", "soft"),
        ("brand-dark", "brand-soft"),
        ("focus-ink", "focus"),
        ("info-ink", "info-bg"),
        ("warn-ink", "warn-bg"),
        ("ok-ink", "ok-bg"),
        ("error-ink", "error-bg"),
        ("accent", "bg"),
    ]
    low = {
        f"{fg} on {bg}": round(contrast(variables[fg], variables[bg]), 2)
        for fg, bg in pairs
        if contrast(variables[fg], variables[bg]) < 4.5
    }
    assert not low, low
    assert contrast("#ffffff", variables["brand"]) >= 4.5  # header and buttons: white on brand
