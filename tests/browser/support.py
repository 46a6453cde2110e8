"""Helpers of the browser tests: the server under test, error recording, screenshots and axe-core."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

BASE_DIR = Path(__file__).resolve().parents[2]
VENDOR = Path(__file__).resolve().parent / "vendor"
SCREENSHOTS = BASE_DIR / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("BROWSER_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every browser context: a visitor in Sichuan with a Chinese browser.
VISITOR = {"locale": "zh-CN", "timezone_id": "Asia/Shanghai"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
NARROW_PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
ADMIN_PASSWORD = "browser-test-admin-pw-2026"  # noqa: S105  (a throwaway database)
STAFF_PASSWORD = "browser-test-staff-pw-2026"  # noqa: S105
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def browser_unavailable_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -r requirements-dev.txt)"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-wqy-microhei)"
    return None


def require_browser() -> None:
    """Skip the browser tests with the reason when they cannot run here; in CI, where they must run, fail."""
    import pytest

    reason = browser_unavailable_reason()
    if reason is None:
        return
    if in_ci():
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


# The server under test ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Staff users the journeys log in as, created in the server's database in the project's real role groups
# (cms.accounts.roles, set up by `setup_roles` during load_demo): no superuser, no is_staff, so each journey
# proves what the role may really do.
STAFF_USERS = {
    "designer": "课程设计",
    "reviewer": "课程审核",
    "organiser": "竞赛组织",
    "organiser2": "竞赛组织",
    "publicity": "宣传",
    "siteadmin": "站点管理",
}
CACHE = BASE_DIR / "test-artifacts" / "cache"


def migrations_fingerprint() -> str:
    """A hash of every installed app's migration files: the cached migrated database is valid while it holds."""
    from django.apps import apps

    digest = hashlib.sha256()
    for config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        for path in sorted(Path(config.path).glob("migrations/*.py")):
            digest.update(f"{config.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class LiveSite:
    """A real server process on 127.0.0.1 serving a migrated database with the demo content loaded."""

    url: str
    workdir: Path
    env: dict
    samples: dict = field(default_factory=dict)
    urls: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    def __call__(self, path: str) -> str:
        return urljoin(self.url, path)

    def manage(self, *args: str, timeout: int = 300) -> str:
        return _run([sys.executable, "manage.py", *args], self.env, timeout=timeout)

    def manage_module(self, module: str, *args: str, timeout: int = 300) -> str:
        """Run a helper module of the tests (`python -m module args`) in the server's environment and database."""
        return _run([sys.executable, "-m", module, *args], self.env, timeout=timeout)

    def refresh_samples(self) -> None:
        data = json.loads(_run([sys.executable, "-m", "tests.page_samples"], self.env))
        self.samples, self.urls = data["samples"], data["urls"]

    def sent_mail(self) -> str:
        """Every e-mail the server has sent so far (the file backend writes them to the run's mail folder)."""
        folder = Path(self.env["BROWSER_TEST_MAIL_DIR"])
        return "\n".join(path.read_text(errors="replace") for path in sorted(folder.glob("*.log")))

    def all_page_paths(self) -> set[str]:
        return {path for paths in self.urls.values() for path in paths}

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def poll(check, what: str, timeout: float = 30.0, interval: float = 0.2):
    """Call `check` until it returns something truthy (a condition on the server's answer or its database, which
    the browser cannot wait on by itself); returns that value. The interval only paces the polling: the wait ends
    as soon as the condition holds, and fails naming `what` when it never does."""
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)
    return value


def _run(command: list[str], env: dict, timeout: int = 300) -> str:
    result = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:3])} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def start_live_site(workdir: Path) -> LiveSite:
    """Migrate a fresh SQLite file, collect static files, load the demo, then serve it with gunicorn."""
    static_root = workdir / "static"
    media_root = workdir / "media"
    media_root.mkdir()
    mail_dir = workdir / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.browser.server_settings",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "SECRET_KEY": "browser-tests-" + os.urandom(24).hex(),
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(media_root),
        "BROWSER_TEST_MAIL_DIR": str(mail_dir),
        # The page cache's tag versions live in a file cache shared by the server and `manage` commands run by
        # the tests (publish_scheduled invalidates through it): one per run, so runs never see each other's.
        "SHARED_CACHE_DIR": str(workdir / "shared-cache"),
        "DJANGO_ENV_FILE": os.devnull,  # a developer's .env must not change what the browser sees
        "BROWSER_TEST_STATIC_ROOT": str(static_root),
        "DEMO_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "ELASTICSEARCH_URL": "",
        "REDIS_URL": "",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    # Collecting static files and preparing the database are independent: run them side by side.
    collect = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    cache = CACHE / f"migrated-{migrations_fingerprint()}.sqlite3"
    if cache.exists() and not in_ci():
        shutil.copyfile(cache, workdir / "db.sqlite3")
    samples_file = workdir / "page_samples.json"
    _run([sys.executable, "-m", "tests.browser.prepare_site", str(cache), str(samples_file)], env)
    collected = collect.communicate(timeout=300)[0]
    if collect.returncode != 0:
        raise RuntimeError(f"collectstatic failed:\n{collected}")

    port = free_port()
    site = LiveSite(url=f"http://127.0.0.1:{port}/", workdir=workdir, env=env, log_path=workdir / "server.log")
    data = json.loads(samples_file.read_text(encoding="utf-8"))
    site.samples, site.urls = data["samples"], data["urls"]
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    with site.log_path.open("w") as log:
        site.process = subprocess.Popen(
            [
                gunicorn,
                "cms.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--threads",
                "4",
                "--timeout",
                "60",
                "--access-logfile",
                "-",
                "--log-level",
                "warning",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def healthy() -> bool:
        if site.process.poll() is not None:
            raise RuntimeError(f"the server exited ({site.process.returncode}):\n{site.log_tail()}")
        try:
            with urllib.request.urlopen(site("/healthz"), timeout=2) as response:  # noqa: S310
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    try:
        poll(healthy, "the server to answer /healthz", timeout=30)
    except AssertionError as error:
        site.stop()
        raise RuntimeError(f"{error}:\n{site.log_tail()}") from None
    return site


# One browser tab with everything that goes wrong in it recorded ----------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-")[:80] or "step"


@dataclass
class BrowserSession:
    """A Playwright page that records console errors, uncaught exceptions and failed same-origin requests.

    `expect_status(path, status)` declares a response that is meant to fail (the 404 page); anything else that
    fails is an error and the test fails at teardown (or earlier, at `check()`).
    """

    page: object
    site: LiveSite
    name: str
    errors: list = field(default_factory=list)
    expected: set = field(default_factory=set)
    shots: list = field(default_factory=list)
    tolerated: set = field(default_factory=set)

    def __post_init__(self):
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.site.url))
        self.folder = SCREENSHOTS / _slug(self.name)
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"uncaught exception: {exc}"))
        self.page.on("requestfailed", self._on_request_failed)
        self.page.on("response", self._on_response)

    # recording
    def _is_expected(self, url: str, status: int | None = None) -> bool:
        path = unquote(urlsplit(url).path)
        return any(path == want_path and status in (None, want_status) for want_path, want_status in self.expected)

    def _on_console(self, message):
        if message.type != "error":
            return
        location = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and (
            self._is_expected(location) or location in self.tolerated
        ):
            return
        self.errors.append(f"console error: {message.text} ({location})")

    @staticmethod
    def _is_autosave_validation_error(response) -> bool:
        """Wagtail 8's page editor autosaves in the background (a JSON request); while the form is incomplete (an
        inline row just added, its chooser still empty) the autosave is answered 400 with a JSON validation error,
        by design: the editor shows it in its autosave indicator. That is not a failure; nothing else is excused.
        The body is checked when the browser still has it (a navigation discards it)."""
        request = response.request
        if response.status != 400 or request.method != "POST":
            return False
        path = urlsplit(response.url).path
        if not re.fullmatch(r"/admin/pages/(\d+/edit|add/\w+/\w+/\d+)/", path):
            return False
        if "application/json" not in request.headers.get("accept", ""):
            return False
        if "application/json" not in response.headers.get("content-type", ""):
            return False
        from playwright.sync_api import Error as PlaywrightError

        try:
            return json.loads(response.text()).get("error_code") == "validation_error"
        except ValueError:
            return False
        except PlaywrightError:  # the body is gone: the page navigated away meanwhile
            return True

    def _on_request_failed(self, request):
        failure = request.failure or ""
        # A navigation cancels the previous page's pending requests: that is the browser's housekeeping.
        if "ERR_ABORTED" in failure:
            return
        self.errors.append(f"request failed: {request.method} {request.url}: {failure}")

    def _on_response(self, response):
        if response.status < 400 or not response.url.startswith(self.origin):
            return
        if self._is_expected(response.url, response.status):
            return
        if self._is_autosave_validation_error(response):
            # Chromium may have logged "Failed to load resource" for it already: that line goes too.
            self.tolerated.add(response.url)
            self.errors = [error for error in self.errors if not error.endswith(f"({response.url})")]
            return
        self.errors.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    # actions
    def expect_status(self, path: str, status: int) -> None:
        self.expected.add((path, status))

    def goto(self, path: str, status: int = 200):
        response = self.page.goto(self.site(path), wait_until="load")
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
        return response

    def wait_until(self, expression: str, what: str, timeout: float = 10.0):
        """Poll a JavaScript expression until it is truthy. (Playwright's wait_for_function compiles its predicate
        with eval, which the site's Content-Security-Policy forbids; page.evaluate goes through DevTools.)"""
        deadline = time.monotonic() + timeout
        while not (value := self.page.evaluate(expression)):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what} on {self.page.url}")
            self.page.wait_for_timeout(100)
        return value

    def reload(self):
        """Reload the page as a visitor does to see a change: public pages may be kept by the browser for a minute
        (Cache-Control max-age), a reload revalidates them with the server (200, or 304 when unchanged)."""
        response = self.page.reload(wait_until="load")
        assert response is not None and response.status in (200, 304), f"reload: HTTP {response and response.status}"
        return response

    def shot(self, label: str, full_page: bool = True) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{len(self.shots) + 1:02d}-{_slug(label)}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        self.shots.append(path)
        return path

    def check(self) -> None:
        """Fail now if anything went wrong so far (console errors, failed requests)."""
        if self.errors:
            problems = "\n  ".join(dict.fromkeys(self.errors))
            self.errors = []  # reported here, not again at teardown
            raise AssertionError(f"the browser reported problems on {self.page.url}:\n  {problems}")

    # page facts
    def main_links(self) -> list[str]:
        """Same-origin link paths inside <main>, outside any nav (breadcrumbs, pagination)."""
        hrefs = self.page.eval_on_selector_all(
            "main a[href]", "links => links.filter(a => !a.closest('nav')).map(a => a.href)"
        )
        return [unquote(urlsplit(href).path) for href in hrefs if href.startswith(self.origin)]

    def result_links(self) -> list[str]:
        """Links in <main> that lead to live pages of the site: search results, whatever their markup."""
        pages = self.site.all_page_paths()
        here = unquote(urlsplit(self.page.url).path)  # facets, sorting and paging link back to the search page
        return [path for path in self.main_links() if path in pages and path != here]

    def horizontal_overflow(self) -> int:
        """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
        return self.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    def heading_problems(self) -> list[str]:
        levels = self.page.eval_on_selector_all(
            "main h1, main h2, main h3, main h4, main h5, main h6",
            "hs => hs.filter(h => h.getClientRects().length).map(h => Number(h.tagName[1]))",
        )
        problems = []
        if levels.count(1) != 1:
            problems.append(f"{levels.count(1)} h1 elements in <main> (want exactly one)")
        for before, after in zip(levels, levels[1:], strict=False):
            if after > before + 1:
                problems.append(f"heading level jumps from h{before} to h{after}")
        return problems


# axe-core ----------------------------------------------------------------------------------------------------

_AXE_SOURCE: str | None = None


def axe_source() -> str:
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = (VENDOR / "axe.min.js").read_text(encoding="utf-8")
    return _AXE_SOURCE


def run_axe(page, exclude: list[str] | None = None) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the loaded page; returns the violations.

    Injected through the DevTools protocol (page.evaluate), not a <script> tag, so it works under a strict
    Content-Security-Policy without weakening it.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    context = {"exclude": [[selector] for selector in exclude]} if exclude else None
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate(
        "async ([context, options]) => (await axe.run(context || document, options)).violations",
        [context, options],
    )


def format_violations(violations: list[dict], url: str) -> str:
    lines = [f"axe found {len(violations)} serious/critical violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:8]:
            target = " ".join(str(part) for part in node.get("target", []))
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {target}\n      {node.get('html', '')[:200]}\n      {summary[:400]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(session: BrowserSession, exclude: list[str] | None = None) -> list[dict]:
    """Fail on any serious or critical axe violation; return the minor ones for information."""
    violations = run_axe(session.page, exclude)
    blocking = [violation for violation in violations if violation.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, format_violations(blocking, session.page.url)
    return violations
