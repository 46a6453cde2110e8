"""Import providers, classes and subsidy rules from one XLSX workbook (sheets 培训机构 / 开班计划 / 补贴标准) or a
CSV of one kind: every row checked first, every problem reported by sheet, row and column, then all or nothing.

Providers are matched by 统一社会信用代码, classes by 开班编号, rules by scope and 生效日期; a row that matches and
changes nothing is left alone, so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from cms.accounts.audit import log_import
from cms.cache import invalidate_tags
from cms.import_report import ImportReport
from cms.tabular import RowError, UnreadableFile, column_letter, is_xlsx, read_table, read_xlsx_sheets

from ..cache import CACHE_TAG
from ..indexing import reindex_on_commit
from ..models import Provider, ProviderApproval, SubsidyRule, TrainingClass
from ..subsidies import overlapping_rules
from .columns import CLASSES, COLUMNS, PROVIDERS, RULES, SHEET_ALIASES, SHEET_NAMES, detect_kind, header_map
from .parsing import FIELDS, Lookups, Parsed, parse_class, parse_provider, parse_rule

KIND_ORDER = (PROVIDERS, CLASSES, RULES)
KIND_LABELS = SHEET_NAMES


@dataclass(kw_only=True)
class TrainingImportReport(ImportReport):
    filename: str
    file_format: str = ""
    encoding: str = ""
    counts: dict[str, Counter] = field(default_factory=lambda: {kind: Counter() for kind in KIND_ORDER})
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (kind label, key, 新建/更新)
    saved: bool = False

    def summary(self) -> str:
        parts = []
        for kind in KIND_ORDER:
            count = self.counts[kind]
            if sum(count.values()):
                parts.append(
                    _("%(label)s：新建 %(created)s，更新 %(updated)s，未变 %(unchanged)s")
                    % {
                        "label": SHEET_NAMES[kind],
                        "created": count["created"],
                        "updated": count["updated"],
                        "unchanged": count["unchanged"],
                    }
                )
        return f"{self.outcome_label()}：" + ("；".join(parts) or _("文件中没有数据行"))


def read_sheets(data: bytes, filename: str, kind: str | None, report: ImportReport) -> dict[str, list[list[str]]]:
    """{kind: rows including the header} from a workbook (by sheet name) or a CSV (by its header)."""
    if is_xlsx(data):
        report.file_format = "xlsx"
        sheets = {}
        for name, rows in read_xlsx_sheets(data).items():
            sheet_kind = SHEET_ALIASES.get(name.strip().lower()) or SHEET_ALIASES.get(name.strip())
            if sheet_kind:
                sheets[sheet_kind] = rows
        if not sheets:
            raise UnreadableFile(_("工作簿中没有名为 培训机构、开班计划 或 补贴标准 的工作表。"))
        return sheets
    rows, report.file_format, report.encoding = read_table(data, filename)
    rows = list(rows)
    found = kind or (detect_kind(rows[0]) if rows else None)
    if found is None:
        raise UnreadableFile(_("无法从表头判断 CSV 的内容：应含有“机构名称”“开班编号”或“补贴金额”列。"))
    return {found: rows}


def load_lookups(sheets) -> Lookups:
    Occupation = apps.get_model("curricula", "Occupation")
    TrainingPackage = apps.get_model("curricula", "TrainingPackage")
    PolicyDocument = apps.get_model("policy", "PolicyDocument")
    occupations = {}
    by_path = {}
    for occupation in Occupation.objects.only("id", "title", "code", "path", "shortage"):
        occupations.setdefault(occupation.title, occupation)
        if occupation.code:
            occupations[occupation.code] = occupation
        by_path[occupation.path] = occupation
    packages = {}
    for package in TrainingPackage.objects.select_related("level").only("id", "code", "path", "level__number"):
        owner = by_path.get(package.path[: -package.steplen])
        package.occupation_id_for_import = owner.pk if owner else None
        package.level_number_for_import = package.level.number
        packages[package.code] = package
    providers = {
        provider.credit_code: provider
        for provider in Provider.objects.prefetch_related(
            Prefetch("approvals", queryset=ProviderApproval.objects.only("id", "provider_id", "occupation_id", "level"))
        )
    }
    classes = {item.code: item for item in TrainingClass.objects.all()} if CLASSES in sheets else {}
    documents = {doc.document_number: doc for doc in PolicyDocument.objects.exclude(document_number="")}
    return Lookups(occupations, packages, providers, classes, list(SubsidyRule.objects.all()), documents)


def _column_labels(header: list[str], kind: str) -> tuple[dict[str, int], dict[str, str], list[RowError]]:
    known = header_map(kind)
    positions, labels, errors = {}, {}, []
    for index, cell in enumerate(header):
        column = known.get(cell.strip()) or known.get(cell.strip().lower())
        if column is not None:
            positions[column.field] = index
            labels[column.field] = f"{column_letter(index)}（{cell.strip()}）"
    for column in COLUMNS[kind]:
        if column.required and column.field not in positions:
            errors.append(
                RowError(
                    1,
                    "",
                    _("缺少必需的列“%(zh)s”（或 %(en)s）") % {"zh": column.zh, "en": column.en},
                    SHEET_NAMES[kind],
                )
            )
    return positions, labels, errors


def _rows(kind, rows, report):
    """(row number, {field: cell}) for the data rows, and the column labels for error messages."""
    if not rows:
        return [], {}
    positions, labels, errors = _column_labels(rows[0], kind)
    report.errors.extend(errors)
    if errors:
        return [], labels
    data = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        data.append((number, {name: row[index] if index < len(row) else "" for name, index in positions.items()}))
    return data, labels


def _report_errors(parsed: Parsed, labels, report):
    sheet = SHEET_NAMES[parsed.kind]
    for name, message in parsed.errors.items():
        column = labels.get(name) or labels.get(name.removesuffix("_id")) or ""
        report.errors.append(RowError(parsed.row, column, message, sheet))


def _check_duplicates(parsed_rows, labels, key_field, report):
    seen = {}
    for parsed in parsed_rows:
        if parsed.key and parsed.key in seen:
            report.errors.append(
                RowError(
                    parsed.row,
                    labels.get(key_field, ""),
                    _("与第 %(row)s 行重复（%(key)s）") % {"row": seen[parsed.key], "key": parsed.key},
                    SHEET_NAMES[parsed.kind],
                )
            )
        seen.setdefault(parsed.key, parsed.row)


def _check_overlaps(rules: list[Parsed], existing: list[SubsidyRule], labels, report):
    final = {id(rule): rule for rule in existing}
    for parsed in rules:
        final[id(parsed.instance)] = parsed.instance
    everything = list(final.values())
    for parsed in rules:
        if parsed.errors or parsed.instance.valid_from is None:
            continue
        clash = overlapping_rules(parsed.instance, everything)
        if clash:
            report.errors.append(
                RowError(
                    parsed.row,
                    labels.get("valid_from", ""),
                    _("与同一范围的另一条补贴标准有效期重叠（%(other)s，自 %(start)s 起）")
                    % {"other": parsed.key.rsplit("/", 1)[0], "start": clash[0].valid_from},
                    SHEET_NAMES[RULES],
                )
            )


def _changed(parsed: Parsed) -> bool:
    if parsed.created:
        return True
    if parsed.before != parsed.snapshot():
        return True
    if parsed.approvals is not None:
        have = {(approval.occupation_id, approval.level) for approval in parsed.instance.approvals.all()}
        return have != parsed.approvals
    return False


BATCH = 1000
# Fields written by bulk_update, per kind (the parsed values; keys and primary keys stay).
UPDATE_FIELDS = {
    PROVIDERS: list(FIELDS[PROVIDERS]),
    CLASSES: [name.removesuffix("_id") for name in FIELDS[CLASSES]],
    RULES: [name.removesuffix("_id") for name in FIELDS[RULES]],
}


def _save(parsed_by_kind, report):
    """Count what changes and, unless it is a dry run, write it in bulk (row signals are not sent: the import
    invalidates the page cache and re-indexes once, afterwards)."""
    changed: dict[str, list[Parsed]] = {}
    for kind in KIND_ORDER:
        for parsed in parsed_by_kind.get(kind, []):
            if not _changed(parsed):
                report.counts[kind]["unchanged"] += 1
                continue
            report.counts[kind]["created" if parsed.created else "updated"] += 1
            report.changes.append((SHEET_NAMES[kind], parsed.key, _("新建") if parsed.created else _("更新")))
            changed.setdefault(kind, []).append(parsed)
    if report.dry_run:
        return
    for kind in KIND_ORDER:
        rows = changed.get(kind, [])
        model = type(rows[0].instance) if rows else None
        if kind == CLASSES:
            for parsed in rows:
                parsed.instance.provider = parsed.instance.provider  # saved above: take its primary key
        new = [parsed.instance for parsed in rows if parsed.created]
        old = [parsed.instance for parsed in rows if not parsed.created]
        if new:
            model.objects.bulk_create(new, batch_size=BATCH)
        if old:
            model.objects.bulk_update(old, UPDATE_FIELDS[kind], batch_size=BATCH)
        if kind == PROVIDERS:
            _save_approvals(rows)


def _save_approvals(rows: list[Parsed]) -> None:
    providers = {parsed.instance.pk: parsed.approvals for parsed in rows}
    have = ProviderApproval.objects.filter(provider_id__in=list(providers)).values_list(
        "pk", "provider_id", "occupation_id", "level"
    )
    stale, existing = [], set()
    for pk, provider_id, occupation_id, level in have:
        if (occupation_id, level) in providers[provider_id]:
            existing.add((provider_id, occupation_id, level))
        else:
            stale.append(pk)
    ProviderApproval.objects.filter(pk__in=stale).delete()
    ProviderApproval.objects.bulk_create(
        [
            ProviderApproval(provider_id=provider_id, occupation_id=occupation_id, level=level)
            for provider_id, approvals in providers.items()
            for occupation_id, level in sorted(approvals)
            if (provider_id, occupation_id, level) not in existing
        ],
        batch_size=BATCH,
    )


def import_training(
    data: bytes, filename: str, *, user=None, dry_run: bool = False, kind: str | None = None, progress=None
):
    """Check everything, then (unless `dry_run` or any error) save everything in one transaction.
    `progress(message)` hears about each stage (the command prints it)."""
    report = TrainingImportReport(filename=filename, dry_run=dry_run)
    progress = progress or (lambda message: None)
    try:
        sheets = read_sheets(data, filename, kind, report)
    except UnreadableFile as error:
        report.errors.append(RowError(0, "", str(error)))
        return report
    progress(
        _("读取到 %(sheets)s：共 %(rows)s 行")
        % {
            "sheets": "、".join(SHEET_NAMES[name] for name in KIND_ORDER if name in sheets),
            "rows": sum(max(len(rows) - 1, 0) for rows in sheets.values()),
        }
    )
    lookups = load_lookups(sheets)
    parsed_by_kind: dict[str, list[Parsed]] = {}

    rows, labels = _rows(PROVIDERS, sheets.get(PROVIDERS), report)
    providers = [parse_provider(number, cells, lookups) for number, cells in rows]
    _check_duplicates(providers, labels, "credit_code", report)
    for parsed in providers:
        _report_errors(parsed, labels, report)
    parsed_by_kind[PROVIDERS] = providers
    progress(_("已检查 %(label)s %(rows)s 行") % {"label": SHEET_NAMES[PROVIDERS], "rows": len(providers)})
    in_file = {parsed.key: parsed.instance for parsed in providers}

    rows, labels = _rows(CLASSES, sheets.get(CLASSES), report)
    classes = [parse_class(number, cells, lookups, in_file) for number, cells in rows]
    _check_duplicates(classes, labels, "code", report)
    for parsed in classes:
        _report_errors(parsed, labels, report)
    parsed_by_kind[CLASSES] = classes
    progress(_("已检查 %(label)s %(rows)s 行") % {"label": SHEET_NAMES[CLASSES], "rows": len(classes)})

    rows, labels = _rows(RULES, sheets.get(RULES), report)
    rules = [parse_rule(number, cells, lookups) for number, cells in rows]
    _check_duplicates(rules, labels, "valid_from", report)
    for parsed in rules:
        _report_errors(parsed, labels, report)
    _check_overlaps(rules, lookups.rules, labels, report)
    parsed_by_kind[RULES] = rules
    progress(_("已检查 %(label)s %(rows)s 行") % {"label": SHEET_NAMES[RULES], "rows": len(rules)})

    if report.errors:
        report.errors.sort(key=lambda error: (KIND_ORDER.index(_kind_of(error.sheet)), error.row))
        return report
    if dry_run:
        _save(parsed_by_kind, report)
        return report
    progress(_("正在保存 %(count)s 项改动") % {"count": len(report.changes)})
    with transaction.atomic():
        _save(parsed_by_kind, report)
        if report.changes:
            _after_import(user, report)
    report.saved = True
    return report


def _kind_of(sheet: str) -> str:
    return SHEET_ALIASES.get(sheet, PROVIDERS)


def _after_import(user, report):
    invalidate_tags(CACHE_TAG)
    reindex_on_commit()
    page = apps.get_model("training", "TrainingIndexPage").objects.first()
    if page is not None and user is not None:
        log_import(user, page, report.summary(), filename=report.filename)
