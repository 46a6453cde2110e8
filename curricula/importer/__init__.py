"""Import curricula from JSON: validate everything first, report every problem with its JSON path, then apply
all of it in one transaction (upsert by code, publish through revisions) or nothing.

Used by `manage.py import_curricula`, the admin upload view and the demo loader. The format (UTF-8 JSON):

    {"occupations": [{"code", "name", "kind", "aliases": [], "shortage", "subsidy", "levels": [5, 4],
                      "summary", "standard_title", "standard_year"}],
     "modules": [{"code", "title", "occupation": code-or-name-or-null, "theory_hours", "practice_hours",
                  "outcomes": [], "body": markdown, "tags": [], "prerequisites": [codes]}],
     "packages": [{"code", "title", "occupation": code-or-name, "level": 1-5, "min_hours": number-or-null,
                   "modules": [codes], "summary", "assessment", "supersedes": code-or-null}]}

The stages live in parse.py, plan.py, apply.py; report.py says what happened.

An occupation is named by its code, or by its name when it has none. Keys left out of an object keep the
current value of an existing page (and the default for a new one).
"""

import json
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .apply import Applier, ensure_library
from .plan import Plan
from .report import Change, CurriculaImportReport, ImportFailed

__all__ = [
    "Change",
    "CurriculaImportReport",
    "ImportFailed",
    "ensure_library",
    "import_curricula",
    "import_file",
    "parse_json",
]


def parse_json(raw) -> object:
    """Parse the uploaded bytes or text; a syntax error is reported with its line and column."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFailed(["$: " + _("文件不是 UTF-8 编码（第 %(byte)s 字节）") % {"byte": exc.start}]) from exc
    try:
        return json.loads(raw, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            [
                "$: "
                + _("不是有效的 JSON：%(reason)s（第 %(line)s 行第 %(column)s 列）")
                % {"reason": exc.msg, "line": exc.lineno, "column": exc.colno}
            ]
        ) from exc


def import_curricula(
    data, *, dry_run=False, user=None, log_line: Callable[[str], None] | None = None
) -> CurriculaImportReport:
    """Check `data` (parsed JSON), then apply it in one transaction. Raises ImportFailed with every problem."""
    with transaction.atomic():
        plan = Plan(data)
        if plan.errors:
            raise ImportFailed(plan.errors)
        applier = Applier(plan, dry_run=dry_run, user=user, log_line=log_line)
        try:
            applier.apply_occupations()
            applier.apply_modules()
            applier.apply_packages()
        except ValidationError as exc:
            # A rule the plan does not know about (a model's clean()) stops everything: nothing is kept.
            raise ImportFailed([f"$: {message}" for message in exc.messages]) from exc
        return CurriculaImportReport(changes=applier.changes, dry_run=dry_run)


def import_file(path, **kwargs) -> CurriculaImportReport:
    with open(path, "rb") as handle:
        return import_curricula(parse_json(handle.read()), **kwargs)
