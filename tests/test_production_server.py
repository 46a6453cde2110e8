"""The real production command (gunicorn, production settings, whitenoise, media view, page cache across worker
processes) answering over HTTP on 127.0.0.1, against a temporary SQLite site built by migrate + load_demo."""

import http.client
import re
import sqlite3
import struct
import time
import zlib

import pytest

from tests.prodserver import ProductionServer

# One worker builds the server for every test here (make test runs pytest-xdist with --dist loadgroup).
pytestmark = pytest.mark.xdist_group("production-server")

PUBLISH_SCRIPT = """
from policy.models import PolicyIndexPage
page = PolicyIndexPage.objects.get()
page.intro = {intro!r}
page.save_revision().publish()
"""


def tiny_png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def server():
    with ProductionServer(env={"GUNICORN_WORKERS": "2"}, log=lambda _: None) as prod:  # sync workers, as served
        prod.prepare()
        images = prod.root / "media" / "images"
        images.mkdir(parents=True)
        (images / "pixel.png").write_bytes(tiny_png())
        (prod.root / "media" / "documents").mkdir()
        (prod.root / "media" / "documents" / "secret.png").write_bytes(tiny_png())
        (prod.root / "media" / "page.html").write_text("<script>alert(1)</script>")
        (prod.root / "outside.png").write_bytes(tiny_png())
        (images / "link.png").symlink_to(prod.root / "outside.png")
        prod.start()
        yield prod


def fetch(server, path, method="GET", headers=None):
    """A raw request: the path goes on the wire exactly as written (no client-side normalisation of '..')."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_pages_are_served_and_cached_by_the_production_server(server):
    status, headers, body = fetch(server, "/")
    assert status == 200
    assert "四川康养职业技能培训" in body.decode()
    assert headers["cache-control"] == "public, max-age=60"
    assert "etag" in headers and "last-modified" in headers
    states = {fetch(server, "/")[1]["x-page-cache"] for _ in range(8)}
    assert "hit" in states  # two workers: each fills its own entry once


def test_hashed_static_files_are_compressed_and_cached_for_ever(server):
    body = fetch(server, "/")[2].decode()
    match = re.search(r'href="(/static/cms/css/site\.[0-9a-f]{12}\.css)"', body)
    assert match, "the page links the hashed stylesheet"
    status, headers, css = fetch(server, match.group(1), headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-type"].startswith("text/css")
    assert headers.get("content-encoding") == "gzip"
    assert "max-age=315360000" in headers["cache-control"]
    assert "immutable" in headers["cache-control"]
    assert zlib.decompress(css, 16 + zlib.MAX_WBITS)


def test_media_files_are_served_safely(server):
    status, headers, body = fetch(server, "/media/images/pixel.png")
    assert status == 200
    assert body == tiny_png()
    assert headers["content-type"] == "image/png"
    assert headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in headers["content-security-policy"]

    for path in [
        "/media/../cms/settings/base.py",
        "/media/images/../../manage.py",
        "/media/images/%2e%2e/%2e%2e/manage.py",
        "/media/..%2f..%2fmanage.py",
        "/media/images/",
        "/media/images",
        "/media/documents/secret.png",
        "/media/page.html",
        "/media/images/link.png",
        "/media/.gitkeep",
    ]:
        status, _headers, body = fetch(server, path)
        assert status in (400, 404), (path, status)
        assert b"alert" not in body and b"SECRET_KEY" not in body


def test_publish_in_another_process_is_visible_within_a_second(server):
    """The editor's process bumps the shared tag versions; every gunicorn worker drops its entry."""
    policy_url = "/policy/"
    for _ in range(8):  # warm both workers
        fetch(server, policy_url)
    assert any(fetch(server, policy_url)[1]["x-page-cache"] == "hit" for _ in range(6))

    server.manage("shell", "-c", PUBLISH_SCRIPT.format(intro="宣传周：6 月 10 日起报名"))
    published = time.monotonic()
    first = fetch(server, policy_url)[2].decode()
    elapsed = time.monotonic() - published
    assert "宣传周：6 月 10 日起报名" in first
    assert elapsed < 1.0
    # Whichever worker answers, none serves the old page.
    assert all("宣传周：6 月 10 日起报名" in fetch(server, policy_url)[2].decode() for _ in range(6))


def test_the_sqlite_database_runs_in_wal_mode(server):
    """Readers never wait for a writer and a commit costs no journal rewrite (cms.settings.base); the mode is kept
    in the database file, so every process opening it uses the log."""
    fetch(server, "/")
    with sqlite3.connect(server.root / "db.sqlite3") as database:
        assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
