"""A database migrated before `policy` moved out of `cms/` (commit 1d6deaa) migrates after it with nothing to redo.

The fixture is a SQLite file migrated at 1d6deaa~1 (`git worktree add /tmp/before 1d6deaa~1`, then
`DATABASE_URL=sqlite:///… manage.py migrate` there), gzipped. The app label and migration names did not change,
so none of policy's migrations may run again; only migrations written after that commit may be applied.
"""

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "data" / "pre_policy_move.sqlite3.gz"


def recorded(database: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(database) as connection:
        return set(connection.execute("SELECT app, name FROM django_migrations"))


def manage(database: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def test_a_database_from_before_the_policy_move_migrates_with_nothing_to_redo(tmp_path):
    database = tmp_path / "before-policy-move.sqlite3"
    with gzip.open(FIXTURE) as source, open(database, "wb") as target:
        shutil.copyfileobj(source, target)
    before = recorded(database)
    assert ("policy", "0001_initial") in before  # the fixture really had policy migrated under its label

    plan = manage(database, "migrate", "--plan")
    assert plan.returncode == 0, plan.stderr
    already = {name for app, name in before if app == "policy"}
    assert not [name for name in already if f"policy.{name}" in plan.stdout], plan.stdout

    result = manage(database, "migrate", "--noinput")
    assert result.returncode == 0, result.stdout + result.stderr
    after = recorded(database)
    assert before <= after
    assert already <= {name for app, name in after if app == "policy"}
    assert manage(database, "migrate", "--check").returncode == 0  # nothing left to apply
