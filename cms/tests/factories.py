"""Helpers for any app's tests: media library rows made as an upload makes them (file hash and size set), and
whether a Redis server answers (tests that run a Redis variant skip it with a reason otherwise)."""

import socket
from urllib.parse import urlparse

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


def make_image(data, name="picture.png", *, title="示意图", alt_text="护理员扶老人坐起"):
    image = get_image_model()(title=title, alt_text=alt_text, file=ContentFile(data, name=name))
    image._set_image_file_metadata()
    image.save()
    return image


def make_document(data, name, *, title=None):
    document = get_document_model()(title=title or name, file=ContentFile(data, name=name))
    document._set_document_file_metadata()
    document.save()
    return document


def redis_answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False
