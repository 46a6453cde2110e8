"""Grow a demo site to N× its content, for `bench/pages.py --scale N` (Django must be set up on the bench database).

Why here and not in the apps: it is benchmark tooling. Per-app builders are discovered, so apps merged later are
covered: an app may define `bench_scale(n, log)` in its `demo.py`; otherwise the builder named after the app in
BUILDERS runs; otherwise the generic one. An app that is not installed is simply absent from the loop.

- Pages: every leaf page of the app's page types (modules, packages, events, campaigns, providers, ...) is copied
  n-1 times beside the original, with unique fields suffixed (Wagtail's copy: child relations, tags and the tree
  are kept right). Originals keep the first paths, so the pages measured at demo size are measured again.
- Training providers (when the training app is installed): cloned with valid credit codes up to
  `PROVIDERS_PER_N` × n, with their approvals.
- Competition results: bulk-created in the copied events up to `RESULTS_PER_N` × n rows in all.
- Search documents: the index is brought up to date, then topped up to `DOCUMENTS_PER_N` × n documents with
  generated pages (bulk INSERT with computed tree paths, as bench/search.py does).
"""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Callable

RESULTS_PER_N = 400  # 50× → 20,000 results
DOCUMENTS_PER_N = 400  # 50× → 20,000 search documents
PROVIDERS_PER_N = 30  # 50× → 1,500 training providers
SKIPPED_FIELDS = {"slug", "title", "draft_title", "url_path", "path", "translation_key"}


def _unique_fields(model) -> list:
    from wagtail.models import Page

    page_fields = {field.name for field in Page._meta.get_fields()}
    return [
        field
        for field in model._meta.concrete_fields
        if field.unique
        and not field.primary_key
        and field.name not in page_fields
        and field.get_internal_type() in ("CharField", "SlugField")
    ]


def copy_leaf_pages(app_label: str, n: int, log) -> int:
    """Copy each live leaf page of the app's page types n-1 times; returns how many pages were created.

    Wagtail's admin search index is not fed copy by copy (a third of the time); the public index (search app) is
    rebuilt at the end."""
    from django.conf import settings
    from django.test import override_settings

    backends = {name: {**config, "AUTO_UPDATE": False} for name, config in settings.WAGTAILSEARCH_BACKENDS.items()}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        return _copy_leaf_pages(app_label, n, log)


def _copy_leaf_pages(app_label: str, n: int, log) -> int:
    from django.apps import apps
    from django.core.exceptions import ValidationError
    from wagtail.models import Page

    created, skipped = 0, {}
    models = [
        model
        for model in apps.get_app_config(app_label).get_models()
        if issubclass(model, Page) and model is not Page and not model.max_count  # singletons stay single
    ]
    for model in models:
        originals = list(model.objects.live().filter(numchild=0).order_by("path"))
        if not originals:
            continue
        unique = _unique_fields(model)
        started = time.monotonic()
        for copy_number in range(2, n + 1):
            for page in originals:
                attrs = {
                    "slug": f"{page.slug}-s{copy_number}"[:255],
                    "title": f"{page.title}（{copy_number}）"[:255],
                }
                for field in unique:
                    value = getattr(page, field.attname)
                    suffix = f"-S{copy_number}"
                    attrs[field.attname] = f"{value[: field.max_length - len(suffix)]}{suffix}"
                try:
                    page.copy(update_attrs=attrs, copy_revisions=False, keep_live=True, log_action=None)
                except ValidationError as exc:  # e.g. a document number that must stay unique: reported, skipped
                    skipped[model._meta.label] = "; ".join(exc.messages)[:120]
                    break
                created += 1
            if model._meta.label in skipped:
                break
        if model._meta.label in skipped:
            log(f"  {model._meta.label}: not copied ({skipped[model._meta.label]})")
            continue
        log(f"  {model._meta.label}: {len(originals)} → {len(originals) * n} pages ({time.monotonic() - started:.0f}s)")
    return created


def build_competitions(n: int, log) -> None:
    """Events copied like every leaf page, then results spread over the copies up to RESULTS_PER_N × n."""
    from competitions.models import CompetitionEvent, ResultEntry

    copy_leaf_pages("competitions", n, log)
    target = RESULTS_PER_N * n
    missing = target - ResultEntry.objects.count()
    copies = list(CompetitionEvent.objects.filter(slug__regex=r"-s[0-9]+$").order_by("pk").values_list("pk", flat=True))
    if missing <= 0 or not copies:
        return
    templates = list(ResultEntry.objects.filter(is_team=False).order_by("pk")[:50])
    rng = random.Random(19)
    rows, per_event = [], -(-missing // len(copies))
    for event_pk in copies:
        for rank in range(1, per_event + 1):
            template = rng.choice(templates)
            rows.append(
                ResultEntry(
                    event_id=event_pk,
                    rank=rank,
                    name=template.name,
                    organisation=template.organisation,
                    city=template.city,
                    raw_score=template.raw_score,
                    standardised_score=template.standardised_score,
                    award=template.award if rank <= 30 else "",
                )
            )
            if len(rows) >= missing:
                break
        if len(rows) >= missing:
            break
    ResultEntry.objects.bulk_create(rows, batch_size=2000)
    log(f"  competitions.ResultEntry: → {ResultEntry.objects.count()} results")


def build_search(n: int, log) -> None:
    """Index every page, then top the index up with generated pages to DOCUMENTS_PER_N × n documents."""
    from bench.search import create_pages
    from search import indexing
    from search.documents import SearchDocument

    started = time.monotonic()
    indexing.rebuild(full=False)
    missing = DOCUMENTS_PER_N * n - SearchDocument.objects.count()
    if missing > 0:
        rng = random.Random(19)
        _parent, documents = create_pages(missing, rng)
        indexing.rebuild(full=False, document_for=lambda page: documents.get(page.pk))
    log(f"  search: {SearchDocument.objects.count()} documents ({time.monotonic() - started:.0f}s)")


def build_training(n: int, log) -> None:
    """Providers (plain models, not pages) cloned with valid credit codes up to PROVIDERS_PER_N × n, approvals too."""
    from training.credit_code import CHARSET, make_credit_code
    from training.models import Provider, ProviderApproval

    copy_leaf_pages("training", n, log)
    originals = list(Provider.objects.order_by("pk").prefetch_related("approvals"))
    missing = PROVIDERS_PER_N * n - len(originals)
    if missing <= 0 or not originals:
        return
    skip = {"id", "credit_code", "name"}
    fields = [field.attname for field in Provider._meta.concrete_fields if field.attname not in skip]
    clones = []
    for number in range(missing):
        original = originals[number % len(originals)]
        serial = "".join(CHARSET[(number // 31**power) % 31] for power in range(9))
        clone = Provider(**{name: getattr(original, name) for name in fields})
        clone.name = f"{original.name}（{number // len(originals) + 2}）"
        clone.credit_code = make_credit_code(f"52510100{serial}")  # 5 2 = 民办非企业单位, 510100 = 成都
        clone.approvals_to_copy = list(original.approvals.all())
        clones.append(clone)
    Provider.objects.bulk_create(clones, batch_size=500)
    ProviderApproval.objects.bulk_create(
        [
            ProviderApproval(provider=clone, occupation_id=approval.occupation_id, level=approval.level)
            for clone in clones
            for approval in clone.approvals_to_copy
        ],
        batch_size=2000,
    )
    log(f"  training.Provider: {len(originals)} → {Provider.objects.count()} providers")


BUILDERS: dict[str, Callable[[int, Callable], None]] = {
    "competitions": build_competitions,
    "training": build_training,
    "search": build_search,  # last: indexes what the others made
}


def project_apps() -> list[str]:
    """Installed apps living in this repository (domain apps and cms), in INSTALLED_APPS order."""
    from pathlib import Path

    from django.apps import apps

    root = Path(__file__).resolve().parent.parent
    return [
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == root and config.label != "cms"
    ]


def build(n: int, log=print) -> dict[str, float]:
    """Grow the site to n× its content; returns seconds per app."""
    seconds = {}
    labels = sorted(project_apps(), key=lambda label: label == "search")
    for label in labels:
        started = time.monotonic()
        try:
            hook = getattr(importlib.import_module(f"{label}.demo"), "bench_scale", None)
        except ModuleNotFoundError:
            hook = None
        builder = hook or BUILDERS.get(label) or (lambda count, log, label=label: copy_leaf_pages(label, count, log))
        log(f"{label}: {'bench_scale hook' if hook else builder.__name__ if label in BUILDERS else 'leaf pages'}")
        builder(n, log)
        seconds[label] = time.monotonic() - started
    from cms.db_statistics import analyse

    started = time.monotonic()
    analyse()  # as load_demo, the import commands and a search rebuild do after their bulk writes
    seconds["analyse"] = time.monotonic() - started
    log(f"planner statistics gathered (ANALYZE) in {seconds['analyse']:.1f}s")
    return seconds


def counts() -> dict[str, int]:
    """How much content the site holds, for the printout."""
    from django.apps import apps

    wanted = {
        "curricula.CourseModule": "modules",
        "curricula.TrainingPackage": "packages",
        "competitions.ResultEntry": "results",
        "search.SearchDocument": "search documents",
        "training.Provider": "providers",
        "training.TrainingProvider": "providers",
    }
    found = {}
    for label, name in wanted.items():
        try:
            found[name] = apps.get_model(label).objects.count()
        except LookupError:
            continue
    return found
