"""Warm a freshly started gunicorn worker before it accepts its first connection.

A worker recycled by `max_requests` used to answer its first requests while compiling templates, filling URL
resolvers and loading the search dictionaries: an outside load test saw 5.4 s. The code is imported once in the
master (`preload_app`), which renders the warm paths once before it forks (`when_ready`), so every worker starts
with what they filled; each new worker then renders them once more through its own WSGI application, in
`post_worker_init`, before gunicorn lets it accept requests (its own database connection, what the master could
not do for it).
"""

from __future__ import annotations

import io
import logging
import sys
import time

from django.conf import settings

logger = logging.getLogger(__name__)

WARM_PATHS = ("/", "/search/?q=%E5%85%BB%E8%80%81")


def master_paths() -> tuple[str, ...]:
    """What the preloaded master renders before it forks workers: every warm path, except search when it talks to
    a search node (a client connection opened in the master would be shared by every child)."""
    if settings.ELASTICSEARCH_URL:
        return tuple(path for path in WARM_PATHS if not path.startswith("/search/"))
    return WARM_PATHS


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        host = host.lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def _environ(path: str) -> dict:
    path_info, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": _host(),
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": _host(),
        "HTTP_X_FORWARDED_PROTO": "https",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def warm_up(application, paths=WARM_PATHS) -> float:
    """Send `paths` through `application`; returns the seconds it took. Never raises: a failed warm-up only
    means the first real request pays the cost, as before."""
    started = time.monotonic()
    for path in paths:
        try:
            result = application(_environ(path), lambda status, headers, exc_info=None: None)
            try:
                for _chunk in result:
                    pass
            finally:
                close = getattr(result, "close", None)
                if close:
                    close()
        except Exception:  # a warm-up must not keep a worker from starting
            logger.warning("warm-up request %s failed", path, exc_info=True)
    return time.monotonic() - started
