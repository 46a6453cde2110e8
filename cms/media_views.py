"""Serve uploaded media (MEDIA_URL) from the application when no web server does it.

Why not django.views.static.serve: it is not meant for production, follows symlinks out of MEDIA_ROOT, serves any
file type (an uploaded .html or .svg would run in our origin) and would expose original documents, whose access
rules only Wagtail's document view applies. This view serves regular files under MEDIA_ROOT with an allow-listed
type, never a listing, never `documents/`, and with headers that stop a browser from sniffing or running them.
"""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
}
# Original documents are served by Wagtail's document view (/documents/<id>/<name>), which checks collection
# privacy and sets Content-Disposition: never straight from disk.
PRIVATE_PREFIXES = ("documents",)
MAX_AGE = 7 * 24 * 3600


def media_path(path: str) -> Path:
    """The file under MEDIA_ROOT that `path` names, or Http404 for anything else (traversal, dot files, types)."""
    parts = path.split("/")
    if (
        not path
        or "\\" in path
        or "\x00" in path
        or any(part in ("", ".", "..") or part.startswith(".") for part in parts)
        or parts[0] in PRIVATE_PREFIXES
    ):
        raise Http404("not found")
    suffix = Path(parts[-1]).suffix.lower()
    if suffix not in CONTENT_TYPES:
        raise Http404("not found")
    root = Path(settings.MEDIA_ROOT).resolve()
    full = (root / path).resolve()
    # No symlinks at all: the resolved file must be exactly the one named, or a link inside MEDIA_ROOT could lead
    # into documents/ (private) or any other folder (issue 15).
    if not full.is_relative_to(root) or full.relative_to(root).as_posix() != path or not full.is_file():
        raise Http404("not found")
    return full


@require_safe
def serve_media(request, path):
    full = media_path(path)
    stat = full.stat()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        response = HttpResponseNotModified()
    else:
        content_type = CONTENT_TYPES[full.suffix.lower()]
        response = FileResponse(full.open("rb"), content_type=content_type)
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
