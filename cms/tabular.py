"""Reading tabular uploads (CSV and XLSX) the way every importer of the project needs it.

Organisers and administrators work in Excel: CSV arrives in UTF-8, UTF-8 with BOM or GB18030, and workbooks
may hold several sheets. Every importer reads through here so that encodings, cell text and error positions
(row numbers as the spreadsheet shows them, column letters) are handled once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


class UnreadableFile(Exception):
    """The file as a whole cannot be read: the message says why, in words the uploader understands."""


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: the column names a spreadsheet shows."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass
class RowError:
    """One problem, placed where the uploader will look for it."""

    row: int  # as the spreadsheet numbers it: the header is row 1; 0 for problems with the whole file
    column: str  # e.g. "C（姓名）"; empty for problems with the whole row or file
    message: str
    sheet: str = ""  # the worksheet, for workbooks with several

    def __str__(self):
        prefix = _("工作表“%(sheet)s” ") % {"sheet": self.sheet} if self.sheet else ""
        if self.row and self.column:
            return prefix + _("第 %(row)s 行 %(column)s 列：%(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row:
            return prefix + _("第 %(row)s 行：%(message)s") % {"row": self.row, "message": self.message}
        return prefix + self.message


def cell_text(value) -> str:
    """Spreadsheet cell → text; whole-number floats lose their ".0" so 18-digit codes and ranks read as typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(round(value, 6))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value).strip()


def decode_text(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) first; Chinese Windows and Excel save text as GB18030/GBK, the fallback.

    Returns (text, encoding found); raises UnicodeDecodeError when neither fits."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


def decode_csv(data: bytes) -> tuple[str, str]:
    """decode_text for a CSV upload, with the message an organiser can act on."""
    try:
        return decode_text(data)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("无法识别文件编码：请另存为 UTF-8 或 GB18030 编码的 CSV。")) from exc


def read_csv(data: bytes) -> tuple[Iterator[list[str]], str]:
    """Rows of a CSV (comma or tab separated) and the encoding found."""
    text, encoding = decode_csv(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return ([cell.strip() for cell in row] for row in reader), encoding


def _open_workbook(data: bytes):
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise UnreadableFile(_("无法读取 XLSX 文件：%(error)s") % {"error": exc}) from exc


def _sheet_rows(workbook, sheet) -> Iterator[list[str]]:
    try:
        for values in sheet.iter_rows(values_only=True):
            yield [cell_text(value) for value in values]
    finally:
        workbook.close()


def read_xlsx(data: bytes) -> Iterator[list[str]]:
    """Rows of the first worksheet."""
    workbook = _open_workbook(data)
    return _sheet_rows(workbook, workbook.worksheets[0])


def read_xlsx_sheets(data: bytes) -> dict[str, list[list[str]]]:
    """Every worksheet by its name, read whole (for workbooks with one sheet per kind of record)."""
    workbook = _open_workbook(data)
    try:
        return {
            sheet.title: [[cell_text(value) for value in values] for values in sheet.iter_rows(values_only=True)]
            for sheet in workbook.worksheets
        }
    finally:
        workbook.close()


def is_xlsx(data: bytes) -> bool:
    return data[:4] == XLSX_MAGIC


def read_table(data: bytes, filename: str) -> tuple[Iterator[list[str]], str, str]:
    """Rows of cells as text, the format ("csv"/"xlsx") and the encoding found."""
    if is_xlsx(data):
        return read_xlsx(data), "xlsx", ""
    if data[:4] == OLE_MAGIC:
        raise UnreadableFile(_("不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 或 CSV。"))
    if filename.lower().endswith(".xlsx"):
        raise UnreadableFile(_("文件扩展名为 .xlsx，但内容不是 XLSX 工作簿。"))
    rows, encoding = read_csv(data)
    return rows, "csv", encoding
