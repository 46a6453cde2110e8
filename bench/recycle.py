"""Latency while gunicorn recycles workers (`max_requests`): the worst case, with and without the warm start.

    .venv/bin/python bench/recycle.py --site /tmp/benchsite             # 3,000 requests, recycle every 150
    .venv/bin/python bench/recycle.py --requests 5000 --max-requests 200

Serves the production command with the page cache off (every request renders) and a small GUNICORN_MAX_REQUESTS
so workers are recycled many times during the run, then prints p50, p99, the worst request and how many requests
took over 1 s, for the configured warm start (preload + warm-up) and for a cold start (GUNICORN_PRELOAD=0,
GUNICORN_WARMUP=0, what an outside test measured at 5.4 s).
"""

from __future__ import annotations

import argparse
import http.client
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.prodserver import ProductionServer  # noqa: E402

PATHS = ["/", "/curricula/", "/competitions/", "/search/?q=" + quote("养老护理")]


def hammer(base_url: str, total: int, concurrency: int) -> list[float]:
    """`total` GETs over `concurrency` keep-alive connections; latencies in seconds (a failure counts as 10 s)."""
    parts = urlsplit(base_url)
    latencies: list[float] = []
    lock = threading.Lock()
    remaining = [total]

    def worker(offset: int):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        index = offset
        while True:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            path = PATHS[index % len(PATHS)]
            index += 1
            started = time.perf_counter()
            elapsed = 10.0
            # A recycled worker closes its idle keep-alive connections: like a browser, retry once on a new one.
            for _attempt in range(2):
                try:
                    connection.request("GET", path)
                    response = connection.getresponse()
                    response.read()
                    if response.status < 500:
                        elapsed = time.perf_counter() - started
                    break
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            with lock:
                latencies.append(elapsed)
        connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(latencies)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", default="", help="folder of a bench site (prepared when empty)")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--max-requests", type=int, default=150)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args(argv)
    site = Path(args.site) if args.site else None
    with ProductionServer(root=site, log=lambda message: print(message, flush=True)) as server:
        if site is None or not (site / "db.sqlite3").exists():
            server.prepare()
        # RATELIMIT=0: one client address sends everything, and the search limit would answer 429 instead of pages.
        base = {"PAGE_CACHE": "0", "RATELIMIT": "0", "GUNICORN_MAX_REQUESTS": str(args.max_requests)}
        modes = {
            "warm start (preload + warm-up)": {},
            "cold start (no preload, no warm-up)": {"GUNICORN_PRELOAD": "0", "GUNICORN_WARMUP": "0"},
        }
        print(f"{args.requests} requests, concurrency {args.concurrency}, workers recycled every ~{args.max_requests}")
        for label, env in modes.items():
            server.start(env={**base, **env})
            try:
                latencies = hammer(server.base_url, args.requests, args.concurrency)
            finally:
                server.stop()
            count = len(latencies)
            slow = sum(1 for value in latencies if value > 1)
            print(
                f"{label:38} p50 {latencies[count // 2] * 1000:7.1f} ms  p99 {latencies[int(count * 0.99)] * 1000:7.1f}"
                f" ms  worst {latencies[-1] * 1000:7.1f} ms  over 1 s: {slow}",
                flush=True,
            )


if __name__ == "__main__":
    main()
