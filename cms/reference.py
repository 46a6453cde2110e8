"""Reference data every app shares: skill levels and Sichuan's 21 市州.

One definition here, imported wherever a form, a model constraint, an importer or a filter needs it, so the
copies can no longer drift apart (they did: one app allowed levels 0–6 while another's constraint said 1–5).
This module only computes: it imports no models, so any app can use it without an import cycle.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class SkillLevel(models.IntegerChoices):
    """职业技能等级 as numbered in the national standards: 一级 is the highest, 五级 the entry level."""

    LEVEL_1 = 1, _("一级/高级技师")
    LEVEL_2 = 2, _("二级/技师")
    LEVEL_3 = 3, _("三级/高级工")
    LEVEL_4 = 4, _("四级/中级工")
    LEVEL_5 = 5, _("五级/初级工")


LEVEL_MIN = min(SkillLevel.values)
LEVEL_MAX = max(SkillLevel.values)
LEVEL_SHORT_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级", 5: "五级"}


@dataclass(frozen=True)
class City:
    """A prefecture-level division (市州) of Sichuan, with its GB/T 2260 code."""

    code: str
    name: str  # the short name people and result sheets use: 成都, 阿坝
    full_name: str  # 成都市, 阿坝藏族羌族自治州

    def __str__(self):
        return self.name


# Sichuan's 21 市州 in the official order (GB/T 2260).
SICHUAN_CITIES: tuple[City, ...] = (
    City("510100", "成都", "成都市"),
    City("510300", "自贡", "自贡市"),
    City("510400", "攀枝花", "攀枝花市"),
    City("510500", "泸州", "泸州市"),
    City("510600", "德阳", "德阳市"),
    City("510700", "绵阳", "绵阳市"),
    City("510800", "广元", "广元市"),
    City("510900", "遂宁", "遂宁市"),
    City("511000", "内江", "内江市"),
    City("511100", "乐山", "乐山市"),
    City("511300", "南充", "南充市"),
    City("511400", "眉山", "眉山市"),
    City("511500", "宜宾", "宜宾市"),
    City("511600", "广安", "广安市"),
    City("511700", "达州", "达州市"),
    City("511800", "雅安", "雅安市"),
    City("511900", "巴中", "巴中市"),
    City("512000", "资阳", "资阳市"),
    City("513200", "阿坝", "阿坝藏族羌族自治州"),
    City("513300", "甘孜", "甘孜藏族自治州"),
    City("513400", "凉山", "凉山彝族自治州"),
)
CITY_NAMES: tuple[str, ...] = tuple(city.name for city in SICHUAN_CITIES)
# For a model field that stores the short name (results, providers): value and label are both the name.
CITY_CHOICES: list[tuple[str, str]] = [(city.name, city.name) for city in SICHUAN_CITIES]

_CITY_LOOKUP: dict[str, City] = {}
for _city in SICHUAN_CITIES:
    for _key in (_city.code, _city.name, _city.full_name, _city.name + "市", _city.name + "州"):
        _CITY_LOOKUP[_key] = _city


def find_city(text: str) -> City | None:
    """The 市州 that `text` names (成都, 成都市, 510100, 阿坝州, 四川省成都市), or None."""
    value = unicodedata.normalize("NFKC", text or "").strip().replace(" ", "")
    if value.startswith("四川省"):
        value = value[3:]
    elif value.startswith("四川"):
        value = value[2:]
    return _CITY_LOOKUP.get(value)


# 职业编码 of the 2022 national occupation classification, e.g. 4-10-01-05 (dashes or dots accepted on input).
OCCUPATION_CODE_RE = re.compile(r"^[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}$")
OCCUPATION_CODE_HELP = _("国家职业分类编码，如 4-10-01-05")
OCCUPATION_CODE_VALIDATOR = RegexValidator(
    OCCUPATION_CODE_RE, _("职业代码应为国家职业分类大典格式，如 4-10-01-05。"), code="occupation_code"
)


def normalise_occupation_code(text: str) -> str:
    """Full-width digits and other separators to the canonical 4-10-01-05 form; unchanged if it is no code."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    candidate = re.sub(r"[.．·_—–\s]", "-", value)
    return candidate if OCCUPATION_CODE_RE.match(candidate) else value
