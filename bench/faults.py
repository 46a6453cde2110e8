"""Fault checks (issue 15): run the production server (gunicorn + production settings + demo) through faults and
print what held.

Usage: .venv/bin/python bench/faults.py [--only redis|postgres] [--seconds 25]

1. Redis unreachable while REDIS_URL is set: pages, the API and an admin login through the real form must work
   (the cache fails open and logs it).
2. PostgreSQL restarted under load: /healthz answers 503 while it is down, the same gunicorn workers serve again
   within seconds after it returns, and no request is answered 500 after recovery. This restarts the local
   cluster with `pg_ctlcluster --skip-systemctl-redirect 15 main restart` (a few seconds; other users of the
   server see the same short outage) and uses its own database `security_faults`.
"""

import argparse
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cms.prodserver import ProductionServer  # noqa: E402

PG_ADMIN_URL = os.environ.get("FAULTS_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = os.environ.get("FAULTS_PG_DATABASE", "security_faults")
PG_RESTART = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart"]


def fetch(url: str, timeout: float = 10) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0  # no answer at all


def admin_login(base_url: str, password: str) -> bool:
    """Log in through the real Wagtail login form (CSRF cookie and token included)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base_url + "/admin/login/", timeout=10) as response:
        html = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "admin", "password": password, "next": "/admin/"}
    ).encode()
    request = urllib.request.Request(base_url + "/admin/login/", data=data, headers={"Referer": base_url + "/"})
    with opener.open(request, timeout=10) as response:
        landed = response.geturl()
        response.read()
    return landed.rstrip("/").endswith("/admin") and "sessionid" in {cookie.name for cookie in jar}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def report(label: str, held: bool, detail: str) -> bool:
    print(f"  [{'HELD' if held else 'FAILED'}] {label}: {detail}")
    return held


def redis_unreachable() -> bool:
    print("Redis unreachable while REDIS_URL is set")
    with ProductionServer(env={"GUNICORN_WORKERS": "2"}, log=lambda message: print(f"  {message}")) as server:
        server.prepare()
        server.start(env={"REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"})
        results = []
        statuses = {
            path: [fetch(server.base_url + path) for _ in range(3)] for path in ("/", "/curricula/", "/api/v2/pages/")
        }
        for path, codes in statuses.items():
            results.append(report(f"GET {path}", all(code == 200 for code in codes), f"statuses {codes}"))
        logged_in = admin_login(server.base_url, server.env["DEMO_ADMIN_PASSWORD"])
        results.append(report("admin login through the form", logged_in, "logged in" if logged_in else "refused"))
        log = (server.root / "gunicorn.log").read_text(errors="replace")
        warned = "Redis cache unavailable" in log
        results.append(report("outage logged", warned, "warning in the gunicorn log" if warned else "no warning"))
        return all(results)


def worker_pids(master_pid: int) -> set[int]:
    output = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True)  # noqa: S603, S607
    return {int(pid) for pid in output.stdout.split()}


def ensure_database():
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{PG_DATABASE}"')


def postgres_restart(seconds: float) -> bool:
    print("PostgreSQL restarted under load")
    ensure_database()
    database_url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DATABASE}"
    env = {"DATABASE_URL": database_url, "GUNICORN_WORKERS": "2", "GUNICORN_THREADS": "4"}
    with ProductionServer(env=env, log=lambda message: print(f"  {message}")) as server:
        server.prepare()
        server.start()
        before = worker_pids(server.process.pid)
        samples: list[tuple[float, str, int]] = []
        stop = threading.Event()
        started = time.monotonic()

        def load(path):
            while not stop.is_set():
                code = fetch(server.base_url + path, timeout=5)
                samples.append((time.monotonic() - started, path, code))
                time.sleep(0.05)

        threads = [threading.Thread(target=load, args=(path,)) for path in ("/healthz", "/healthz", "/", "/curricula/")]
        for thread in threads:
            thread.start()
        time.sleep(3)
        restart_at = time.monotonic() - started
        subprocess.run(PG_RESTART, check=True, capture_output=True)  # noqa: S603
        restarted_at = time.monotonic() - started
        time.sleep(seconds)  # keep the load on for `seconds` after the database is back
        stop.set()
        for thread in threads:
            thread.join()
        after = worker_pids(server.process.pid)

    health = [(t, code) for t, path, code in samples if path == "/healthz"]
    down = [t for t, code in health if code == 503]
    first_ok_after = next((t for t, code in health if t > restarted_at and code == 200), None)
    recovered = first_ok_after if first_ok_after is not None else float("inf")
    after_recovery = [(t, path, code) for t, path, code in samples if t > recovered]
    errors_after = [(round(t, 2), path, code) for t, path, code in after_recovery if code != 200]
    during = [code for t, path, code in samples if restart_at <= t <= recovered and path != "/healthz"]
    print(
        f"  restart issued at {restart_at:.1f}s, pg_ctlcluster returned at {restarted_at:.1f}s; "
        f"{len(samples)} requests in {restarted_at + seconds:.0f}s"
    )
    results = [
        report(
            "/healthz 503 while the database is down",
            bool(down),
            f"{len(down)} answers 503 between {min(down, default=0):.1f}s and {max(down, default=0):.1f}s",
        ),
        report(
            "serving again within seconds",
            first_ok_after is not None and first_ok_after - restarted_at < 10,
            f"first /healthz 200 {recovered - restarted_at:.1f}s after the restart returned",
        ),
        report("same gunicorn workers", before == after, f"before {sorted(before)}, after {sorted(after)}"),
        report(
            "no error after recovery",
            not errors_after,
            f"{len(after_recovery)} requests after recovery, non-200: {errors_after[:5]}",
        ),
    ]
    print(f"  pages during the outage: {sorted(set(during))} (status codes seen; 0 = no answer)")
    return all(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["redis", "postgres"])
    parser.add_argument("--seconds", type=float, default=10, help="load kept on after PostgreSQL is back")
    options = parser.parse_args()
    held = []
    if options.only in (None, "redis"):
        held.append(redis_unreachable())
    if options.only in (None, "postgres"):
        held.append(postgres_restart(options.seconds))
    print("ALL HELD" if all(held) else "SOME FAILED")
    sys.exit(0 if all(held) else 1)


if __name__ == "__main__":
    main()
