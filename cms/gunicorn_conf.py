"""Gunicorn settings shared by `make serve`, the production-server test and bench/pages.py: one serving command.

Sync workers, 2 × CPU + 1 of them (gunicorn's own advice): processes sidestep the GIL for rendering, and a sync
worker accepts a connection only when it is free, so the load spreads evenly over the cores. Measured side by side
on the 2-core bench machine (issue 19, same pages, same commit): gthread workers with 4 threads served uncached
pages at 161-228 req/s, sync workers at 196-267 (+17-28 %), cache hits 2,248 -> 3,557 req/s, the static file
2,264 -> 3,963: a gthread worker takes connections while its threads are busy, so one core queued work while the
other idled. Behind the proxy (which buffers slow clients and keeps their connections alive) nothing needs threads.
Override with GUNICORN_WORKERS / GUNICORN_WORKER_CLASS (gthread) / GUNICORN_THREADS (more than 1 means gthread) /
GUNICORN_KEEPALIVE (seconds, gthread only) / GUNICORN_TIMEOUT; `--bind` comes from the command line.
"""

import multiprocessing
import os


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "")
    return default if value == "" else value.strip().lower() not in {"0", "false", "no", "off"}


workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * multiprocessing.cpu_count() + 1)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS") or "sync"
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
# No keep-alive by default: a kept-alive connection stays on the worker that accepted it, so a proxy's (or a load
# generator's) few connections all landed on one worker while the other idled: half the machine for uncached pages
# (issue 19: 60 req/s with keep-alive, 120 without, same page, same machine). Closed after each response, every
# request is a new accept and goes to a free worker. The proxy in front keeps the clients' connections alive.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE") or 0)
# A request may take this long before its worker is replaced: an editor's import or export of a large workbook.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
graceful_timeout = 10
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 5000)
# A wide jitter keeps workers from recycling together: while every worker restarts, nobody accepts requests.
max_requests_jitter = max_requests // 2
# Import the project once in the master; recycled workers fork warm code instead of importing it again
# (GUNICORN_PRELOAD=0 switches this off, e.g. to reload code with HUP during development).
preload_app = _flag("GUNICORN_PRELOAD", True)
# Render a few pages in each new worker before it accepts connections (cms/warmup.py).
warm_workers = _flag("GUNICORN_WARMUP", True)
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")


def when_ready(server):
    """With preload, the master imported the project and warms it once (children fork warm: compiled templates,
    URL resolvers, search dictionaries), then drops any connection it opened so children never share one."""
    if preload_app:
        from django.db import connections

        if warm_workers:
            from cms.warmup import master_paths, warm_up

            seconds = warm_up(server.app.wsgi(), master_paths())
            server.log.info("master warmed up in %.2fs", seconds)
        connections.close_all()


def post_worker_init(worker):
    if warm_workers:
        from cms.warmup import warm_up

        seconds = warm_up(worker.wsgi)
        worker.log.info("worker %s warmed up in %.2fs", worker.pid, seconds)


def worker_exit(server, worker):
    """A worker leaving (recycled by `max_requests`, or stopping) ends its process here once its requests are done.

    Why: the interpreter's own teardown of a worker took 1.5-3 s (measured on the 2-core bench machine), and gunicorn
    forks the replacement only once the old process is gone; when both workers recycled close together, nobody
    answered for that long (bench/recycle.py: 24 requests over 1 s, worst 3.5 s; with this hook none over 0.5 s).
    What the teardown would have done that matters is done first: database connections closed, caches closed, logs
    flushed."""
    import logging
    import sys

    from django.core.cache import caches
    from django.db import connections

    from cms.db_statistics import optimise

    leaving = sys.exc_info()[1]  # the SystemExit gunicorn raised, with the code the master reads (boot failures)
    if leaving is not None and not isinstance(leaving, SystemExit):
        return  # an unexpected error: let gunicorn report it as it does
    code = leaving.code if isinstance(leaving, SystemExit) else 0
    optimise()  # SQLite: refresh the planner's statistics a little, once per worker lifetime
    connections.close_all()
    caches.close_all()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 1)
