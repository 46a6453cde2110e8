"""The designer's editor: Markdown toolbar and server-rendered preview, the searchable prerequisite chooser."""

import pytest
from django.urls import reverse

from cms.safe_markdown import render_markdown

pytestmark = pytest.mark.django_db


def test_module_editor_has_the_toolbar_preview_and_the_chooser(admin_client, small_tree):
    feeding = small_tree["feeding"]
    html = admin_client.get(f"/admin/pages/{feeding.pk}/edit/").content.decode()
    assert 'data-md-editor data-preview-url="/admin/curricula/markdown-preview/"' in html
    assert 'data-md-action="bold"' in html and "curricula/markdown-editor.js" in html
    assert "data-prerequisite-chooser" in html and "curricula/prerequisite-chooser.js" in html
    # Options carry codes and titles, in code order, and the module itself is not offered.
    assert "TY-01 职业道德" in html and "YL-5-02 模块 YL-5-02" in html
    assert f'value="{feeding.pk}"' not in html.split("data-prerequisite-chooser", 1)[1].split("</ul>", 1)[0]
    chooser = html.split("data-prerequisite-chooser", 1)[1]
    assert chooser.index("TY-01") < chooser.index("YL-5-02")


def test_preview_is_the_public_renderer_and_sanitiser(admin_client, index):
    text = '## 步骤\n\n1. 洗手\n\n<script>alert(1)</script><a href="javascript:alert(1)">x</a>'
    response = admin_client.post(reverse("curricula_markdown_preview"), {"text": text})
    assert response.status_code == 200
    html = response.json()["html"]
    assert html == render_markdown(text)
    assert "<h3>步骤</h3>" in html and "<script" not in html and "javascript:" not in html


def test_preview_is_for_curricula_authors_only(client, django_user_model, admin_client, index):
    assert admin_client.get(reverse("curricula_markdown_preview")).status_code == 405
    user = django_user_model.objects.create_user("nobody", password="x-pass-123")
    client.force_login(user)
    assert client.post(reverse("curricula_markdown_preview"), {"text": "x"}).status_code in (302, 403)
