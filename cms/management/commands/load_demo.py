"""Load the demo content of every app, idempotently: a second run changes nothing."""

import importlib
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.db_statistics import analyse


def demo_modules():
    """Each project app may ship a `demo` module with `ORDER` and `load(log)`; found by convention."""
    modules = []
    for config in apps.get_app_configs():
        if not Path(config.path).is_relative_to(settings.BASE_DIR) or ".venv" in Path(config.path).parts:
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.demo":
                raise
            continue
        modules.append(module)
    return sorted(modules, key=lambda module: getattr(module, "ORDER", 100))


class Command(BaseCommand):
    help = "Load (or complete) the demo content. Safe to run any number of times."

    def handle(self, *args, **options):
        started = time.monotonic()
        modules = demo_modules()
        with transaction.atomic():
            for index, module in enumerate(modules, start=1):
                name = module.__name__.rsplit(".", 1)[0]
                self.stdout.write(f"[{index}/{len(modules)}] {name} …")
                module.load(lambda message: self.stdout.write(f"    {message}"))
        analyse()  # the planner's statistics for what was just loaded
        self.stdout.write(
            self.style.SUCCESS(f"演示内容已就绪 / demo content ready in {time.monotonic() - started:.1f}s")
        )
