"""Health check and the production-settings guard, each against a real process where it matters."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def run_python(code: str, **env):
    environment = {**os.environ, **env}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_a_broken_database_as_503(tmp_path):
    """A database file in a folder that does not exist cannot be opened: a real failure, no mock."""
    broken = tmp_path / "missing-folder" / "db.sqlite3"
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps({'status_code': r.status_code, 'body': r.json()}))"
    )
    result = run_python(code, DJANGO_SETTINGS_MODULE="cms.settings.test", DATABASE_URL=f"sqlite:///{broken}")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status_code"] == 503
    assert answer["body"]["database"] == "unavailable"


def test_production_settings_refuse_the_development_secret():
    from cms.settings.base import DEV_SECRET_KEY

    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=DEV_SECRET_KEY,
        DEBUG="0",
    )
    assert result.returncode != 0
    assert "refuse the development SECRET_KEY" in result.stderr


def test_production_settings_refuse_debug():
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="x" * 50,
        DEBUG="1",
    )
    assert result.returncode != 0
    assert "refuse DEBUG" in result.stderr


def test_production_settings_start_with_a_real_secret():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="a-real-secret-" + "y" * 40,
        DEBUG="0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
