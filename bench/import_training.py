"""Benchmark: import a workbook of 1,000 providers and 10,000 classes (dry run, real import, then the same file
again, which must change nothing) on the configured database, and render the directory and a package page.

Usage: .venv/bin/python bench/import_training.py [--providers 1000] [--classes 10000] [--keep]
       DATABASE_URL=postgres://postgres@127.0.0.1:5432/kangyang .venv/bin/python bench/import_training.py

The database must be migrated and hold the curricula demo (养老护理员 4-10-01-05 with package PKG-YL-5):
`manage.py load_demo`. The generated rows (codes BENCH-…) are deleted afterwards unless --keep is given.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from cms.reference import CITY_NAMES  # noqa: E402
from training.credit_code import make_credit_code  # noqa: E402
from training.demo import workbook_from  # noqa: E402
from training.importer import import_training  # noqa: E402
from training.models import Provider, TrainingClass, TrainingIndexPage  # noqa: E402


def rows(providers: int, classes: int):
    today = timezone.localdate()
    provider_rows = [
        [
            make_credit_code(f"91510000MA7{number:06d}"), f"基准测试机构{number}（示例）", "企业", "",
            CITY_NAMES[number % len(CITY_NAMES)], "示例区", "示例路 1 号（示例）", "028-0000 0000（示例）", "",
            "2024-01-01", "", "4-10-01-05:5/4", "",
        ]
        for number in range(providers)
    ]  # fmt: skip
    class_rows = []
    for number in range(classes):
        start = today + datetime.timedelta(days=1 + number % 180)
        class_rows.append(
            [
                f"BENCH-{number:05d}", provider_rows[number % providers][0], "PKG-YL-5" if number % 2 else "",
                "" if number % 2 else "4-10-01-05", "" if number % 2 else "4", "", start.isoformat(),
                (start + datetime.timedelta(days=14)).isoformat(), "", "", "40", str(number % 41), "1200",
                "是", "", "", "现场报名（示例）", "",
            ]
        )  # fmt: skip
    return provider_rows, class_rows


def timed(label, action):
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    print(f"{label:<34} {seconds:7.2f} s", flush=True)
    return result, seconds


def page_queries(url):
    client = Client(HTTP_HOST="127.0.0.1")
    with override_settings(PAGE_CACHE_ENABLED=False):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            response = client.get(url)
            seconds = time.perf_counter() - started
    return response.status_code, len(context.captured_queries), seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=1000)
    parser.add_argument("--classes", type=int, default=10000)
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    print(f"database: {connection.vendor}; {options.providers} providers, {options.classes} classes", flush=True)
    provider_rows, class_rows = rows(options.providers, options.classes)
    data = workbook_from(provider_rows, class_rows, [])
    print(f"workbook: {len(data) / 1024:.0f} KB", flush=True)
    try:
        report, _ = timed("dry run (check everything)", lambda: import_training(data, "bench.xlsx", dry_run=True))
        if not report.ok:
            sys.exit("\n".join(str(error) for error in report.errors[:20]))
        report, seconds = timed("import", lambda: import_training(data, "bench.xlsx"))
        if not report.saved:
            sys.exit("\n".join(str(error) for error in report.errors[:20]))
        print(f"  {report.summary()}  ({(options.providers + options.classes) / seconds:.0f} rows/s)")
        again, _ = timed("import the same file again", lambda: import_training(data, "bench.xlsx"))
        print(f"  {again.summary()}")
        if again.changes:
            sys.exit("a second import must change nothing")
        index = TrainingIndexPage.objects.live().first()
        for label, url in (
            ("directory", index.url),
            ("directory filtered", f"{index.url}?city=成都&occupation=4-10-01-05&level=5&starts=90"),
            ("package + 报名与补贴 (绵阳)", "/curricula/yanglaohuliyuan/pkg-yl-5/?city=绵阳"),
        ):
            status, queries, seconds = page_queries(url)
            print(f"{label:<34} HTTP {status}, {queries} queries, {seconds * 1000:.0f} ms uncached")
    finally:
        if not options.keep:
            TrainingClass.objects.filter(code__startswith="BENCH-").delete()
            Provider.objects.filter(name__startswith="基准测试机构").delete()


if __name__ == "__main__":
    main()
