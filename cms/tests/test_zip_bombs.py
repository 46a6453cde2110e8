"""Findings 4 and 12 (issue 15): XLSX decompression bombs are refused from the zip directory before anything is
parsed (shared reader and document uploads), and [Content_Types].xml is parsed with defusedxml."""

import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cms.tabular import UnreadableFile, read_table
from cms.uploads import validate_document_upload

MAIN_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="{encoding}"?>{doctype}'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{MAIN_XLSX}"/>'
    "{extra}</Types>"
)
WORKBOOK = b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'


def package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def bomb(unpacked_mb: int) -> bytes:
    """A workbook whose one sheet is `unpacked_mb` MB of blank space inside <sheetData> (valid XML, so an
    unguarded reader parses all of it)."""
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + b" " * (unpacked_mb * 1024 * 1024)
        + b"</sheetData></worksheet>"
    )
    content_types = CONTENT_TYPES.format(encoding="UTF-8", doctype="", extra="").encode()
    return package(
        {"[Content_Types].xml": content_types, "xl/workbook.xml": WORKBOOK, "xl/worksheets/sheet1.xml": sheet}
    )


def test_a_bomb_over_the_size_limit_is_refused_before_parsing():
    data = bomb(80)
    assert len(data) < 200_000
    started = time.perf_counter()
    with pytest.raises(UnreadableFile, match="压缩炸弹"):
        rows, _format, _encoding = read_table(data, "成绩.xlsx")
        list(rows)
    assert time.perf_counter() - started < 1.0


def test_a_bomb_by_ratio_alone_is_refused():
    data = bomb(20)  # under the size limit, but 1000:1
    with pytest.raises(UnreadableFile, match="压缩炸弹"):
        rows, _format, _encoding = read_table(data, "成绩.xlsx")
        list(rows)


def test_a_real_workbook_passes_the_guard():
    from openpyxl import Workbook

    workbook = Workbook()
    for rank in range(1, 2001):
        workbook.active.append([rank, f"选手{rank:04d}", "示例养老院", "成都", 90.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows, file_format, _ = read_table(buffer.getvalue(), "成绩.xlsx")
    assert file_format == "xlsx" and len(list(rows)) == 2000


def test_a_bomb_uploaded_as_a_document_is_refused():
    upload = SimpleUploadedFile("报表.xlsx", bomb(80))
    with pytest.raises(ValidationError):
        validate_document_upload(upload)


def test_content_types_with_an_entity_is_refused_even_in_utf16():
    """The byte search for "<!ENTITY" missed UTF-16; the stdlib parser then expanded the entity."""
    doctype = '<!DOCTYPE Types [<!ENTITY e "ha">]>'
    content_types = CONTENT_TYPES.format(encoding="UTF-16", doctype=doctype, extra="<!-- &e; -->").encode("utf-16")
    data = package({"[Content_Types].xml": content_types, "xl/workbook.xml": WORKBOOK})
    with pytest.raises(ValidationError):
        validate_document_upload(SimpleUploadedFile("表.xlsx", data))
    plain = CONTENT_TYPES.format(encoding="UTF-16", doctype="", extra="").encode("utf-16")
    data = package({"[Content_Types].xml": plain, "xl/workbook.xml": WORKBOOK})
    assert validate_document_upload(SimpleUploadedFile("表.xlsx", data)) == "xlsx", "UTF-16 without a DTD is fine"
