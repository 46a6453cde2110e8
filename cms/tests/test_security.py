"""Hardening: the production deploy check, security headers on public and admin pages, CSRF everywhere, and the
per-client rate limit for public APIs."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from cms import prepare_env
from cms.security import CSRF_EXEMPT_READ_ONLY, is_allowed_csrf_exempt

BASE_DIR = Path(__file__).resolve().parents[2]


def deploy_check(**env):
    environment = {
        key: value for key, value in os.environ.items() if key not in {"HTTPS", "DEBUG", "DATABASE_URL", "SECRET_KEY"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DJANGO_ENV_FILE=os.devnull,  # a developer's .env must not change the outcome
        SECRET_KEY="deploy-check-" + "k7Q2x9Lm4PzR8vW1" * 4,
        **env,
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_plain_http_opt_out_is_explicit_and_visible_in_the_deploy_check():
    result = deploy_check(HTTPS="0")
    assert result.returncode != 0
    assert "SESSION_COOKIE_SECURE" in result.stdout + result.stderr


def test_prepare_env_writes_https_off_for_local_serving(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    monkeypatch.setattr(prepare_env, "ENV_FILE", env_file)
    prepare_env.main()
    text = env_file.read_text(encoding="utf-8")
    assert "HTTPS=0" in text.splitlines()
    assert len(re.search(r"SECRET_KEY=(\S+)", text).group(1)) >= 50

    env_file.write_text("SECRET_KEY=old\nDEBUG=0\n", encoding="utf-8")  # a .env from before this change
    prepare_env.main()
    prepare_env.main()
    assert env_file.read_text(encoding="utf-8").splitlines() == ["SECRET_KEY=old", "DEBUG=0", "HTTPS=0"]


# --- headers ----------------------------------------------------------------------------------------------------


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_public_pages_send_a_strict_csp_and_the_other_headers(client, site_tree):
    response = client.get("/")
    csp = directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["default-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response, "no HSTS over plain http"


@pytest.mark.django_db
def test_hsts_is_sent_on_https(client, site_tree, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_the_admin_gets_a_looser_policy_scoped_to_its_urls(admin_client, site_tree):
    response = admin_client.get("/admin/")
    csp = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    public = directives(admin_client.get("/").headers["Content-Security-Policy"])
    assert public["script-src"] == ["'self'"], "logged-in editors still get the strict policy on public pages"


@pytest.mark.django_db
def test_the_userbar_for_editors_works_under_the_public_csp(admin_client, site_tree):
    """{% wagtailuserbar %} must load only external scripts (JSON data blocks do not execute)."""
    html = admin_client.get("/").content.decode()
    assert "wagtail-userbar" in html
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", html), "no inline event handlers"
    assert "javascript:" not in html


@pytest.mark.django_db
def test_a_response_with_its_own_csp_keeps_it(client, site_tree, admin_user, settings, tmp_path):
    """Wagtail serves documents with `default-src 'none'`; the middleware must not loosen that."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cms.models import CustomDocument
    from cms.tests import samples

    settings.MEDIA_ROOT = tmp_path
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"
    document = CustomDocument(title="通知", file=SimpleUploadedFile("通知.pdf", samples.pdf_bytes()))
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"


# --- CSRF -------------------------------------------------------------------------------------------------------


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def view_target(callback):
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback


def dotted(callback):
    target = view_target(callback)
    return f"{target.__module__}.{target.__qualname__}"


def test_no_state_changing_view_is_csrf_exempt():
    """Every csrf_exempt view must be on the documented list in cms.security (read-only, or a REST framework view
    whose authentication enforces CSRF itself)."""
    exempt = [
        (dotted(callback), route, view_target(callback))
        for route, callback in walk(get_resolver().url_patterns)
        if getattr(callback, "csrf_exempt", False)
    ]
    unexpected = {name: route for name, route, target in exempt if not is_allowed_csrf_exempt(name, target)}
    assert unexpected == {}, f"csrf_exempt views outside {CSRF_EXEMPT_READ_ONLY}: {unexpected}"


def test_the_allow_list_matches_read_only_views_only():
    from rest_framework.authentication import BaseAuthentication
    from rest_framework.views import APIView

    class CookieAuthentication(BaseAuthentication):
        pass

    class UnsafeAPIView(APIView):
        authentication_classes = [CookieAuthentication]

    assert is_allowed_csrf_exempt("wagtail.api.v2.views.PagesAPIViewSet")
    assert not is_allowed_csrf_exempt("cms.views.switch_language")
    assert not is_allowed_csrf_exempt("wagtail.admin.views.pages.edit.EditView")
    assert not is_allowed_csrf_exempt("x.UnsafeAPIView", UnsafeAPIView)


@pytest.mark.django_db
def test_the_admin_api_enforces_csrf_for_session_users(admin_user, sections):
    """Wagtail's admin API is csrf_exempt at the URL level, but its SessionAuthentication checks the token."""
    page = sections["search"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post(f"/admin/api/main/pages/{page.pk}/action/unpublish/", content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db
def test_csrf_is_enforced_on_the_admin_login(site_tree):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403


# --- NUL characters ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_nul_characters_are_refused_before_any_view(site_tree, admin_user):
    client = Client()
    for response in (
        client.get("/search/", {"q": "养老\x00护理"}),
        client.get("/no%00where/"),
        client.post("/admin/login/", {"username": "root\x00", "password": "x"}),
    ):
        assert response.status_code == 400
        assert "空字符" in response.content.decode()
        assert "Content-Security-Policy" in response
    assert client.get("/search/", {"q": "养老护理"}).status_code == 200
