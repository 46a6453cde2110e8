"""The media view: only regular, allow-listed files under MEDIA_ROOT, with headers that stop sniffing."""

import pytest
from django.utils.http import http_date

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def media_root(tmp_path, settings):
    root = tmp_path / "media"
    (root / "images").mkdir(parents=True)
    (root / "images" / "photo.png").write_bytes(PNG)
    (root / "images" / "photo.webp").write_bytes(b"RIFF0000WEBP")
    (root / "documents").mkdir()
    (root / "documents" / "notice.pdf").write_bytes(b"%PDF-1.4")
    (root / "images" / "evil.svg").write_text("<svg onload='alert(1)'/>")
    (root / ".hidden.png").write_bytes(PNG)
    (tmp_path / "outside.png").write_bytes(PNG)
    (root / "images" / "escape.png").symlink_to(tmp_path / "outside.png")
    settings.MEDIA_ROOT = root
    return root


def test_an_image_is_served_with_type_and_safety_headers(client, media_root):
    response = client.get("/media/images/photo.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"].startswith("public, max-age=")
    assert client.get("/media/images/photo.webp")["Content-Type"] == "image/webp"


def test_conditional_get_answers_304(client, media_root):
    mtime = (media_root / "images" / "photo.png").stat().st_mtime
    response = client.get("/media/images/photo.png", HTTP_IF_MODIFIED_SINCE=http_date(mtime + 1))
    assert response.status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/media/images/",  # no listing
        "/media/images",
        "/media/documents/notice.pdf",  # documents only through Wagtail's document view
        "/media/images/evil.svg",  # type not allowed
        "/media/.hidden.png",
        "/media/images/escape.png",  # symlink out of MEDIA_ROOT
        "/media/images/../images/photo.png",
        "/media/images/%2e%2e/%2e%2e/outside.png",
        "/media/missing.png",
    ],
)
def test_everything_else_is_not_found(client, media_root, path):
    assert client.get(path).status_code == 404


def test_only_safe_methods(client, media_root):
    assert client.post("/media/images/photo.png").status_code == 405
    assert client.head("/media/images/photo.png").status_code == 200


@pytest.mark.django_db
def test_a_symlink_inside_media_root_is_not_followed(client, media_root):
    """Issue 15 (info): a link that stays inside MEDIA_ROOT still led into another folder (documents/ is private)."""
    (media_root / "documents" / "scan.png").write_bytes(PNG)
    (media_root / "images" / "inside.png").symlink_to(media_root / "documents" / "scan.png")
    (media_root / "renditions").symlink_to(media_root / "documents", target_is_directory=True)
    assert client.get("/media/images/inside.png").status_code == 404
    assert client.get("/media/renditions/scan.png").status_code == 404
    assert client.get("/media/images/photo.png").status_code == 200
