"""Stage 1: check each object of the file on its own and keep only the keys it gave (Spec)."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms.limits import MAX_MARKDOWN_CHARS
from cms.reference import OCCUPATION_CODE_VALIDATOR

from ..bundle import MaterialsChecker
from ..choices import OccupationKind
from ..rules import CURRICULUM_CODE
from ..text import ALIAS_SEPARATORS, split_lines
from .schema import MAX_HOURS, MODULE_KEYS, OCCUPATION_KEYS, PACKAGE_KEYS, duplicate_message


@dataclass
class Spec:
    """One object of the file, checked: `values` holds only the keys the file gave."""

    path: str
    key: str
    values: dict
    existing: object = None
    broken: set = field(default_factory=set)  # keys whose value was refused: no rule may lean on them


class Checker:
    def __init__(self):
        self.errors = []

    def error(self, path, message):
        self.errors.append(f"{path}: {message}")

    def text(self, obj, key, path, *, required=False, max_length=None, default=None):
        if key not in obj:
            if required:
                self.error(path, _('缺少必填字段 "%(key)s"') % {"key": key})
            return default
        value = obj[key]
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            self.error(f"{path}.{key}", _("应为字符串"))
            return default
        value = value.strip() if max_length else value
        if required and not value.strip():
            self.error(f"{path}.{key}", _("不能为空"))
        if max_length and len(value) > max_length:
            self.error(f"{path}.{key}", _("过长（最多 %(max)s 个字符）") % {"max": max_length})
        return value

    def boolean(self, obj, key, path):
        value = obj[key]
        if not isinstance(value, bool):
            self.error(f"{path}.{key}", _("应为 true 或 false"))
            return None
        return value

    def string_list(self, obj, key, path, *, max_length=200):
        value = obj[key]
        if not isinstance(value, list):
            self.error(f"{path}.{key}", _("应为列表"))
            return None
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.error(f"{path}.{key}[{index}]", _("应为非空字符串"))
                continue
            if "\n" in item:
                self.error(f"{path}.{key}[{index}]", _("不能包含换行"))
                continue
            if len(item) > max_length:
                self.error(f"{path}.{key}[{index}]", _("过长（最多 %(max)s 个字符）") % {"max": max_length})
                continue
            items.append(item.strip())
        return items

    def hours(self, obj, key, path, *, nullable=False):
        value = obj[key]
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
            self.error(f"{path}.{key}", _("应为数字或 null") if nullable else _("应为数字"))
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.error(f"{path}.{key}", _("不是数字：%(value)s") % {"value": repr(value)})
            return None
        if not number.is_finite():
            self.error(f"{path}.{key}", _("应为有限的数字"))
            return None
        if number < 0:
            self.error(f"{path}.{key}", _("学时不能为负数（%(value)s）") % {"value": value})
            return None
        if number > MAX_HOURS:
            self.error(f"{path}.{key}", _("学时过大（最多 %(max)s）") % {"max": MAX_HOURS})
            return None
        if number != number.quantize(Decimal("0.1")):
            self.error(f"{path}.{key}", _("学时最多保留一位小数（%(value)s）") % {"value": value})
            return None
        return number.quantize(Decimal("0.1"))

    def unknown_keys(self, obj, allowed, path):
        for key in obj:
            if key not in allowed:
                self.error(path, _('未知字段 "%(key)s"') % {"key": key})


def check_code(checker, value, validator, path):
    try:
        validator(value)
    except ValidationError as exc:
        checker.error(path, _('代码 "%(code)s" 格式不对：%(reason)s') % {"code": value, "reason": exc.messages[0]})
        return False
    return True


def parse_occupations(checker, items, levels_by_number):
    specs = []
    seen = {}
    for index, obj in enumerate(items):
        path = f"occupations[{index}]"
        if not isinstance(obj, dict):
            checker.error(path, _("应为对象"))
            continue
        checker.unknown_keys(obj, OCCUPATION_KEYS, path)
        values = {}
        name = checker.text(obj, "name", path, required=True, max_length=255)
        if name:
            values["title"] = name
        code = None
        if "code" in obj:
            raw = obj["code"]
            if raw is not None and not isinstance(raw, str):
                checker.error(f"{path}.code", _("应为字符串或 null"))
            else:
                code = (raw or "").strip() or None
                if code and not check_code(checker, code, OCCUPATION_CODE_VALIDATOR, f"{path}.code"):
                    code = None
            values["code"] = code
        if "kind" in obj:
            if obj["kind"] not in OccupationKind.values:
                allowed = "、".join(f'"{value}"' for value in OccupationKind.values)
                checker.error(
                    f"{path}.kind",
                    _('未知类别 "%(kind)s"（可选：%(allowed)s）') % {"kind": obj["kind"], "allowed": allowed},
                )
            else:
                values["kind"] = obj["kind"]
        if "aliases" in obj:
            aliases = checker.string_list(obj, "aliases", path, max_length=60)
            if aliases is not None:
                for alias_index, alias in enumerate(aliases):
                    if ALIAS_SEPARATORS.search(alias):
                        checker.error(f"{path}.aliases[{alias_index}]", _("别名中不能包含顿号、逗号或分号"))
                values["alias_names"] = aliases
        for key in ("shortage", "subsidy"):
            if key in obj:
                flag = checker.boolean(obj, key, path)
                if flag is not None:
                    values[key] = flag
        broken = set()
        errors_before = len(checker.errors)
        if "levels" in obj:
            levels = obj["levels"]
            if not isinstance(levels, list):
                checker.error(f"{path}.levels", _("应为等级数字的列表，如 [5, 4, 3]"))
            else:
                numbers = []
                for level_index, number in enumerate(levels):
                    if isinstance(number, bool) or not isinstance(number, int):
                        checker.error(f"{path}.levels[{level_index}]", _("应为整数"))
                    elif number not in levels_by_number:
                        checker.error(
                            f"{path}.levels[{level_index}]", _("未知的技能等级 %(number)s") % {"number": number}
                        )
                    elif number in numbers:
                        checker.error(f"{path}.levels[{level_index}]", _("等级 %(number)s 重复") % {"number": number})
                    else:
                        numbers.append(number)
                values["levels"] = numbers
            if len(checker.errors) > errors_before:
                broken.add("levels")
        if "summary" in obj:
            values["summary"] = checker.text(obj, "summary", path, default="")
        if "standard_title" in obj:
            values["standard_title"] = checker.text(obj, "standard_title", path, max_length=200, default="")
        if "standard_year" in obj:
            year = obj["standard_year"]
            if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1949 <= year <= 2100):
                checker.error(f"{path}.standard_year", _("应为 1949–2100 之间的年份或 null"))
            else:
                values["standard_year"] = year
        if not name:
            continue
        key = code or name
        if key in seen:
            checker.error(f"{path}.{'code' if code else 'name'}", duplicate_message(key, seen[key]))
            continue
        seen[key] = path
        specs.append(Spec(path=path, key=key, values=values, broken=broken))
    return specs


def entries(checker, items, section, known_keys):
    """(path, object) for each item of a list section; an item that is not an object is reported and skipped."""
    for index, obj in enumerate(items):
        path = f"{section}[{index}]"
        if not isinstance(obj, dict):
            checker.error(path, _("应为对象"))
            continue
        checker.unknown_keys(obj, known_keys, path)
        yield path, obj


def code_and_title(checker, obj, path, values):
    """The item's curriculum code (None when missing or malformed, reported); its title goes into `values`."""
    code = checker.text(obj, "code", path, required=True, max_length=40)
    if code and not check_code(checker, code, CURRICULUM_CODE, f"{path}.code"):
        code = None
    title = checker.text(obj, "title", path, required=True, max_length=255)
    if title:
        values["title"] = title
    return code


def keep_unique(checker, specs, seen, spec):
    """Add `spec` unless an earlier item of the section had the same code (reported with both places)."""
    if spec.key in seen:
        checker.error(f"{spec.path}.code", duplicate_message(spec.key, seen[spec.key]))
        return
    seen[spec.key] = spec.path
    specs.append(spec)


def parse_modules(checker, items, materials_checker=None):
    specs = []
    seen = {}
    for path, obj in entries(checker, items, "modules", MODULE_KEYS):
        values = {}
        code = code_and_title(checker, obj, path, values)
        if "occupation" in obj:
            ref = obj["occupation"]
            if ref is not None and not isinstance(ref, str):
                checker.error(f"{path}.occupation", _("应为职业代码、职业名称或 null"))
            else:
                values["occupation"] = (ref or "").strip() or None
        broken = set()
        for key in ("theory_hours", "practice_hours"):
            if key in obj:
                hours = checker.hours(obj, key, path)
                if hours is not None:
                    values[key] = hours
                else:
                    broken.add(key)
        if "outcomes" in obj:
            outcomes = checker.string_list(obj, "outcomes", path, max_length=500)
            if outcomes is not None:
                values["outcomes"] = [split_lines(item)[0] if split_lines(item) else item for item in outcomes]
        if "body" in obj:
            values["body"] = checker.text(obj, "body", path, default="")
            if isinstance(values["body"], str) and len(values["body"]) > MAX_MARKDOWN_CHARS:
                checker.error(
                    f"{path}.body",
                    _("正文过长（%(length)s 个字符，最多 %(max)s 个）")
                    % {"length": len(values["body"]), "max": MAX_MARKDOWN_CHARS},
                )
        if "tags" in obj:
            tags = checker.string_list(obj, "tags", path, max_length=100)
            if tags is not None:
                values["tags"] = sorted(set(tags))
        if "prerequisites" in obj:
            prerequisites = checker.string_list(obj, "prerequisites", path, max_length=40)
            if prerequisites is not None:
                values["prerequisites"] = prerequisites
        if "materials" in obj:
            materials = (materials_checker or MaterialsChecker(checker, None)).check(
                obj["materials"], f"{path}.materials"
            )
            if materials is not None:
                values["materials"] = materials
            else:
                broken.add("materials")
        if code:
            keep_unique(checker, specs, seen, Spec(path=path, key=code, values=values, broken=broken))
    return specs


def parse_packages(checker, items):
    specs = []
    seen = {}
    for path, obj in entries(checker, items, "packages", PACKAGE_KEYS):
        values = {}
        code = code_and_title(checker, obj, path, values)
        occupation = checker.text(obj, "occupation", path, required=True, max_length=255)
        if occupation:
            values["occupation"] = occupation
        if "level" not in obj:
            checker.error(path, _('缺少必填字段 "%(key)s"') % {"key": "level"})
        elif isinstance(obj["level"], bool) or not isinstance(obj["level"], int):
            checker.error(f"{path}.level", _("应为等级数字，如 5"))
        else:
            values["level"] = obj["level"]
        if "min_hours" in obj:
            minimum = checker.hours(obj, "min_hours", path, nullable=True)
            if minimum is not None or obj["min_hours"] is None:
                values["min_hours"] = minimum
        if "modules" in obj:
            modules = checker.string_list(obj, "modules", path, max_length=40)
            if modules is not None:
                values["modules"] = modules
        for key in ("summary", "assessment"):
            if key in obj:
                values[key] = checker.text(obj, key, path, default="")
        if "supersedes" in obj:
            ref = obj["supersedes"]
            if ref is not None and not isinstance(ref, str):
                checker.error(f"{path}.supersedes", _("应为培训包代码或 null"))
            else:
                values["supersedes"] = (ref or "").strip() or None
        if code:
            keep_unique(checker, specs, seen, Spec(path=path, key=code, values=values))
    return specs
