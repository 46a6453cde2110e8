"""The layering rules of the project, enforced by import-linter in `make lint` (contracts in pyproject.toml):
`cms` imports no domain app, domain apps use each other only through a named public module, no import cycles.

Here: the contracts really fail on a forbidden import and on a cycle (two probe modules written for the run),
they cover every app of settings.PROJECT_APPS, and no function-level import of a project module hides a cycle.
"""

import ast
import subprocess
import sys
import tomllib
import uuid
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

# Function-level imports of project modules that stay, each for a reason that is not a cycle.
ALLOWED_FUNCTION_IMPORTS = {
    ("cms/apps.py", "cms.cache"),  # AppConfig.ready(): signals once the app registry is ready
    ("cms/accounts/apps.py", "."),
    ("search/apps.py", "."),
    ("training/apps.py", "."),
    ("cms/counters.py", "cms.models"),  # rate-limit counters load with the cache setup, before the registry
    ("cms/gunicorn_conf.py", "cms.warmup"),  # gunicorn reads its config before the project is importable
    ("cms/gunicorn_conf.py", "cms.db_statistics"),
    ("cms/models/media.py", "cms.uploads"),  # uploads imports Wagtail's forms, which need the registry loaded
    ("search/backends/database.py", ".database_postgres"),  # vendor modules: SQLite's cannot load on PostgreSQL
    ("search/backends/database.py", ".database_sqlite"),
    ("search/engines.py", ".backends.embedded"),  # engines are built on first use, after the registry
    ("search/engines.py", ".backends.elasticsearch"),
}
PROJECT_PACKAGES = {name.split(".")[0] for name in settings.PROJECT_APPS}


def lint_imports(*args):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", *args],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_contracts_cover_every_project_app():
    assert set(CONFIG["root_packages"]) >= PROJECT_PACKAGES
    contracts = {contract["id"]: contract for contract in CONFIG["contracts"]}
    domain_apps = PROJECT_PACKAGES - {"cms"}
    assert set(contracts["apps-independent"]["modules"]) == domain_apps
    assert domain_apps <= set(contracts["cms-is-shared"]["forbidden_modules"])
    assert set(contracts["no-cycles"]["ancestors"]) == PROJECT_PACKAGES


def test_a_forbidden_import_and_a_cycle_break_the_contracts():
    """Write a cms module importing a domain app and two curricula modules importing each other: both fail."""
    tag = uuid.uuid4().hex[:8]
    probes = {
        ROOT / "cms" / f"probe_{tag}.py": "import curricula.models  # noqa: F401\n",
        ROOT / "curricula" / f"probe_{tag}_a.py": f"from curricula import probe_{tag}_b  # noqa: F401\n",
        ROOT / "curricula" / f"probe_{tag}_b.py": f"from curricula import probe_{tag}_a  # noqa: F401\n",
    }
    try:
        for path, text in probes.items():
            path.write_text(text, encoding="utf-8")
        result = lint_imports()
    finally:
        for path in probes:
            path.unlink(missing_ok=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"cms.probe_{tag} -> curricula.models" in result.stdout
    assert "No import cycles inside any package BROKEN" in result.stdout
    assert f".probe_{tag}_a -> .probe_{tag}_b" in result.stdout or f".probe_{tag}_b -> .probe_{tag}_a" in result.stdout
    assert "Domain apps use each other only through a named public module KEPT" in result.stdout


def function_level_project_imports():
    found = set()
    for package in sorted(PROJECT_PACKAGES):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or "/tests/" in relative:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.ImportFrom):
                        module = "." * node.level + (node.module or "")
                        if node.level or module.split(".")[0] in PROJECT_PACKAGES:
                            found.add((relative, module))
                    elif isinstance(node, ast.Import):
                        found |= {(relative, a.name) for a in node.names if a.name.split(".")[0] in PROJECT_PACKAGES}
    return found


def test_no_function_level_imports_of_project_modules_beyond_the_listed_reasons():
    assert function_level_project_imports() <= ALLOWED_FUNCTION_IMPORTS
