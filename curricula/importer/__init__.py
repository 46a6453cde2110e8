"""Import curricula from JSON: validate everything first, report every problem with its JSON path, then apply
all of it in one transaction (upsert by code, publish through revisions) or nothing.

Used by `manage.py import_curricula`, the admin upload view and the demo loader. The format (UTF-8 JSON):

    {"occupations": [{"code", "name", "kind", "aliases": [], "shortage", "subsidy", "levels": [5, 4],
                      "summary", "standard_title", "standard_year"}],
     "modules": [{"code", "title", "occupation": code-or-name-or-null, "theory_hours", "practice_hours",
                  "outcomes": [], "body": markdown, "tags": [], "prerequisites": [codes],
                  "materials": [blocks, files named {"file", "sha256", "title"}: see curricula/bundle.py]}],
     "packages": [{"code", "title", "occupation": code-or-name, "level": 1-5, "min_hours": number-or-null,
                   "modules": [codes], "summary", "assessment", "supersedes": code-or-null}]}

The stages live in parse.py, plan.py, apply.py; report.py says what happened.

An occupation is named by its code, or by its name when it has none. Keys left out of an object keep the
current value of an existing page (and the default for a new one).
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction

from ..bundle import BundleError, is_zip, read_bundle
from .apply import Applier, ensure_library
from .json_input import parse_json
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
    "parse_upload",
]


def parse_upload(raw: bytes) -> tuple[object, dict | None]:
    """(data, files) of an uploaded JSON file or exchange ZIP (JSON + files, see curricula.bundle)."""
    if not is_zip(raw):
        return parse_json(raw), None
    try:
        text, files = read_bundle(raw)
    except BundleError as exc:
        raise ImportFailed([f"$: {error}" for error in exc.errors]) from exc
    return parse_json(text), files


def import_curricula(
    data, *, files=None, dry_run=False, user=None, log_line: Callable[[str], None] | None = None
) -> CurriculaImportReport:
    """Check `data` (parsed JSON) and the `files` its materials name, then apply it in one transaction.
    Raises ImportFailed with every problem."""
    with transaction.atomic():
        plan = Plan(data, files)
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
        data, files = parse_upload(handle.read())
    return import_curricula(data, files=files, **kwargs)
