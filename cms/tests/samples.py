"""Real sample files for upload tests, generated in memory: valid images and Office packages, decompression bombs,
executables under document names. Nothing is mocked: each file is what its bytes say it is."""

import io
import struct
import zipfile
import zlib

from PIL import Image

CONTENT_TYPES = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
    "docm": ("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
}


def image_bytes(fmt="PNG", size=(32, 24), color=(200, 60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_of_size(width: int, height: int) -> bytes:
    """A genuine, fully valid 1-bit black PNG of any dimensions, compressed row by row so that even billions of
    pixels fit in a few hundred kilobytes: a decompression bomb when the dimensions are large."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


def decompression_bomb_png() -> bytes:
    """20 000 × 20 000 = 400 million pixels (about 50 MB of raw rows) in a file of about 50 kB."""
    return png_of_size(20_000, 20_000)


def office_bytes(kind: str, extra_parts: dict | None = None) -> bytes:
    """A minimal OOXML package (docx/xlsx/pptx, or docm for a macro-enabled one) with the right content types."""
    main_part, content_type = CONTENT_TYPES[kind]
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{content_type}"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'officeDocument" Target="{main_part}"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr(main_part, '<?xml version="1.0" encoding="UTF-8"?><root>康养培训</root>')
        for name, data in (extra_parts or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    """A real workbook written by openpyxl, as Excel users would upload."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["职业", "等级"])
    workbook.active.append(["养老护理员", 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not an office document")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def windows_executable_bytes() -> bytes:
    """The start of a Windows PE program: DOS header "MZ", the DOS stub message, a PE signature."""
    dos_header = b"MZ" + b"\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 46 + struct.pack("<I", 64)
    return dos_header + b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 16 + b"PE\x00\x00" + b"\x00" * 200


def linux_executable_bytes() -> bytes:
    return b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x02\x00\x3e\x00" + b"\x00" * 200


def mp4_bytes() -> bytes:
    """The start of an ISO base media file: an `ftyp` box (brand isom) and an empty `mdat` box."""
    ftyp = b"ftyp" + b"isom" + struct.pack(">I", 0x200) + b"isomiso2avc1mp41"
    mdat = b"mdat" + b"\x00" * 64
    return struct.pack(">I", len(ftyp) + 4) + ftyp + struct.pack(">I", len(mdat) + 4) + mdat


def vtt_bytes(text="协助老年人进食") -> bytes:
    return f"WEBVTT\n\n00:00.000 --> 00:03.000\n{text}\n".encode()
