"""The public shell: home page, navigation, footer settings, language switch, error pages."""

import pytest
from django.utils import translation
from wagtail.models import Site

from cms.models import SiteSettings


@pytest.mark.django_db
def test_home_page_renders_navigation_from_the_tree(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for title in ["课程中心", "技能竞赛", "政策解读与宣传", "搜索"]:
        assert title in html
    assert 'lang="zh-Hans"' in html
    assert 'href="#main"' in html


@pytest.mark.django_db
def test_home_page_renders_in_at_most_8_queries(client, site_tree, django_assert_max_num_queries):
    client.get("/")  # warm Wagtail's per-process caches (site root paths)
    with django_assert_max_num_queries(8):
        response = client.get("/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_footer_shows_site_settings(client, site_tree):
    settings_row = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.organisation_name = "测试主办单位"
    settings_row.hotline = "12333"
    settings_row.address = "成都市测试路 1 号"
    settings_row.save()
    html = client.get("/").content.decode()
    assert "测试主办单位" in html
    assert 'href="tel:12333"' in html
    assert "成都市测试路 1 号" in html


@pytest.mark.django_db
def test_section_page_has_breadcrumbs(client, sections):
    html = client.get(sections["curricula"].url).content.decode()
    assert 'aria-label="面包屑导航"' in html
    assert 'aria-current="page">课程中心' in html


@pytest.mark.django_db
def test_language_switch_sets_cookie_and_serves_english(client, site_tree):
    response = client.get("/lang/en/?next=/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert "Skip to content" in html
    translation.activate("zh-hans")


@pytest.mark.django_db
def test_language_switch_refuses_foreign_redirects_and_unknown_languages(client, site_tree):
    assert client.get("/lang/en/?next=https://evil.example/").headers["Location"] == "/"
    assert client.get("/lang/xx/").status_code == 404


@pytest.mark.django_db
def test_404_page_uses_site_design(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html
    assert "site-header" in html
