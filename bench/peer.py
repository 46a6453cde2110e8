"""A reference site served beside ours for side-by-side figures: a wagtail/bakerydemo checkout.

Its code is never part of this project: the checkout lives outside the repository (see bench/README.md for the
recipe), with its own virtualenv and a prepared SQLite database. This module only starts its gunicorn on
127.0.0.1 with production settings and finds comparable pages (home, listings, detail pages, search).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from tests.prodserver import free_port, wait_until_answering

LISTINGS = ("/blog/", "/breads/", "/locations/")


class PeerServer:
    def __init__(self, checkout: Path, workers: int = 2):
        self.checkout = Path(checkout)
        self.workers = workers
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
            "DJANGO_DEBUG": "off",
            "DJANGO_SECRET_KEY": "bench-only-peer-secret",
            "DATABASE_URL": f"sqlite:///{self.checkout / 'bench.sqlite3'}",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
        }
        if not (self.checkout / ".venv" / "bin" / "gunicorn").exists():
            raise SystemExit(f"{self.checkout}: no .venv/bin/gunicorn (see bench/README.md for the recipe)")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> None:
        self.port = free_port()
        command = [
            str(self.checkout / ".venv" / "bin" / "gunicorn"),
            "bakerydemo.wsgi:application",
            "--workers",
            str(self.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=self.checkout, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if not wait_until_answering(self.base_url + "/", self.process, timeout):
            self.stop()
            raise RuntimeError("the reference site did not answer in time")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.base_url + path, timeout=10) as response:
            return response.read().decode("utf-8", "replace")

    def pages(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(detail pages, other pages) as (label, path): the first child page linked from each listing."""
        detail, other = [], [("peer home", "/")]
        for listing in LISTINGS:
            other.append((f"peer {listing.strip('/')} listing", listing))
            html = self.get(listing)
            match = re.search(rf'href="({re.escape(listing)}[a-z0-9-]+/)"', html)
            if match:
                detail.append((f"peer {listing.strip('/')} detail", match.group(1)))
        other.append(("peer search", "/search/?q=bread"))
        return detail, other

    def warm(self, pages: list[tuple[str, str]], passes: int = 3) -> None:
        """Unmeasured requests first: the reference renders image renditions on its first requests after a load."""
        for _ in range(passes):
            for _label, path in pages:
                self.get(path)
