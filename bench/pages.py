"""Page-serving bench: the production command (gunicorn + production settings) on 127.0.0.1, a temporary SQLite
site with the demo content, then requests/s, p50 and p99 per page, cold (page cache off) and warm (on), plus SQL
queries and HTML size per page measured in-process. Prints a table.

    .venv/bin/python bench/pages.py            # 15 s per URL and mode, concurrency 4
    .venv/bin/python bench/pages.py --quick    # 3 s per URL and mode
    .venv/bin/python bench/pages.py --runs 3   # median of 3 runs per figure
    .venv/bin/python bench/pages.py --scale 50 --site /tmp/benchsite   # demo size vs 50× content (bench/scale.py)

Pages are discovered from the database: the home page, one live page of every specific page type, and
/search/?q=养老, so content types merged later are covered without editing this file; plus the 进度 page's JSON.
`--progress-figures` first tops the 进度 data up to 21 市州 × 12 measures × 60 months (about 15,000 rows).
The load generator is `wrk` when installed (apt-get install wrk), otherwise a bounded threaded Python client.
Requests go to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.peer import PeerServer  # noqa: E402
from tests.prodserver import ProductionServer  # noqa: E402

SEARCH_QUERY = "养老"


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass
class Target:
    label: str
    url: str
    queries: int | None = None  # as served: Site, settings and menu from the per-process memo
    queries_no_memo: int | None = None  # what the query-budget tests pin (CHROME_MEMO off)
    html_bytes: int | None = None


# --- load generators --------------------------------------------------------------------------------------------


def wrk_load(url: str, seconds: int, concurrency: int) -> Load:
    threads = min(2, concurrency)
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{seconds}s", "--latency", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout

    def duration_ms(text: str) -> float:
        value, unit = re.match(r"([\d.]+)(us|ms|s|m)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = duration_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = duration_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", output))
    errors += sum(int(n) for n in re.findall(r"Socket errors:.*?timeout (\d+)", output))
    return Load(rps, p50, p99, errors)


def python_load(url: str, seconds: int, concurrency: int, max_requests: int = 200_000) -> Load:
    """Keep-alive HTTP/1.1 from `concurrency` threads until the time or the request budget runs out."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    budget = [max_requests]

    def worker():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        local: list[float] = []
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            local.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(local)

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    if not latencies:
        return Load(0.0, 0.0, 0.0, errors[0])

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return Load(len(latencies) / elapsed, pct(0.50), pct(0.99), errors[0])


def measure(url: str, seconds: int, concurrency: int, runs: int, use_wrk: bool) -> Load:
    results = [(wrk_load if use_wrk else python_load)(url, seconds, concurrency) for _ in range(runs)]
    results.sort(key=lambda load: load.rps)
    median = results[len(results) // 2]
    return Load(median.rps, median.p50_ms, median.p99_ms, sum(load.errors for load in results))


# --- discovery and in-process measurements ----------------------------------------------------------------------


def seed_progress_figures(measures: int = 12, months: int = 60) -> int:
    """Top the bench site's 进度 data up to `measures` × 21 市州 × `months` (example measures 示例统计对象 N)."""
    import datetime

    from cms.reference import CITY_NAMES
    from progress.models import Measure, ProgressFigure

    existing = list(Measure.objects.all())
    for index in range(len(existing), measures):
        existing.append(Measure.objects.create(name=f"示例统计对象{index + 1}", kind="role", sort_order=100 + index))
    first = datetime.date(2021, 1, 1)
    stored = set(ProgressFigure.objects.values_list("measure_id", "city", "month"))
    rows = []
    for measure in existing[:measures]:
        for city in CITY_NAMES:
            for index in range(months):
                month = datetime.date(first.year + index // 12, index % 12 + 1, 1)
                if (measure.pk, city, month) not in stored:
                    rows.append(
                        ProgressFigure(measure=measure, city=city, month=month, trained=10 + index, certified=6)
                    )
    ProgressFigure.objects.bulk_create(rows, batch_size=2000)
    return ProgressFigure.objects.count()


def discover_targets() -> list[Target]:
    """The home page, one live page of every specific page type, and a search (Django must be set up)."""
    from wagtail.models import Page

    targets = [Target("home", "/")]
    seen = set()
    pages = Page.objects.live().public().filter(depth__gt=2).order_by("path").select_related("content_type")
    for page in pages:
        label = page.content_type.model_class()._meta.label if page.content_type.model_class() else "?"
        if label in seen:
            continue
        seen.add(label)
        url = page.specific.url
        if url:
            targets.append(Target(label, url))
    targets.append(Target("search", f"/search/?q={SEARCH_QUERY}"))
    progress = next((target for target in targets if target.label == "progress.ProgressPage"), None)
    if progress is not None:
        targets.append(Target("progress.json", progress.url + "json/"))
    targets += route_targets()
    return targets


def discover_and_count(server: ProductionServer, progress_figures: bool = False) -> tuple[list[Target], str | None]:
    """Set Django up in this process on the bench database (page cache off) to find pages and count queries."""
    os.environ.update({**server.env, "PAGE_CACHE": "0"})
    import django

    django.setup()
    if progress_figures:
        print(f"progress figures in the bench site: {seed_progress_figures()}", flush=True)
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    targets = discover_targets()
    client = Client(HTTP_HOST="127.0.0.1")

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        return (len(context.captured_queries) if response.status_code == 200 else None), response

    for target in targets:
        target.queries, response = count(target.url)
        target.html_bytes = len(response.content)
        with override_settings(CHROME_MEMO_ENABLED=False):
            target.queries_no_memo, _ = count(target.url)
    home_html = client.get("/").content.decode()
    match = re.search(r'href="(/static/cms/css/site\.[0-9a-f]+\.css)"', home_html)
    return targets, match.group(1) if match else None


def route_targets() -> list[Target]:
    """URLs that are routes of a page rather than pages: the training directory filtered, a provider, a class and
    a package page with a chosen 市州 (the 报名与补贴 block)."""
    from django.apps import apps

    if not apps.is_installed("training"):
        return []
    index = apps.get_model("training", "TrainingIndexPage").objects.live().first()
    provider = apps.get_model("training", "Provider").objects.order_by("pk").first()
    item = apps.get_model("training", "TrainingClass").objects.order_by("start_date", "pk").first()
    package = apps.get_model("curricula", "TrainingPackage").objects.live().order_by("path").first()
    if index is None:
        return []
    targets = [Target("training: directory filtered", f"{index.url}?city=成都&occupation=4-10-01-05&level=5")]
    targets.append(Target("training: providers", f"{index.url}?show=providers"))
    if provider is not None:
        targets.append(Target("training: provider", f"{index.url}providers/{provider.credit_code}/"))
    if item is not None:
        targets.append(Target("training: class", f"{index.url}classes/{item.code}/"))
    if package is not None:
        targets.append(Target("package + 报名与补贴 (绵阳)", f"{package.url}?city=绵阳"))
    return targets


def wire_url(server: ProductionServer, url: str) -> str:
    return server.base_url + quote(url, safe="/?=&%")


def prime(url: str) -> None:
    """Fill the page cache of every worker (connections land on workers at random)."""
    parts = urlsplit(url)
    for _ in range(20):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
            connection.getresponse().read()
        except (OSError, http.client.HTTPException) as exc:
            print(f"  priming {url}: {exc!r}", flush=True)
        finally:
            connection.close()


def median_load(loads: list[Load]) -> Load:
    ordered = sorted(loads, key=lambda load: load.rps)
    middle = ordered[len(ordered) // 2]
    return Load(middle.rps, middle.p50_ms, middle.p99_ms, sum(load.errors for load in loads))


def summarise(figures, targets, peer_detail, peer_other) -> None:
    """Medians over pages × rounds, and the ratios the serving goals are stated in."""

    def median_rps(keys) -> float | None:
        values = [load.rps for key in keys for load in figures.get(key, [])]
        return statistics.median(values) if values else None

    detail = [t.label for t in targets if t.label not in ("home", "search")]
    cold = median_rps([(label, "cold") for label in detail])
    warm = median_rps([(label, "warm") for label in detail])
    static = median_rps([("static", "cold")])
    if cold is None:
        return
    print(f"\nuncached detail pages, median of pages × rounds: {cold:.1f} req/s; cached: {warm:.1f} req/s")
    if static:
        print(f"static file: {static:.1f} req/s; cached / static = {warm / static:.2f} (goal ≥ 0.80)")
    if peer_detail:
        peer_cold = median_rps([(label, "peer") for label, _ in peer_detail])
        peer_home = median_rps([("peer home", "peer")])
        home = median_rps([("home", "cold")])
        if not peer_cold:
            print("reference detail pages answered nothing: check the checkout (bench/README.md)")
            return
        print(f"reference detail pages: {peer_cold:.1f} req/s; ours / reference = {cold / peer_cold:.2f} (goal ≥ 2)")
        if peer_home and home:
            print(f"home uncached: ours {home:.1f}, reference {peer_home:.1f} req/s ({home / peer_home:.2f}×)")
        for label, path in peer_detail + peer_other:
            print(f"  {label:34} {path:30} {median_rps([(label, 'peer')]):9.1f} req/s")


def cpu_calibration() -> float:
    """Seconds for a fixed pure-Python loop (about 0.2 s on an idle core): shows how busy the machine was."""
    started = time.perf_counter()
    sum(range(10_000_000))
    return time.perf_counter() - started


# --- flat as content grows (--scale N) ---------------------------------------------------------------------------


def time_pages(targets: list[Target], samples: int) -> dict[str, tuple[float, int | None]]:
    """Best milliseconds of `samples` requests (after one warm-up) and SQL queries, per page, in-process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    figures = {}
    for target in targets:
        client.get(target.url)
        with CaptureQueriesContext(connection) as context:
            response = client.get(target.url)
        queries = len(context.captured_queries) if response.status_code == 200 else None
        times = []
        for _ in range(samples):
            started = time.perf_counter()
            client.get(target.url)
            times.append((time.perf_counter() - started) * 1000)
        figures[target.label] = (min(times), queries)  # best of: other load on the machine only adds
    return figures


def measure_child(server: ProductionServer, samples: int) -> dict[str, list]:
    """Time the pages in a fresh process (no memory or memo left over from building): {label: [url, ms, SQL]}."""
    output = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--scale-measure", "--samples", str(samples)],
        cwd=BASE_DIR,
        env={**server.env, "PAGE_CACHE": "0", "RATELIMIT": "0"},
        capture_output=True,
        text=True,
        timeout=1800,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def scale_measure(samples: int) -> None:
    """Child of scale_run: Django on the site named by the environment; one JSON line on stdout."""
    import django

    django.setup()
    targets = discover_targets()
    figures = time_pages(targets, samples)
    print(json.dumps({target.label: [target.url, *figures[target.label]] for target in targets}))


def print_scale_table(before: dict, after: dict, n: int) -> None:
    """Both sizes side by side, flagging a page whose time or query count grows more than 20%."""
    header = f"{'page':34} {'ms demo':>8} {f'ms {n}×':>8} {'ratio':>6} | {'SQL demo':>8} {f'SQL {n}×':>8} |"
    print(header)
    print("-" * len(header))
    flagged = []
    for label, (url, ms_before, q_before) in before.items():
        if label not in after:
            continue
        url_after, ms_after, q_after = after[label]
        ratio = ms_after / ms_before if ms_before else 0
        grew = ratio > 1.2 or (q_before is not None and q_after is not None and q_after > q_before * 1.2)
        if grew or q_after is None:
            flagged.append(label)
        note = "  grows > 20%" if grew else ""
        if url_after != url:
            note += f"  (measured {url} then {url_after})"
        print(f"{label:34} {ms_before:8.1f} {ms_after:8.1f} {ratio:6.2f} | {q_before!s:>8} {q_after!s:>8} |{note}")
    print(f"pages whose time or query count grows more than 20%: {', '.join(flagged) or 'none'}")


def best_of(runs: list[dict]) -> dict:
    """Per page, the best time over several measurements (URL and SQL count of the first)."""
    best: dict = {}
    for run in runs:
        for label, (url, ms, queries) in run.items():
            if label in best:
                best[label][1] = min(best[label][1], ms)
            else:
                best[label] = [url, ms, queries]
    return best


def copy_site(site: Path, root: Path) -> None:
    """Copy a prepared site's database (its WAL log too), static files and media into `root`."""
    for name in ("db.sqlite3", "db.sqlite3-wal", "static", "media"):
        source = site / name
        if source.is_dir():
            shutil.copytree(source, root / name, dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, root / name)


def scale_compare(demo_site: str, grown_site: str, n: int, samples: int, rounds: int) -> None:
    """Measure a demo site and a grown site (kept by `--scale N --keep`) in alternating fresh processes, `rounds`
    times each, best time per page: on a shared machine a minute's drift in speed otherwise shows as growth."""
    servers = []
    for site in (demo_site, grown_site):
        root = Path(tempfile.mkdtemp(prefix="kangyang-compare-"))
        copy_site(Path(site), root)  # measuring never changes a site
        servers.append(ProductionServer(root=root, env={"PAGE_CACHE": "0", "RATELIMIT": "0"}, log=print))
    print(f"cpu calibration: {cpu_calibration():.2f}s for sum(range(10**7)) (about 0.2 s on an idle core)")
    runs: tuple[list, list] = ([], [])
    for round_number in range(rounds):
        for index, server in enumerate(servers):
            runs[index].append(measure_child(server, samples))
        print(f"round {round_number + 1} of {rounds} measured", flush=True)
    print(f"cpu calibration after the run: {cpu_calibration():.2f}s")
    print_scale_table(best_of(runs[0]), best_of(runs[1]), n)
    for server in servers:
        shutil.rmtree(server.root, ignore_errors=True)


def scale_run(n: int, site: str, samples: int, keep: bool) -> None:
    """Measure every page type at demo size, grow the same database n× (bench/scale.py), measure again."""
    root = Path(tempfile.mkdtemp(prefix="kangyang-scale-"))
    server = ProductionServer(
        root=root, env={"PAGE_CACHE": "0", "RATELIMIT": "0"}, log=lambda message: print(message, flush=True)
    )
    if site and not (Path(site) / "db.sqlite3").exists():  # first run: prepare the demo site there, for reuse
        ProductionServer(root=Path(site), log=lambda message: print(message, flush=True)).prepare()
    if site:  # a prepared site is copied, never changed
        copy_site(Path(site), root)
    else:
        server.prepare()
    print(f"cpu calibration: {cpu_calibration():.2f}s for sum(range(10**7)) (about 0.2 s on an idle core)")
    print(f"demo size: measuring every page type, best of {samples} requests each (page cache off)", flush=True)
    before = measure_child(server, samples)
    os.environ.update(server.env)
    import django

    django.setup()
    from bench import scale

    started = time.monotonic()
    scale.build(n, log=lambda message: print(message, flush=True))
    print(f"site grown to {n}× in {time.monotonic() - started:.0f}s; counts: {scale.counts()}", flush=True)
    after = measure_child(server, samples)
    print(f"cpu calibration after the run: {cpu_calibration():.2f}s")
    print_scale_table(before, after, n)
    if keep:
        print(f"site kept at {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)


# --- main -------------------------------------------------------------------------------------------------------


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 s per URL instead of 15 s")
    parser.add_argument("--seconds", type=int, default=None, help="seconds per URL and mode (default 15)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--runs", type=int, default=1, help="runs per figure; the median is shown")
    parser.add_argument("--workers", default="", help="gunicorn workers (default: CPU count)")
    parser.add_argument("--threads", default="", help="threads per gunicorn worker (default: 4)")
    parser.add_argument("--worker-class", default="", help="gthread (default) or sync")
    parser.add_argument("--redis", default="", help="REDIS_URL for the server's cache (default: local memory)")
    parser.add_argument("--python-client", action="store_true", help="use the Python client even if wrk exists")
    parser.add_argument("--site", default="", help="folder for the bench site, kept and reused between runs")
    parser.add_argument("--peer", default="", help="a prepared wagtail/bakerydemo checkout to measure beside ours")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds (ours cold, peer, ours warm)")
    parser.add_argument("--only", default="", help="comma-separated labels to measure (e.g. home,search)")
    parser.add_argument(
        "--progress-figures", action="store_true", help="fill the 进度 data to 21 × 12 × 60 monthly rows first"
    )
    parser.add_argument("--scale", type=int, default=0, help="compare demo size with N× the content (in-process)")
    parser.add_argument("--samples", type=int, default=9, help="--scale: requests per page, best shown")
    parser.add_argument("--scale-measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="--scale: keep the grown site and print its folder")
    parser.add_argument("--compare", default="", help="--scale N: a grown site kept before, measured beside --site")
    args = parser.parse_args(argv)
    if args.scale_measure:
        scale_measure(args.samples)
        return
    if args.scale:
        if args.compare:
            scale_compare(args.site, args.compare, args.scale, args.samples, args.rounds)
        else:
            scale_run(args.scale, args.site, args.samples, args.keep)
        return
    seconds = args.seconds or (3 if args.quick else 15)
    use_wrk = bool(shutil.which("wrk")) and not args.python_client

    env = {
        "GUNICORN_WORKERS": args.workers,
        "GUNICORN_THREADS": args.threads,
        "GUNICORN_WORKER_CLASS": args.worker_class,
    }
    env = {key: value for key, value in env.items() if value}
    if args.redis:
        env["REDIS_URL"] = args.redis
    site = Path(args.site) if args.site else None
    env["RATELIMIT"] = "0"  # one client address sends everything: the search limit would answer 429 (not measured)
    with ProductionServer(root=site, env=env, log=lambda message: print(message, flush=True)) as server:
        if site is None or not (site / "db.sqlite3").exists():
            server.prepare()
        targets, static_path = discover_and_count(server, args.progress_figures)
        if args.only:
            wanted = set(args.only.split(","))
            targets = [target for target in targets if target.label in wanted]
        generator = "wrk" if use_wrk else "python threads"
        print(f"cpu calibration: {cpu_calibration():.2f}s for sum(range(10**7)) (about 0.2 s on an idle core)")
        print(
            f"load: {generator}, concurrency {args.concurrency}, {seconds}s per URL, median of {args.runs}; "
            f"gunicorn {env.get('GUNICORN_WORKER_CLASS', 'sync')} "
            f"workers={env.get('GUNICORN_WORKERS', 2 * (os.cpu_count() or 1) + 1)} "
            f"threads={env.get('GUNICORN_THREADS', 1)}; "
            f"cache: {'redis' if args.redis else 'local memory + file tags'}",
            flush=True,
        )
        figures: dict[tuple[str, str], list[Load]] = {}
        peer = PeerServer(Path(args.peer)) if args.peer else None
        peer_detail: list[tuple[str, str]] = []
        peer_other: list[tuple[str, str]] = []

        def record(label: str, mode: str, url: str, warm: bool = False) -> None:
            if warm:
                prime(url)
            load = measure(url, seconds, args.concurrency, args.runs, use_wrk)
            figures.setdefault((label, mode), []).append(load)
            print(f"  {mode:4} {label:34} {load.rps:9.1f} req/s", flush=True)

        for round_number in range(1, args.rounds + 1):
            if args.rounds > 1:
                print(f"round {round_number} of {args.rounds}", flush=True)
            for mode, page_cache in (("cold", "0"), ("warm", "1")):
                server.start(env={"PAGE_CACHE": page_cache})
                try:
                    for target in targets:
                        record(target.label, mode, wire_url(server, target.url), warm=mode == "warm")
                    if mode == "cold" and static_path:
                        record("static", "cold", server.base_url + static_path)
                finally:
                    server.stop()
                if peer is not None and mode == "cold":
                    peer.start()
                    try:
                        if not peer_detail:
                            peer_detail, peer_other = peer.pages()
                        peer.warm(peer_detail + peer_other)
                        for label, path in peer_detail + peer_other:
                            record(label, "peer", peer.base_url + path)
                    finally:
                        peer.stop()

    print(f"\ncpu calibration after the run: {cpu_calibration():.2f}s")
    header = (
        f"{'page':34} {'url':28} {'SQL':>6} {'HTML KB':>7} | {'cold req/s':>10} {'p50 ms':>7} {'p99 ms':>7} "
        f"| {'warm req/s':>10} {'p50 ms':>7} {'p99 ms':>7}"
    )
    print(header)
    print("-" * len(header))
    legend = "SQL: queries per page as served (site chrome memoised) / with CHROME_MEMO off (what the tests pin)"
    for target in targets:
        cold, warm = median_load(figures[(target.label, "cold")]), median_load(figures[(target.label, "warm")])
        queries = "-" if target.queries is None else f"{target.queries}/{target.queries_no_memo}"
        size = f"{(target.html_bytes or 0) / 1024:.1f}"
        url = target.url if len(target.url) <= 28 else target.url[:27] + "…"
        errors = "" if not (cold.errors or warm.errors) else f"  errors: {cold.errors}/{warm.errors}"
        print(
            f"{target.label:34} {url:28} {queries:>6} {size:>7} | {cold.rps:10.1f} {cold.p50_ms:7.1f} "
            f"{cold.p99_ms:7.1f} | {warm.rps:10.1f} {warm.p50_ms:7.1f} {warm.p99_ms:7.1f}{errors}"
        )
    if ("static", "cold") in figures:
        static = median_load(figures[("static", "cold")])
        print(
            f"{'static file (whitenoise)':34} {static_path[:28]:28} {'0':>6} {'':>7} | {static.rps:10.1f} "
            f"{static.p50_ms:7.1f} {static.p99_ms:7.1f} |"
        )
    print(legend)
    summarise(figures, targets, peer_detail, peer_other)


if __name__ == "__main__":
    main()
