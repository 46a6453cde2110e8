"""Issue 15 (info): rich text written outside the editor is cleaned (no raw scripts on public pages) and its edit
view opens instead of answering 500; Wagtail's own link and embed format survives."""

import pytest
from django.urls import reverse

from cms.rich_text import sanitise_rich_text

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<script>alert(1)</script><p>欢迎<img src=x onerror=alert(1)></p>"
    '<p><a href="javascript:alert(1)">点我</a> <a linktype="page" id="3">课程中心</a></p>'
)


def test_hostile_rich_text_saved_through_the_orm_is_clean_on_the_page_and_editable(admin_client, client, site_tree):
    home, _sections = site_tree
    home.body = HOSTILE
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "alert(1)" not in html and "onerror" not in html and "javascript:" not in html
    assert "欢迎" in html
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code == 200


def test_wagtail_database_format_survives():
    stored = '<p><b>粗</b> <a linktype="page" id="3">页</a></p><embed embedtype="image" id="5" format="left" alt="图"/>'
    cleaned = sanitise_rich_text(stored)
    assert 'linktype="page"' in cleaned and 'id="3"' in cleaned and 'embedtype="image"' in cleaned
    assert sanitise_rich_text(cleaned) == cleaned
