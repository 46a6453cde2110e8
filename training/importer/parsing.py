"""One spreadsheet row → one model instance (new or the existing row with the same key), or errors by column.

Model validation (field validators, the 信用代码 check character, cross-field checks) runs here so an import is
held to exactly the rules of the admin forms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms.reference import normalise_occupation_code

from ..credit_code import normalise_credit_code
from ..models import Provider, SubsidyRule, TrainingClass
from ..models.subsidies import parse_basis
from . import values as v
from .columns import CLASSES, PROVIDERS, RULES

SHORTAGE_WORDS = {"", "急需紧缺", "急需紧缺职业", "全部", "all", "shortage"}

FIELDS = {
    PROVIDERS: (
        "name", "kind", "base_level", "city", "district", "address", "phones", "website", "listed_from", "listed_to",
        "intro",
    ),
    CLASSES: (
        "title", "provider_id", "package_id", "occupation_id", "level", "start_date", "end_date", "schedule", "place",
        "seats", "seats_left", "fee", "subsidised", "enrol_phone", "enrol_url", "enrol_in_person", "enrol_deadline",
    ),
    RULES: ("amount", "conditions", "valid_to", "basis", "policy_document_id", "clause_anchor"),
}  # fmt: skip


@dataclass
class Parsed:
    kind: str
    row: int
    key: str
    instance: object
    created: bool
    errors: dict[str, str] = field(default_factory=dict)  # field → message
    approvals: set[tuple[int, int]] | None = None  # providers: (occupation id, level)
    provider_code: str = ""  # classes: the provider's 信用代码
    before: tuple | None = None  # the existing row's values before this import touched them

    def __post_init__(self):
        if not self.created:
            self.before = self.snapshot()

    def snapshot(self) -> tuple:
        return tuple(getattr(self.instance, name) for name in FIELDS[self.kind])


@dataclass
class Lookups:
    """Everything rows refer to, loaded once per import (a fixed number of queries whatever the row count)."""

    occupations: dict[str, object]  # code or title → occupation page
    packages: dict[str, object]  # code → package page (with `occupation` attached)
    providers: dict[str, Provider]  # 信用代码 → existing provider
    classes: dict[str, TrainingClass]  # code → existing class
    rules: list[SubsidyRule]
    documents: dict[str, object]  # 文号 → policy document


def _set(parsed: Parsed, field_name: str, parse, raw: str):
    try:
        setattr(parsed.instance, field_name, parse(raw))
    except ValueError as error:
        parsed.errors[field_name] = str(error)


def _required(parsed, name, raw):
    if not v.text(raw):
        parsed.errors[name] = _("必填")
        return False
    return True


def _model_errors(parsed: Parsed, exclude=()):
    try:
        parsed.instance.clean_fields(exclude=[*exclude, *parsed.errors])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            parsed.errors.setdefault(name, " ".join(messages))


def occupation_for(lookups: Lookups, raw: str):
    value = normalise_occupation_code(v.compact(raw))
    return lookups.occupations.get(value)


def parse_provider(row: int, cells: dict[str, str], lookups: Lookups) -> Parsed:
    code = normalise_credit_code(cells.get("credit_code", ""))
    existing = lookups.providers.get(code)
    instance = existing or Provider(credit_code=code)
    parsed = Parsed(PROVIDERS, row, code, instance, existing is None)
    for name in ("name", "address", "phones", "district", "intro"):
        setattr(instance, name, v.text(cells.get(name, "")))
    instance.website = v.compact(cells.get("website", ""))
    _set(parsed, "kind", v.kind_value, cells.get("kind", ""))
    _set(parsed, "base_level", v.base_level_value, cells.get("base_level", ""))
    _set(parsed, "city", v.city_value, cells.get("city", ""))
    _set(parsed, "listed_from", lambda raw: v.date_value(raw, required=True), cells.get("listed_from", ""))
    _set(parsed, "listed_to", v.date_value, cells.get("listed_to", ""))
    _model_errors(parsed, exclude=["listed_to"] if "listed_from" in parsed.errors else [])
    if instance.listed_to and instance.listed_from and instance.listed_to < instance.listed_from:
        parsed.errors.setdefault("listed_to", _("目录有效期不能早于列入目录日期"))
    parsed.approvals = set()
    for part in [
        p for p in v.compact(cells.get("approvals", "")).replace("；", ";").replace("\n", ";").split(";") if p
    ]:
        occupation_raw, _sep, levels_raw = part.partition(":")
        occupation = occupation_for(lookups, occupation_raw)
        if occupation is None:
            parsed.errors["approvals"] = _("未知的职业编码“%(code)s”（课程中心没有这个职业）") % {
                "code": occupation_raw.strip()
            }
            continue
        try:
            levels = v.levels_value(levels_raw) if levels_raw.strip() else []
        except ValueError as error:
            parsed.errors["approvals"] = str(error)
            continue
        if not levels:
            parsed.errors["approvals"] = _("“%(part)s”缺少等级，写作 职业编码:等级，如 4-10-01-05:5/4") % {"part": part}
        parsed.approvals.update((occupation.pk, level) for level in levels)
    return parsed


def parse_class(row: int, cells: dict[str, str], lookups: Lookups, new_providers: dict[str, Provider]) -> Parsed:
    code = v.compact(cells.get("code", ""))
    existing = lookups.classes.get(code)
    instance = existing or TrainingClass(code=code)
    parsed = Parsed(CLASSES, row, code, instance, existing is None)
    parsed.provider_code = normalise_credit_code(cells.get("provider", ""))
    provider = new_providers.get(parsed.provider_code) or lookups.providers.get(parsed.provider_code)
    if provider is None:
        if _required(parsed, "provider", cells.get("provider", "")):
            parsed.errors["provider"] = _("未知的机构信用代码“%(code)s”（不在本文件的培训机构表或系统中）") % {
                "code": parsed.provider_code
            }
    else:
        instance.provider = provider
    for name in ("title", "schedule", "place", "enrol_phone", "enrol_url", "enrol_in_person"):
        setattr(instance, name, v.text(cells.get(name, "")))
    package_code = v.compact(cells.get("package", ""))
    if package_code:
        package = lookups.packages.get(package_code)
        if package is None:
            parsed.errors["package"] = _("未知的培训包代码“%(code)s”") % {"code": package_code}
        else:
            instance.package_id = package.pk
            instance.occupation_id = package.occupation_id_for_import
            instance.level = package.level_number_for_import
    else:
        instance.package_id = None
        occupation_raw = cells.get("occupation", "")
        if _required(parsed, "occupation", occupation_raw):
            occupation = occupation_for(lookups, occupation_raw)
            if occupation is None:
                parsed.errors["occupation"] = _("未知的职业编码“%(code)s”（课程中心没有这个职业）") % {
                    "code": v.text(occupation_raw)
                }
            else:
                instance.occupation_id = occupation.pk
        _set(parsed, "level", lambda raw: v.level_value(raw, required=True), cells.get("level", ""))
    _set(parsed, "start_date", lambda raw: v.date_value(raw, required=True), cells.get("start_date", ""))
    _set(parsed, "end_date", lambda raw: v.date_value(raw, required=True), cells.get("end_date", ""))
    _set(parsed, "enrol_deadline", v.date_value, cells.get("enrol_deadline", ""))
    _set(parsed, "seats", lambda raw: v.int_value(raw, required=True), cells.get("seats", ""))
    _set(parsed, "seats_left", v.int_value, cells.get("seats_left", ""))
    if instance.seats_left is None and "seats_left" not in parsed.errors:
        instance.seats_left = instance.seats
    _set(parsed, "fee", lambda raw: v.money_value(raw) or 0, cells.get("fee", ""))
    _set(parsed, "subsidised", v.bool_value, cells.get("subsidised", ""))
    _model_errors(parsed, exclude=["provider", "occupation", "package"])
    for name, message in instance.consistency_errors().items():
        if not ({name, "start_date", "end_date"} & set(parsed.errors)):
            parsed.errors.setdefault(name, str(message))
    return parsed


def parse_rule(row: int, cells: dict[str, str], lookups: Lookups) -> Parsed:
    instance = SubsidyRule()
    parsed = Parsed(RULES, row, "", instance, True)
    occupation_raw = v.compact(cells.get("occupation", ""))
    if occupation_raw.lower() not in SHORTAGE_WORDS:
        occupation = occupation_for(lookups, occupation_raw)
        if occupation is None:
            parsed.errors["occupation"] = _("未知的职业编码“%(code)s”（课程中心没有这个职业）") % {
                "code": occupation_raw
            }
        else:
            instance.occupation_id = occupation.pk
    _set(parsed, "level", v.level_value, cells.get("level", ""))
    _set(parsed, "city", lambda raw: v.city_value(raw, allow_province=True), cells.get("city", ""))
    _set(parsed, "amount", lambda raw: v.money_value(raw, required=True), cells.get("amount", ""))
    _set(parsed, "valid_from", lambda raw: v.date_value(raw, required=True), cells.get("valid_from", ""))
    _set(parsed, "valid_to", v.date_value, cells.get("valid_to", ""))
    instance.conditions = v.text(cells.get("conditions", ""))
    instance.basis = v.text(cells.get("basis", ""))
    if instance.valid_to and instance.valid_from and instance.valid_to < instance.valid_from:
        parsed.errors.setdefault("valid_to", _("失效日期不能早于生效日期"))
    parsed.key = (
        f"{occupation_raw or '急需紧缺'}/{instance.level or '-'}/{instance.city or '全省'}/{instance.valid_from}"
    )
    existing = next(
        (
            rule
            for rule in lookups.rules
            if (rule.occupation_id, rule.level, rule.city, rule.valid_from)
            == (instance.occupation_id, instance.level, instance.city, instance.valid_from)
        ),
        None,
    )
    if existing is not None:
        before = Parsed(RULES, row, parsed.key, existing, False).before
        for name in ("amount", "conditions", "valid_to", "basis"):
            setattr(existing, name, getattr(instance, name))
        parsed.instance, parsed.created, parsed.before = existing, False, before
    _link_clause(parsed.instance, lookups)
    _model_errors(parsed, exclude=["occupation", "policy_document"])
    return parsed


def _link_clause(rule: SubsidyRule, lookups: Lookups):
    number, clause = parse_basis(rule.basis)
    document = lookups.documents.get(number)
    rule.policy_document_id = document.pk if document is not None else None
    rule.clause_anchor = (document.clause_anchor(clause) or "") if document is not None and clause else ""
