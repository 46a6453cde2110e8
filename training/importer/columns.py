"""The columns of each sheet, with Chinese and English headers (the XLSX template and the exports use them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    field: str
    zh: str
    en: str
    required: bool = False


PROVIDERS = "providers"
CLASSES = "classes"
RULES = "rules"

SHEET_NAMES = {PROVIDERS: "培训机构", CLASSES: "开班计划", RULES: "补贴标准"}
SHEET_ALIASES = {
    "培训机构": PROVIDERS,
    "providers": PROVIDERS,
    "开班计划": CLASSES,
    "classes": CLASSES,
    "补贴标准": RULES,
    "subsidies": RULES,
    "rules": RULES,
}

COLUMNS = {
    PROVIDERS: (
        Column("credit_code", "统一社会信用代码", "credit_code", True),
        Column("name", "机构名称", "name", True),
        Column("kind", "机构类型", "kind", True),
        Column("base_level", "基地级别", "base_level"),
        Column("city", "市州", "city", True),
        Column("district", "区县", "district"),
        Column("address", "地址", "address", True),
        Column("phones", "咨询电话", "phones", True),
        Column("website", "网站", "website"),
        Column("listed_from", "列入目录日期", "listed_from", True),
        Column("listed_to", "目录有效期至", "listed_to"),
        Column("approvals", "准予培训", "approvals"),
        Column("intro", "机构简介", "intro"),
    ),
    CLASSES: (
        Column("code", "开班编号", "code", True),
        Column("provider", "机构信用代码", "provider_credit_code", True),
        Column("package", "培训包代码", "package"),
        Column("occupation", "职业编码", "occupation"),
        Column("level", "等级", "level"),
        Column("title", "班级名称", "title"),
        Column("start_date", "开班日期", "start_date", True),
        Column("end_date", "结业日期", "end_date", True),
        Column("schedule", "上课时间", "schedule"),
        Column("place", "上课地点", "place"),
        Column("seats", "招生人数", "seats", True),
        Column("seats_left", "剩余名额", "seats_left"),
        Column("fee", "培训费", "fee"),
        Column("subsidised", "补贴性培训", "subsidised"),
        Column("enrol_phone", "报名电话", "enrol_phone"),
        Column("enrol_url", "报名链接", "enrol_url"),
        Column("enrol_in_person", "现场报名", "enrol_in_person"),
        Column("enrol_deadline", "报名截止", "enrol_deadline"),
    ),
    RULES: (
        Column("occupation", "职业编码", "occupation"),
        Column("level", "等级", "level"),
        Column("city", "地区", "region"),
        Column("amount", "补贴金额", "amount", True),
        Column("conditions", "补贴条件", "conditions"),
        Column("valid_from", "生效日期", "valid_from", True),
        Column("valid_to", "失效日期", "valid_to"),
        Column("basis", "政策依据", "basis"),
    ),
}

# A CSV holds one kind: the header tells which.
KIND_SIGNATURES = ((CLASSES, {"开班编号", "code"}), (RULES, {"补贴金额", "amount"}), (PROVIDERS, {"机构名称", "name"}))


def header_map(kind: str) -> dict[str, Column]:
    mapping = {}
    for column in COLUMNS[kind]:
        mapping[column.zh] = column
        mapping[column.en.lower()] = column
    return mapping


def detect_kind(header: list[str]) -> str | None:
    cells = {cell.strip().lower() for cell in header}
    for kind, signature in KIND_SIGNATURES:
        if cells & signature:
            return kind
    return None
