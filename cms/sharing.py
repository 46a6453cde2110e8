"""Sharing the way people share here: a QR code of the page's address (scanned from a screen or a printout into
WeChat), generated on the server as SVG with segno; no script, no external service."""

import functools
import io

import segno
from django.utils.safestring import mark_safe


def page_share_url(context) -> str:
    """The address to share: a Wagtail page's canonical full URL, else this request's absolute path (no query)."""
    page = context.get("page")
    request = context.get("request")
    url = getattr(page, "full_url", None) if page is not None and hasattr(page, "get_url_parts") else None
    if not url and request is not None:
        url = request.build_absolute_uri(request.path)
    return url or ""


@functools.lru_cache(maxsize=2048)
def qr_svg(url: str, *, scale: int = 3) -> str:
    """An inline SVG QR code of `url` (error correction M, 4-module quiet zone), hidden from screen readers: the
    caption beside it says what it is. Remembered per address: drawing one costs about 3 ms, a tenth of an
    uncached page (bench/profile_pages.py)."""
    if not url:
        return ""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", xmldecl=False, svgns=True, scale=scale, border=4, nl=False, svgclass="qr-code")
    svg = buffer.getvalue().decode("ascii")
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S308  (our own SVG)
