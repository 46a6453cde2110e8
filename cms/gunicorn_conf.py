"""Gunicorn settings shared by `make serve`, the production-server test and bench/pages.py: one serving command.

Workers follow the CPU count (processes sidestep the GIL for rendering); each worker runs a few threads so a
slow client or a database wait does not idle a core. Override with GUNICORN_WORKERS / GUNICORN_THREADS /
GUNICORN_WORKER_CLASS; `--bind` comes from the command line.
"""

import multiprocessing
import os

workers = int(os.environ.get("GUNICORN_WORKERS") or multiprocessing.cpu_count())
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
keepalive = 5
timeout = 30
graceful_timeout = 10
max_requests = 5000
max_requests_jitter = 500
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
