"""Run the real production command (gunicorn + production settings) on 127.0.0.1 against a throw-away site.

Why: the production-server test and bench/pages.py must exercise exactly what `make serve` runs (gunicorn config,
whitenoise manifest storage, the media view, the cache wiring across worker processes), not the test client.
Everything lives in one temporary folder: SQLite database, STATIC_ROOT, MEDIA_ROOT and the shared cache.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url: str, process: subprocess.Popen, timeout: float) -> bool:
    """Poll `url` until it answers 200 (True), the process exits or the time runs out (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310  (loopback only)
                if response.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)  # pacing between polls, not a wait for a condition
    return False


class ProductionServer:
    """Prepare a site (migrate, collectstatic, load_demo) once, then start and stop gunicorn on it.

    `env` overrides (e.g. PAGE_CACHE=0, GUNICORN_WORKERS=2, REDIS_URL=...) apply to every command.
    """

    def __init__(self, root: Path | None = None, env: dict[str, str] | None = None, log=print):
        self._own_root = root is None
        self.root = Path(root or tempfile.mkdtemp(prefix="kangyang-prod-"))
        self.log = log
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DEBUG": "0",
            "HTTPS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{self.root / 'db.sqlite3'}",
            "STATIC_ROOT": str(self.root / "static"),
            "MEDIA_ROOT": str(self.root / "media"),
            "SHARED_CACHE_DIR": str(self.root / "shared-cache"),
            "REDIS_URL": "",
            "ELASTICSEARCH_URL": "",
            "DEMO_ADMIN_PASSWORD": "prod-server-admin-" + secrets.token_hex(4),
            "GUNICORN_ACCESS_LOG": "",
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        (self.root / "media").mkdir(parents=True, exist_ok=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args: str, timeout: int = 600) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self) -> None:
        started = time.monotonic()
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.manage("load_demo")
        self.log(f"site prepared in {time.monotonic() - started:.1f}s at {self.root}")

    def start(self, env: dict[str, str] | None = None, timeout: float = 60) -> None:
        self.port = free_port()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            "--config",
            "cms/gunicorn_conf.py",
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        self.process = subprocess.Popen(  # noqa: S603
            command,
            cwd=BASE_DIR,
            env={**self.env, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=open(self.root / "gunicorn.log", "ab"),  # noqa: SIM115
        )
        if not wait_until_answering(self.base_url + "/healthz", self.process, timeout):
            log = (self.root / "gunicorn.log").read_text()[-2000:]
            self.stop()
            raise RuntimeError(f"gunicorn did not answer /healthz in time:\n{log}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None

    def cleanup(self) -> None:
        self.stop()
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.cleanup()
