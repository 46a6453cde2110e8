"""Curricula from an Excel workbook (sheets 职业 / 模块 / 培训包), through the same importer as the JSON format.

The workbook is turned into the JSON format's objects, remembering where each value came from; the importer's
problems (named by JSON path, e.g. `modules[3].prerequisites[0]`) are then told by sheet, row and column
(`工作表“模块” 第 5 行 I（先修模块）列：…`). The downloadable template is made from the same column lists.
"""

import io
import re

from django.utils.translation import gettext as _

from cms.tabular import RowError, UnreadableFile, column_letter, read_xlsx_sheets

LIST_SEPARATORS = re.compile(r"[、,，;；\n]+")
YES = {"是", "y", "yes", "true", "1", "√", "✓"}
NO = {"否", "n", "no", "false", "0", ""}
KINDS = {"职业": "occupation", "职业（工种）": "occupation", "occupation": "occupation"}
KINDS |= {"专项职业能力": "special_ability", "special_ability": "special_ability"}

# (JSON section, sheet name, [(JSON key, header, how the cell is read)]).
TEXT, NUMBER, LIST, LINES, FLAG, LEVELS, LEVEL, KIND, YEAR = (
    "text",
    "number",
    "list",
    "lines",
    "flag",
    "levels",
    "level",
    "kind",
    "year",
)
SHEETS = (
    (
        "occupations",
        "职业",
        [
            ("code", "职业代码", TEXT),
            ("name", "名称", TEXT),
            ("kind", "类别", KIND),
            ("aliases", "别名", LIST),
            ("shortage", "急需紧缺", FLAG),
            ("subsidy", "补贴性培训", FLAG),
            ("levels", "开设等级", LEVELS),
            ("summary", "职业简介", TEXT),
            ("standard_title", "国家职业技能标准", TEXT),
            ("standard_year", "标准版本（年）", YEAR),
        ],
    ),
    (
        "modules",
        "模块",
        [
            ("code", "模块代码", TEXT),
            ("title", "名称", TEXT),
            ("occupation", "所属职业", TEXT),
            ("theory_hours", "理论学时", NUMBER),
            ("practice_hours", "实操学时", NUMBER),
            ("outcomes", "学习目标", LINES),
            ("body", "正文（Markdown）", TEXT),
            ("tags", "标签", LIST),
            ("prerequisites", "先修模块", LIST),
        ],
    ),
    (
        "packages",
        "培训包",
        [
            ("code", "培训包代码", TEXT),
            ("title", "名称", TEXT),
            ("occupation", "所属职业", TEXT),
            ("level", "等级", LEVEL),
            ("min_hours", "最低学时", NUMBER),
            ("modules", "课程模块", LIST),
            ("summary", "培训包简介", TEXT),
            ("assessment", "考核说明", TEXT),
            ("supersedes", "替代的培训包", TEXT),
        ],
    ),
)
NOTES_SHEET = "说明"
NOTES = (
    "每个工作表第 1 行是表头，从第 2 行起每行一条；按代码新增或更新，留空的单元格保持原值（新建时用默认值）。",
    "多个值（别名、开设等级、标签、先修模块、培训包的课程模块）用顿号“、”分隔；课程模块按教学顺序排列。",
    "类别：职业 或 专项职业能力；急需紧缺、补贴性培训：是 或 否；等级：1–5（5 为五级/初级工）。",
    "学习目标每行一条（单元格内换行）；导入全部成功才保存，出错时会指出工作表、行和列。",
)
PATH = re.compile(r"^(occupations|modules|packages)\[(\d+)\](?:\.([a-z_]+))?(?:\[\d+\])?(?:\.[\w.\[\]]+)?$")


class WorkbookLocator:
    """Where each object of the converted data came from: its sheet, row, and the column of each key."""

    def __init__(self):
        self.rows = {}  # (section, index) -> (sheet, row number)
        self.columns = {}  # (section, key) -> "C（名称）"

    def locate(self, error: str) -> str:
        path, _sep, message = error.partition(": ")
        match = PATH.match(path)
        if not match or (match.group(1), int(match.group(2))) not in self.rows:
            return error
        section, index, key = match.group(1), int(match.group(2)), match.group(3)
        sheet, row = self.rows[(section, index)]
        column = self.columns.get((section, key), "") if key else ""
        return str(RowError(row=row, column=column, message=message, sheet=sheet))


def is_workbook(raw: bytes) -> bool:
    """An XLSX workbook (a zip with [Content_Types].xml), as opposed to our exchange ZIP."""
    import zipfile

    if raw[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and "curricula.json" not in names


def _cell(kind, text, errors, where):
    text = text.strip()
    if kind == TEXT:
        return text
    if kind == NUMBER:
        return text or None
    if kind in (LIST,):
        return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]
    if kind == LINES:
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind == FLAG:
        lowered = text.lower()
        if lowered in YES:
            return True
        if lowered in NO:
            return False
        errors.append((where, _("应为“是”或“否”，而不是“%(value)s”") % {"value": text}))
        return None
    if kind in (LEVELS, LEVEL, YEAR):
        parts = [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]
        numbers = []
        for part in parts:
            digits = part.removesuffix("级")
            if not digits.isdigit():
                errors.append((where, _("应为数字，而不是“%(value)s”") % {"value": part}))
                return None
            numbers.append(int(digits))
        if kind == LEVELS:
            return numbers
        return numbers[0] if numbers else None
    if kind == KIND:
        if text in KINDS:
            return KINDS[text]
        errors.append((where, _("类别应为“职业”或“专项职业能力”，而不是“%(value)s”") % {"value": text}))
        return None
    raise ValueError(kind)


def read_workbook(raw: bytes) -> tuple[dict, WorkbookLocator, list[str]]:
    """(data in the JSON format, where each value came from, problems found while reading cells)."""
    try:
        sheets = read_xlsx_sheets(raw)
    except UnreadableFile as exc:
        return {}, WorkbookLocator(), [str(exc)]
    locator = WorkbookLocator()
    data, problems = {}, []
    known = {name for _section, name, _columns in SHEETS} | {NOTES_SHEET}
    for name in sheets:
        if name not in known:
            problems.append(
                str(RowError(row=0, column="", sheet=name, message=_("未知的工作表（可用：职业、模块、培训包）")))
            )
    for section, sheet_name, columns in SHEETS:
        rows = sheets.get(sheet_name)
        if not rows:
            continue
        header = [cell.strip() for cell in rows[0]]
        positions = {}
        for key, title, kind in columns:
            for position, cell in enumerate(header):
                if cell in (title, key):
                    positions[key] = (position, kind)
                    locator.columns[(section, key)] = f"{column_letter(position)}（{title}）"
        for position, cell in enumerate(header):
            if cell and not any(cell in (title, key) for key, title, _kind in columns):
                message = _("未知的列“%(name)s”") % {"name": cell}
                problems.append(str(RowError(row=1, column=column_letter(position), message=message, sheet=sheet_name)))
        items = []
        for number, row in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            item, cell_errors = {}, []
            for key, (position, kind) in positions.items():
                text = row[position] if position < len(row) else ""
                if not text.strip():
                    continue  # an empty cell keeps the current value
                value = _cell(kind, text, cell_errors, key)
                if value is not None:
                    item[key] = value
            for key, message in cell_errors:
                problems.append(
                    str(RowError(row=number, column=locator.columns[(section, key)], message=message, sheet=sheet_name))
                )
            locator.rows[(section, len(items))] = (sheet_name, number)
            items.append(item)
        data[section] = items
    return data, locator, problems


def template_workbook() -> bytes:
    """The empty workbook designers fill in: the three sheets with their headers, and a sheet of notes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for _section, sheet_name, columns in SHEETS:
        sheet = workbook.create_sheet(sheet_name)
        sheet.append([title for _key, title, _kind in columns])
        for position, (_key, title, _kind) in enumerate(columns):
            sheet.cell(row=1, column=position + 1).font = Font(bold=True)
            sheet.column_dimensions[column_letter(position)].width = max(12, len(title) * 2 + 4)
        sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(NOTES_SHEET)
    for line in NOTES:
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
