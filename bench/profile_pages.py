"""Where a page request spends its time: cProfile over the real middleware stack, per page type, cold and warm.

    .venv/bin/python bench/profile_pages.py                      # throw-away demo site, 200 requests per page
    .venv/bin/python bench/profile_pages.py --site /tmp/benchsite --requests 500 --only home,curricula.CourseModule

Runs Django in this process with the production settings that `bench/pages.py` serves (DEBUG off, manifest
static storage, the shared file cache for tag versions) and sends requests through the full handler (every
middleware, no HTTP socket). For each page it prints the share of own time by area (templates, database,
Markdown, cache, middleware, ...) and the functions with most own time. Profiles are CPU shares, so they stay
comparable on a busy machine, unlike requests/s.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.prodserver import ProductionServer  # noqa: E402

# First matching fragment of a function's file path decides its area.
AREAS = [
    ("django/template", "templates"),
    ("wagtail/templatetags", "templates"),
    ("templatetags", "templates"),
    ("django/db", "database"),
    ("sqlite3", "database"),
    ("psycopg", "database"),
    ("markdown", "markdown"),
    ("nh3", "markdown"),
    ("cms/cache", "page cache"),
    ("django/core/cache", "page cache"),
    ("pickle", "page cache"),
    ("django/middleware", "middleware"),
    ("django/contrib/sessions", "middleware"),
    ("django/contrib/auth", "middleware"),
    ("django/contrib/messages", "middleware"),
    ("cms/security", "middleware"),
    ("django/urls", "url routing"),
    ("wagtail/", "wagtail"),
    ("modelcluster", "wagtail"),
    ("django/utils/translation", "i18n"),
    ("gettext", "i18n"),
    ("django/", "django other"),
]


def area_of(filename: str) -> str:
    path = filename.replace("\\", "/")
    for fragment, area in AREAS:
        if fragment in path:
            return area
    if str(BASE_DIR) in path and "/.venv/" not in path:
        return "project code"
    return "python / other"


def profile_url(client, url: str, requests: int) -> pstats.Stats:
    for _ in range(3):  # warm up: compiled templates, the chrome memo, a cache entry when the cache is on
        client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(url)
    profiler.disable()
    return pstats.Stats(profiler)


def report(label: str, mode: str, stats: pstats.Stats, requests: int, top: int) -> None:
    total = stats.total_tt or 1e-9
    by_area: dict[str, float] = defaultdict(float)
    rows = []
    for (filename, line, name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        by_area[area_of(filename)] += own
        rows.append((own, f"{Path(filename).name}:{line} {name}", area_of(filename)))
    print(f"\n== {label} ({mode}): {total / requests * 1000:.2f} ms CPU per request under the profiler")
    print(
        "   " + ", ".join(f"{area} {share / total:.0%}" for area, share in sorted(by_area.items(), key=lambda i: -i[1]))
    )
    for own, where, area in sorted(rows, reverse=True)[:top]:
        print(f"   {own / total:6.1%}  {where}  [{area}]")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", default="", help="folder of a bench site (prepared when empty)")
    parser.add_argument("--requests", type=int, default=200, help="profiled requests per page and mode")
    parser.add_argument("--top", type=int, default=8, help="functions listed per page")
    parser.add_argument("--only", default="", help="comma-separated page labels")
    parser.add_argument("--mode", choices=["cold", "warm", "both"], default="both")
    parser.add_argument("--callers", default="", help="also print who calls functions matching this name")
    args = parser.parse_args(argv)

    site = Path(args.site) if args.site else None
    server = ProductionServer(root=site, log=lambda message: print(message, flush=True))
    if site is None or not (site / "db.sqlite3").exists():
        server.prepare()
    os.environ.update(server.env)
    import django

    django.setup()
    from django.test import Client, override_settings

    from bench.pages import discover_targets

    targets = discover_targets()
    if args.only:
        wanted = set(args.only.split(","))
        targets = [target for target in targets if target.label in wanted]
    client = Client(HTTP_HOST="127.0.0.1")
    modes = ["cold", "warm"] if args.mode == "both" else [args.mode]
    for target in targets:
        for mode in modes:
            with override_settings(PAGE_CACHE_ENABLED=mode == "warm"):
                stats = profile_url(client, target.url, args.requests)
            report(target.label, mode, stats, args.requests, args.top)
            if args.callers:
                stats.sort_stats("tottime").print_callers(args.callers, 5)
    server.cleanup()


if __name__ == "__main__":
    main()
