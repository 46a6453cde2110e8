"""Read an event's results from CSV or XLSX, check every row, and replace the event's results in one transaction.

Used by `manage.py import_results` and by the admin upload view. A file is either imported whole or not at all:
every problem is collected (row number as Excel shows it, column letter and header) so the organiser can fix the
file in one pass. Cells that look like resident ID or mobile numbers are refused in any column.
"""

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.log_actions import log

from cms.cache import invalidate_tags
from cms.import_report import ImportReport
from cms.reference import SkillLevel, find_city
from cms.tabular import RowError, UnreadableFile, column_letter, read_table

from .announcements import locked_announcement
from .choices import AnnouncementState, Award
from .columns import COLUMN_ALIASES, COLUMN_LABELS, REQUIRED_COLUMNS
from .models import (
    RESULTS_CACHE_TAG,
    ResultEntry,
    reindex_event_on_commit,
    results_cache_tag,
)
from .privacy import looks_like_personal_number

IMPORT_ACTION = "competitions.import_results"
FINAL_REFUSAL = _lazy("该赛事成绩已正式公布，不能再导入；如需更正，请先撤回公布。")
MAX_ROWS = 50_000
BATCH_SIZE = 2_000

MAX_LENGTHS = {"name": 200, "organisation": 200, "city": 50, "honour": 100, "team": 100}
TRUE_WORDS = {"是", "并列", "y", "yes", "true", "1", "✓", "√", "t", "x", "团体"}
FALSE_WORDS = {"", "否", "n", "no", "false", "0", "-", "—", "个人"}
NO_AWARD_WORDS = {"", "无", "-", "—", "none"}

RANK_RE = re.compile(r"^(并列)?\s*第?\s*([0-9]+)\s*名?\s*(=|[（(]并列[)）]|并列)?$")
DECIMAL_PLACES = Decimal("0.01")
MAX_SCORE = Decimal("99999.99")


def normalise_header(text: str) -> str:
    text = str(text).replace("\ufeff", "").replace("*", "").replace("\u3000", " ").strip().lower()
    return re.sub(r"[\s_\-]+", "_", text)


def _build_header_map() -> dict[str, str]:
    mapping = {}
    for column, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            mapping[normalise_header(alias)] = column
    return mapping


HEADER_MAP = _build_header_map()


def _build_award_map() -> dict[str, str]:
    mapping = {}
    extras = {
        Award.FIRST: ["一等", "first", "1st", "first_prize"],
        Award.SECOND: ["二等", "second", "2nd", "second_prize"],
        Award.THIRD: ["三等", "third", "3rd", "third_prize"],
        Award.EXCELLENCE: ["优胜", "优秀奖"],
        Award.GOLD: ["金奖", "gold_medal"],
        Award.SILVER: ["银奖", "silver_medal"],
        Award.BRONZE: ["铜奖", "bronze_medal"],
        Award.MEDALLION: ["medallion_for_excellence", "medallion", "mfe"],
    }
    for value, label in Award.choices:
        for alias in [value, label, *extras.get(value, [])]:
            mapping[normalise_header(alias)] = value
    return mapping


AWARD_MAP = _build_award_map()


def _build_level_map() -> dict[str, int]:
    mapping = {}
    for value, label in SkillLevel.choices:
        mapping[str(value)] = value
        mapping[f"{value}级"] = value
        mapping[normalise_header(label)] = value
        for part in str(label).split("/"):
            mapping[normalise_header(part)] = value
    return mapping


LEVEL_MAP = _build_level_map()


def normalise_city(text: str) -> str:
    """成都市 → 成都, 阿坝藏族羌族自治州 → 阿坝; places outside Sichuan are kept as written."""
    city = find_city(text)
    return city.name if city else text.strip()


@dataclass(kw_only=True)
class ResultsImportReport(ImportReport):
    """What a results import found and did; `saved` is True only when the event's results were replaced.

    `errors` holds cms.tabular.RowError (row, column, message)."""

    filename: str
    file_format: str = ""
    encoding: str = ""
    rows: int = 0
    replaced: int = 0
    saved: bool = False
    entries: list = field(default_factory=list)
    ties: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)

    def award_counts(self) -> list[tuple[str, int]]:
        counts = Counter(entry.award for entry in self.entries if entry.award)
        return [(label, counts[value]) for value, label in Award.choices if counts[value]]


# Checking --------------------------------------------------------------------------------------------------


def _parse_decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(_("应为数字")) from exc
    if not value.is_finite() or value < 0 or value > MAX_SCORE:
        raise ValueError(_("应为 0 到 99999.99 之间的数字"))
    if value != value.quantize(DECIMAL_PLACES):
        raise ValueError(_("最多保留两位小数"))
    return value.quantize(DECIMAL_PLACES)


def parse_rows(rows: Iterable[list[str]], report: ResultsImportReport, entry_factory: Callable) -> None:
    """Check every row and fill report.entries (unsaved) or report.errors; collects all problems at once."""
    rows = iter(rows)
    header = next(rows, None)
    while header is not None and not any(header):
        header = next(rows, None)
    if header is None:
        report.errors.append(RowError(0, "", _("文件是空的：第一行应为表头（名次、姓名……）。")))
        return

    columns: dict[str, int] = {}
    labels: list[str] = []
    for index, raw in enumerate(header):
        label = f"{column_letter(index)}（{raw}）" if raw else column_letter(index)
        labels.append(label)
        if not raw:
            continue
        canonical = HEADER_MAP.get(normalise_header(raw))
        if canonical is None:
            report.warnings.append(
                _("未识别的列 %(column)s 不导入（仍检查其中是否含身份证号或手机号）。") % {"column": label}
            )
        elif canonical in columns:
            report.errors.append(
                RowError(
                    1,
                    label,
                    _("与 %(other)s 列重复，都表示“%(meaning)s”。")
                    % {"other": labels[columns[canonical]], "meaning": COLUMN_LABELS[canonical]},
                )
            )
        else:
            columns[canonical] = index
        if looks_like_personal_number(raw):
            report.errors.append(RowError(1, label, _("表头含疑似身份证号或手机号。")))
    for required in REQUIRED_COLUMNS:
        if required not in columns:
            report.errors.append(RowError(1, "", _("缺少必需的列“%(column)s”。") % {"column": COLUMN_LABELS[required]}))
    report.columns = {canonical: header[index] for canonical, index in columns.items()}
    if any(error.row == 1 for error in report.errors):
        return

    def label_of(index: int) -> str:
        return labels[index] if index < len(labels) else column_letter(index)

    rank_rows: dict[tuple[bool, int], list[tuple[int, object]]] = defaultdict(list)
    for row_number, cells in enumerate(rows, start=2):
        if not any(cells):
            continue
        report.rows += 1
        if report.rows > MAX_ROWS:
            report.errors.append(RowError(row_number, "", _("一次最多导入 %(max)s 行。") % {"max": MAX_ROWS}))
            return
        errors_before = len(report.errors)

        def add(canonical_or_index, message, row_number=row_number):
            index = columns[canonical_or_index] if isinstance(canonical_or_index, str) else canonical_or_index
            report.errors.append(RowError(row_number, label_of(index), message))

        for index, cell in enumerate(cells):
            kind = looks_like_personal_number(cell) if cell else None
            if kind == "resident_id":
                add(index, _("疑似 18 位居民身份证号码。本平台不保存身份证号，请删除后再导入。"))
            elif kind == "mobile":
                add(index, _("疑似 11 位手机号码。本平台不保存手机号，请删除后再导入。"))

        def cell(canonical, cells=cells):
            index = columns.get(canonical)
            if index is None or index >= len(cells):
                return ""
            return cells[index]

        values = {}
        for canonical, limit in MAX_LENGTHS.items():
            text = cell(canonical)
            if len(text) > limit:
                add(canonical, _("内容过长（最多 %(limit)s 个字）。") % {"limit": limit})
            values[canonical] = text

        if not values["name"]:
            add("name", _("姓名不能为空。"))

        rank = None
        tied = False
        rank_text = cell("rank")
        match = RANK_RE.match(rank_text)
        if not rank_text:
            add("rank", _("名次不能为空。"))
        elif not match or int(match.group(2)) < 1:
            add("rank", _("名次应为正整数（并列名次重复填写同一名次即可，例如两行都填 3）。"))
        else:
            rank = int(match.group(2))
            tied = bool(match.group(1) or match.group(3))

        if "tie" in columns:
            tie_text = cell("tie").lower()
            if tie_text in TRUE_WORDS:
                tied = True
            elif tie_text not in FALSE_WORDS:
                add("tie", _("并列一栏应填写“是”或留空。"))

        scores = {}
        for canonical in ("score", "standardised_score"):
            text = cell(canonical)
            scores[canonical] = None
            if text:
                try:
                    scores[canonical] = _parse_decimal(text)
                except ValueError as exc:
                    add(canonical, str(exc))

        award = ""
        award_text = cell("award")
        if normalise_header(award_text) not in NO_AWARD_WORDS:
            award = AWARD_MAP.get(normalise_header(award_text))
            if award is None:
                allowed = "、".join(str(label) for _value, label in Award.choices)
                add(
                    "award",
                    _("未知奖项“%(award)s”，可填：%(allowed)s，或留空。") % {"award": award_text, "allowed": allowed},
                )
                award = ""

        level = None
        level_text = cell("promoted_level")
        if level_text:
            level = LEVEL_MAP.get(normalise_header(level_text))
            if level is None:
                add("promoted_level", _("晋升等级应为 1–5 或“一级”至“五级”（一级/高级技师 … 五级/初级工）。"))

        if len(report.errors) > errors_before:
            continue
        team = values["team"]
        entry = entry_factory(
            {
                "rank": rank,
                "tied": tied,
                "name": values["name"],
                "organisation": values["organisation"],
                "city": normalise_city(values["city"]),
                "raw_score": scores["score"],
                "standardised_score": scores["standardised_score"],
                "award": award,
                "promoted_level": level,
                "honour": values["honour"],
                "is_team": bool(team),
                "team_name": team,
            }
        )
        report.entries.append(entry)
        rank_rows[(bool(team), rank)].append((row_number, entry))

    _mark_ties(rank_rows, report)
    report.errors.sort(key=lambda error: error.row)
    if report.rows == 0 and not report.errors:
        report.errors.append(RowError(0, "", _("文件中没有成绩行。")))


def _mark_ties(rank_rows: dict, report: ResultsImportReport) -> None:
    """Rows sharing a rank are a tie, as spreadsheet users type it (3, 3): mark them, say so in the preview, and
    warn when tied rows carry different awards (usually a typing slip)."""
    for (team, rank), occurrences in sorted(rank_rows.items()):
        if len(occurrences) < 2:
            continue
        row_numbers = "、".join(str(row_number) for row_number, _entry in occurrences)
        for _row_number, entry in occurrences:
            entry.tied = True
        kind = _("团体") if team else _("个人")
        report.ties.append(
            _("%(kind)s名次 %(rank)s 并列 %(count)s 人（第 %(rows)s 行）。")
            % {"kind": kind, "rank": rank, "count": len(occurrences), "rows": row_numbers}
        )
        awards = {entry.award for _row_number, entry in occurrences}
        if len(awards) > 1:
            labels = "、".join(str(dict(Award.choices).get(award, _("无奖项"))) for award in sorted(awards))
            report.warnings.append(
                _("并列名次 %(rank)s（第 %(rows)s 行）的奖项不同：%(awards)s。请确认是否填写有误。")
                % {"rank": rank, "rows": row_numbers, "awards": labels}
            )


def result_entry_factory() -> Callable[[dict], object]:
    """Build unsaved ResultEntry rows from dicts; positional construction is several times faster than keywords."""
    attnames = [field.attname for field in ResultEntry._meta.concrete_fields]

    def build(values: dict):
        return ResultEntry(*[values.get(attname) for attname in attnames])

    return build


def parse_results(data: bytes, filename: str) -> ResultsImportReport:
    """Read and check a file without touching the database."""
    report = ResultsImportReport(filename=filename)
    try:
        rows, report.file_format, report.encoding = read_table(data, filename)
        parse_rows(rows, report, result_entry_factory())
    except UnreadableFile as exc:
        report.errors.append(RowError(0, "", str(exc)))
    except csv.Error as exc:
        report.errors.append(RowError(0, "", _("CSV 格式错误：%(error)s") % {"error": exc}))
    return report


# Saving ----------------------------------------------------------------------------------------------------


def import_results(
    event, data: bytes, filename: str, *, user=None, dry_run=False, progress=None
) -> ResultsImportReport:
    """Check the file and, unless dry_run or anything is wrong, replace the event's results atomically.

    Results under 公示 are put back to 未公布 (changed results need a new notice); results that are already
    final are refused: withdraw the announcement first.
    """
    say = progress or (lambda message: None)
    started = timezone.now()
    say(_("读取文件 %(name)s …") % {"name": filename})
    report = parse_results(data, filename)
    report.dry_run = dry_run
    say(
        _("已读取 %(rows)s 行（%(format)s%(encoding)s），发现 %(errors)s 个问题。")
        % {
            "rows": report.rows,
            "format": report.file_format.upper(),
            "encoding": f", {report.encoding}" if report.encoding else "",
            "errors": len(report.errors),
        }
    )
    if event.get_announcement().state == AnnouncementState.FINAL:  # early answer; checked again under the lock
        report.errors.insert(0, RowError(0, "", str(FINAL_REFUSAL)))
    if not report.ok or dry_run:
        report.seconds = (timezone.now() - started).total_seconds()
        return report

    with transaction.atomic():
        # The lock confirm_final / publish_notice / withdraw take: the announcement row. Under it the state is read
        # again, so a confirmation committed while this file was being read is seen, and one that starts now waits
        # for this import to finish (no-op on SQLite, which writes one transaction at a time anyway).
        announcement = locked_announcement(event)
        state = announcement.state
        if state == AnnouncementState.FINAL:
            report.errors.insert(0, RowError(0, "", str(FINAL_REFUSAL)))
            report.seconds = (timezone.now() - started).total_seconds()
            return report
        report.replaced, _deleted = ResultEntry.objects.filter(event=event).delete()
        for entry in report.entries:
            entry.event = event
        for start in range(0, len(report.entries), BATCH_SIZE):
            ResultEntry.objects.bulk_create(report.entries[start : start + BATCH_SIZE])
            say(
                _("已写入 %(done)s / %(total)s 行")
                % {"done": min(start + BATCH_SIZE, report.rows), "total": report.rows}
            )
        invalidate_tags(results_cache_tag(event.pk), RESULTS_CACHE_TAG)
        reindex_event_on_commit(event.pk)
        if state == AnnouncementState.NOTICE:
            announcement.state = AnnouncementState.NONE
            announcement.save(update_fields=["state"])
            event.announcement = announcement
            report.warnings.append(_("该赛事原处于公示期；成绩已更新，需要重新发布公示。"))
        log(
            instance=event,
            action=IMPORT_ACTION,
            user=user,
            data={
                "filename": filename,
                "rows": report.rows,
                "replaced": report.replaced,
                "format": report.file_format,
            },
        )
    report.saved = True
    report.seconds = (timezone.now() - started).total_seconds()
    return report
