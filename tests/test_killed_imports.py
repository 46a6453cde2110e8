"""Fault (issue 15): an import killed halfway (the process terminated) saves nothing.

The real management commands run in a subprocess against the test database (PostgreSQL: a second process must see
it); the process is killed with SIGKILL once it reports that it has started writing, and nothing of the import may
be in the database afterwards.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from competitions.models import ResultEntry
from competitions.tests.factories import csv_bytes, make_event, make_series
from curricula.models import CourseModule

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parent.parent


def run_and_kill(args, marker: str, after_lines: int = 1, timeout: float = 180) -> str:
    """Start manage.py `args`, SIGKILL it once `marker` has appeared on `after_lines` lines; return its output."""
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}"
        f"/{settings_dict['NAME']}"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-u", "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seen, output = 0, []
    deadline = time.monotonic() + timeout
    try:
        for line in process.stdout:
            output.append(line)
            if marker in line:
                seen += 1
                if seen >= after_lines:
                    process.send_signal(signal.SIGKILL)
                    break
            assert time.monotonic() < deadline, "the import never reached the point to kill it"
    finally:
        process.wait(30)
    assert process.returncode == -signal.SIGKILL, "".join(output)[-2000:]
    return "".join(output)


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("a second process must share the test database: run with DATABASE_URL on PostgreSQL")


def test_a_results_import_killed_halfway_saves_nothing(postgres_only, sections, tmp_path):
    event = make_event(make_series(sections["competitions"].specific))
    rows = [[rank, f"选手{rank:05d}", "示例单位", "成都", 60 + rank % 40, "", "", ""] for rank in range(1, 30_001)]
    path = tmp_path / "results.csv"
    path.write_bytes(csv_bytes(rows))
    output = run_and_kill(["import_results", str(event.pk), str(path)], marker="已写入")
    assert "已写入 2000 / 30000" in output, output[-500:]
    assert not ResultEntry.objects.filter(event=event).exists()


def test_a_curricula_import_killed_halfway_saves_nothing(postgres_only, sections, tmp_path):
    modules = [{"code": f"KILL-{n:03d}", "title": f"模块{n}", "theory_hours": 2} for n in range(1, 121)]
    path = tmp_path / "curricula.json"
    path.write_text(json.dumps({"modules": modules}, ensure_ascii=False), encoding="utf-8")
    output = run_and_kill(["import_curricula", str(path)], marker="KILL-", after_lines=5)
    assert "KILL-005" in output or "KILL-" in output
    assert not CourseModule.objects.filter(code__startswith="KILL-").exists()
