"""Cell text → values, each with an error message the uploader can act on (raised as ValueError)."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from cms.reference import LEVEL_SHORT_NAMES, find_city

from ..choices import BaseLevel, ProviderKind

LEVEL_WORDS = {name: number for number, name in LEVEL_SHORT_NAMES.items()}
TRUE_WORDS = {"是", "1", "true", "yes", "y", "补贴", "√"}
FALSE_WORDS = {"否", "0", "false", "no", "n", ""}
DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def text(value: str) -> str:
    """Free text as typed (Chinese punctuation kept)."""
    return (value or "").strip()


def compact(value: str) -> str:
    """Codes, numbers and dates: full-width digits and letters as people type them → ASCII."""
    return unicodedata.normalize("NFKC", value or "").strip()


def date_value(value: str, required: bool = False) -> datetime.date | None:
    value = compact(value)
    if not value:
        if required:
            raise ValueError(_("必填"))
        return None
    match = DATE_RE.match(value)
    if not match:
        raise ValueError(_("日期格式应为 2026-03-01，当前为“%(value)s”") % {"value": value})
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError(_("不存在的日期“%(value)s”") % {"value": value}) from None


def level_value(value: str, required: bool = False) -> int | None:
    value = compact(value)
    if not value:
        if required:
            raise ValueError(_("必填"))
        return None
    word = value.split("/")[0]
    if word in LEVEL_WORDS:
        return LEVEL_WORDS[word]
    if value.isdigit() and int(value) in LEVEL_SHORT_NAMES:
        return int(value)
    raise ValueError(_("等级应为 1–5 或 一级…五级，当前为“%(value)s”") % {"value": value})


def levels_value(value: str) -> list[int]:
    return [level_value(part) for part in re.split(r"[/,，、\s]+", compact(value)) if part]


def city_value(value: str, allow_province: bool = False) -> str:
    value = text(value)
    if allow_province and value in ("", "全省", "四川省", "四川"):
        return ""
    city = find_city(value)
    if city is None:
        raise ValueError(_("不是四川省的市州：“%(value)s”") % {"value": value})
    return city.name


def choice_value(value: str, choices, label: str) -> str:
    value = text(value)
    for choice_value_, choice_label in choices:
        if value in (choice_value_, str(choice_label)):
            return choice_value_
    allowed = "、".join(str(choice_label) for choice_value_, choice_label in choices if choice_value_)
    raise ValueError(
        _("未知的%(label)s“%(value)s”，可选：%(allowed)s") % {"label": label, "value": value, "allowed": allowed}
    )


def kind_value(value: str) -> str:
    return choice_value(value, ProviderKind.choices, _("机构类型"))


def base_level_value(value: str) -> str:
    if text(value) in ("", "无"):
        return ""
    return choice_value(value, BaseLevel.choices, _("基地级别"))


def int_value(value: str, required: bool = False) -> int | None:
    value = compact(value)
    if not value:
        if required:
            raise ValueError(_("必填"))
        return None
    if not value.isdigit():
        raise ValueError(_("应为非负整数，当前为“%(value)s”") % {"value": value})
    return int(value)


def money_value(value: str, required: bool = False) -> Decimal | None:
    value = compact(value).replace(",", "").removesuffix("元")
    if not value:
        if required:
            raise ValueError(_("必填"))
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(_("应为金额（元），当前为“%(value)s”") % {"value": value}) from None
    if amount < 0 or not amount.is_finite():
        raise ValueError(_("金额不能为负数"))
    return amount.quantize(Decimal("0.01"))


def bool_value(value: str) -> bool:
    value = compact(value).lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ValueError(_("应为“是”或“否”，当前为“%(value)s”") % {"value": value})
