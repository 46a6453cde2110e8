"""Findings 7 and 9 (issue 15) and the JSON info item: hostile curricula files get a clear error in the admin and
on the command line (never a 500 or a traceback), and Markdown bodies have a size limit."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from cms.limits import MAX_MARKDOWN_CHARS
from curricula.importer import ImportFailed, import_curricula, parse_json
from curricula.models import CourseModule, Occupation

from .factories import make_module

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DEEP = b"[" * 100_000
HUGE_NUMBER = b'{"modules": [{"code": "M-1", "title": "t", "theory_hours": ' + b"9" * 5000 + b"}]}"
DUPLICATE = b'{"modules": [{"code": "M-1", "code": "M-2", "title": "t"}]}'


@pytest.mark.parametrize(
    ("content", "message"),
    [(DEEP, "嵌套"), (HUGE_NUMBER, "数字过长"), (DUPLICATE, "出现了两次")],
    ids=["deep", "huge-number", "duplicate-key"],
)
def test_hostile_json_is_a_clear_error_in_the_admin(admin_client, index, content, message):
    upload = SimpleUploadedFile("hostile.json", content, content_type="application/json")
    response = admin_client.post("/admin/curricula/import/", {"file": upload, "action": "import"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Occupation.objects.exists() and not CourseModule.objects.exists()


@pytest.mark.parametrize("content", [DEEP, HUGE_NUMBER, DUPLICATE], ids=["deep", "huge-number", "duplicate-key"])
def test_hostile_json_is_a_clear_error_on_the_command_line(tmp_path, content):
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="未保存任何内容"):
        call_command("import_curricula", str(path), stderr=open(os.devnull, "w"))  # noqa: SIM115


def test_the_command_prints_no_traceback_for_deep_nesting(tmp_path):
    path = tmp_path / "deep.json"
    path.write_bytes(DEEP)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "import_curricula", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "嵌套" in result.stderr, result.stderr[-2000:]


def test_a_too_long_markdown_body_is_refused_by_the_importer(index):
    data = {"modules": [{"code": "M-1", "title": "长正文", "body": "字" * (MAX_MARKDOWN_CHARS + 1)}]}
    with pytest.raises(ImportFailed) as failure:
        import_curricula(parse_json(json.dumps(data)))
    assert any("modules[0].body" in error and "正文过长" in error for error in failure.value.errors)
    assert not CourseModule.objects.exists()


def test_a_too_long_markdown_body_is_refused_by_the_editor(index):
    module = make_module(index, "M-2", body="## 正文")
    module.body = "字" * (MAX_MARKDOWN_CHARS + 1)
    with pytest.raises(ValidationError) as error:
        module.full_clean()
    assert "body" in error.value.message_dict
    module.body = "字" * MAX_MARKDOWN_CHARS
    module.full_clean()
