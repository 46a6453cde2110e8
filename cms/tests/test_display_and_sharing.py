"""大字版 (a cookie, a link, no JavaScript), Open Graph tags and the server-made QR code of every public page."""

import re

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from cms import cache as page_cache
from cms.display import LARGE_TEXT_COOKIE

pytestmark = pytest.mark.django_db


def rasterise_qr(svg: str, module_px: int = 8) -> Image.Image:
    """Draw segno's SVG path (rows of "h" runs, moved with M/m) as a bitmap, so a real decoder can read it."""
    size = int(re.search(r'width="(\d+)"', svg).group(1))
    scale = int(re.search(r"scale\((\d+)\)", svg).group(1))
    modules = size // scale
    path = re.search(r' d="([^"]+)"', svg).group(1)
    image = Image.new("L", (modules * module_px, modules * module_px), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, first, second in re.findall(r"([MmHhVv])\s*(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        elif command == "h":
            run = float(first)
            row = int(y)
            draw.rectangle(
                [int(x) * module_px, row * module_px, int(x + run) * module_px - 1, (row + 1) * module_px - 1], fill=0
            )
            x += run
        else:
            raise AssertionError(f"unexpected path command {command}")
    return image


def qr_of(html: str) -> str:
    match = re.search(r'<figure class="share-qr[^"]*">\s*(<svg.*?</svg>)', html, re.S)
    assert match, "the page has a QR code"
    return match.group(1)


def decode(svg: str) -> str:
    results = zxingcpp.read_barcodes(rasterise_qr(svg))
    assert results, "the QR code decodes"
    return results[0].text


@pytest.mark.parametrize("section", ["curricula", "competitions", "policy", "search"])
def test_every_section_page_has_a_qr_code_of_its_own_url(client, sections, section):
    page = sections[section]
    html = client.get(page.url).content.decode()
    assert decode(qr_of(html)) == page.full_url
    assert "<script" not in qr_of(html)


def test_home_page_has_open_graph_tags_and_a_qr_code(client, site_tree):
    html = client.get("/").content.decode()
    home = site_tree["home"] if isinstance(site_tree, dict) and "home" in site_tree else None
    for prop in ("og:type", "og:title", "og:url", "og:locale", "og:site_name"):
        assert f'property="{prop}"' in html
    url = re.search(r'property="og:url" content="([^"]+)"', html).group(1)
    assert decode(qr_of(html)) == url
    assert home is None or url == home.full_url


def test_pages_outside_the_tree_share_their_own_address(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert decode(qr_of(response.content.decode())) == "http://testserver/no-such-page/"


def test_large_text_is_a_link_and_a_cookie(client, sections):
    page = sections["curricula"]
    html = client.get(page.url).content.decode()
    assert 'class="large-text"' not in html
    link = re.search(r'<a class="display-switch" href="([^"]+)"', html).group(1)
    assert link.startswith("/display/large/?next=")
    response = client.get(link.replace("&amp;", "&"))
    assert response.status_code == 302 and response["Location"] == page.url
    assert response.cookies[LARGE_TEXT_COOKIE].value == "1"
    large = client.get(page.url)
    text = large.content.decode()
    assert '<html lang="zh-Hans" class="large-text">' in text and "large-text" in text.split("<body", 1)[1][:200]
    assert "标准版" in text and "Cookie" in large["Vary"]
    back = client.get("/display/standard/?next=" + page.url)
    assert back.cookies[LARGE_TEXT_COOKIE].value == ""
    assert 'class="large-text"' not in client.get(page.url).content.decode()


def test_large_text_refuses_foreign_redirects_and_unknown_modes(client, site_tree):
    assert client.get("/display/large/?next=https://evil.example/")["Location"] == "/"
    assert client.get("/display/huge/").status_code == 404


def test_page_cache_keeps_one_copy_per_display_mode(client, sections, settings):
    settings.PAGE_CACHE_ENABLED = True
    page_cache.invalidate_all()
    page = sections["curricula"]
    client.get(page.url)  # creates the site settings on first use (a global change): not stored
    client.get(page.url)
    assert client.get(page.url).get("X-Page-Cache") == "hit"
    client.cookies[LARGE_TEXT_COOKIE] = "1"
    large = client.get(page.url)
    assert large.get("X-Page-Cache") == "miss" and 'class="large-text"' in large.content.decode()
    hit = client.get(page.url)
    assert hit.get("X-Page-Cache") == "hit" and 'class="large-text"' in hit.content.decode()
    del client.cookies[LARGE_TEXT_COOKIE]
    plain = client.get(page.url)
    assert plain.get("X-Page-Cache") == "hit" and 'class="large-text"' not in plain.content.decode()
