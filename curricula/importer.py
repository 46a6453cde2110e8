"""Import curricula from JSON: validate everything first, report every problem with its JSON path, then apply
all of it in one transaction (upsert by code, publish through revisions) or nothing.

Used by `manage.py import_curricula`, the admin upload view and the demo loader. The format (UTF-8 JSON):

    {"occupations": [{"code", "name", "kind", "aliases": [], "shortage", "subsidy", "levels": [5, 4],
                      "summary", "standard_title", "standard_year"}],
     "modules": [{"code", "title", "occupation": code-or-name-or-null, "theory_hours", "practice_hours",
                  "outcomes": [], "body": markdown, "tags": [], "prerequisites": [codes]}],
     "packages": [{"code", "title", "occupation": code-or-name, "level": 1-5, "min_hours": number-or-null,
                   "modules": [codes], "summary", "assessment", "supersedes": code-or-null}]}

An occupation is named by its code, or by its name when it has none. Keys left out of an object keep the
current value of an existing page (and the default for a new one).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from cms.import_report import ImportReport
from cms.reference import OCCUPATION_CODE_VALIDATOR
from cms.slugs import pinyin_slug, unique_child_slug

from .choices import OccupationKind
from .graph import cycles, topological
from .models import CourseModule, CurriculaIndexPage, ModuleLibrary, Occupation, SkillLevel, TrainingPackage
from .rules import CURRICULUM_CODE, format_hours
from .text import ALIAS_SEPARATORS, split_lines

SECTIONS = ("occupations", "modules", "packages")
OCCUPATION_KEYS = {
    "code",
    "name",
    "kind",
    "aliases",
    "shortage",
    "subsidy",
    "levels",
    "summary",
    "standard_title",
    "standard_year",
}
MODULE_KEYS = {
    "code",
    "title",
    "occupation",
    "theory_hours",
    "practice_hours",
    "outcomes",
    "body",
    "tags",
    "prerequisites",
}
PACKAGE_KEYS = {"code", "title", "occupation", "level", "min_hours", "modules", "summary", "assessment", "supersedes"}
MAX_HOURS = Decimal("99999.9")
LIBRARY_SLUG = "modules"
LIBRARY_TITLE = gettext_lazy("课程模块库")
LIBRARY_INTRO = gettext_lazy("所有职业共用的课程模块：一个模块只写一次，可被多个培训包引用。")
KIND_LABELS = {
    "occupation": gettext_lazy("职业"),
    "module": gettext_lazy("课程模块"),
    "package": gettext_lazy("培训包"),
}


FIELD_LABELS = {
    "title": gettext_lazy("名称"),
    "code": gettext_lazy("代码"),
    "kind": gettext_lazy("类别"),
    "aliases": gettext_lazy("别名"),
    "shortage": gettext_lazy("急需紧缺"),
    "subsidy": gettext_lazy("补贴性培训"),
    "levels": gettext_lazy("开设等级"),
    "summary": gettext_lazy("简介"),
    "standard_title": gettext_lazy("职业技能标准"),
    "standard_year": gettext_lazy("标准版本"),
    "owner_occupation": gettext_lazy("所属职业"),
    "occupation": gettext_lazy("所属职业"),
    "theory_hours": gettext_lazy("理论学时"),
    "practice_hours": gettext_lazy("实操学时"),
    "outcomes": gettext_lazy("学习目标"),
    "body": gettext_lazy("正文"),
    "tags": gettext_lazy("标签"),
    "prerequisites": gettext_lazy("先修模块"),
    "level": gettext_lazy("等级"),
    "min_hours": gettext_lazy("最低总学时"),
    "modules": gettext_lazy("课程模块"),
    "assessment": gettext_lazy("考核说明"),
    "supersedes": gettext_lazy("替代的培训包"),
}


def duplicate_message(key, first_path):
    return _('"%(key)s" 在文件中重复（见 %(first)s）') % {"key": key, "first": first_path}


class ImportFailed(Exception):
    """Every problem found in the file, each as `json.path: message`; nothing was saved."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass
class Change:
    kind: str  # "occupation" | "module" | "package"
    key: str
    action: str  # "create" | "update" | "unchanged"
    fields: list[str] = field(default_factory=list)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def field_labels(self):
        return [str(FIELD_LABELS.get(name, name)) for name in self.fields]


@dataclass(kw_only=True)
class CurriculaImportReport(ImportReport):
    changes: list[Change]

    def count(self, kind, action):
        return sum(1 for change in self.changes if change.kind == kind and change.action == action)

    @property
    def changed(self):
        return [change for change in self.changes if change.action != "unchanged"]

    def summary(self) -> str:
        parts = [
            _("%(kind)s：新建 %(created)s，更新 %(updated)s，未变 %(unchanged)s")
            % {
                "kind": label,
                "created": self.count(kind, "create"),
                "updated": self.count(kind, "update"),
                "unchanged": self.count(kind, "unchanged"),
            }
            for kind, label in KIND_LABELS.items()
        ]
        return self.outcome_label() + "。" + "；".join(parts) + "。"


# ---------------------------------------------------------------------------------------------- parsing


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


def parse_modules(checker, items):
    specs = []
    seen = {}
    for index, obj in enumerate(items):
        path = f"modules[{index}]"
        if not isinstance(obj, dict):
            checker.error(path, _("应为对象"))
            continue
        checker.unknown_keys(obj, MODULE_KEYS, path)
        values = {}
        code = checker.text(obj, "code", path, required=True, max_length=40)
        if code and not check_code(checker, code, CURRICULUM_CODE, f"{path}.code"):
            code = None
        title = checker.text(obj, "title", path, required=True, max_length=255)
        if title:
            values["title"] = title
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
        if "tags" in obj:
            tags = checker.string_list(obj, "tags", path, max_length=100)
            if tags is not None:
                values["tags"] = sorted(set(tags))
        if "prerequisites" in obj:
            prerequisites = checker.string_list(obj, "prerequisites", path, max_length=40)
            if prerequisites is not None:
                values["prerequisites"] = prerequisites
        if not code:
            continue
        if code in seen:
            checker.error(f"{path}.code", duplicate_message(code, seen[code]))
            continue
        seen[code] = path
        specs.append(Spec(path=path, key=code, values=values, broken=broken))
    return specs


def parse_packages(checker, items):
    specs = []
    seen = {}
    for index, obj in enumerate(items):
        path = f"packages[{index}]"
        if not isinstance(obj, dict):
            checker.error(path, _("应为对象"))
            continue
        checker.unknown_keys(obj, PACKAGE_KEYS, path)
        values = {}
        code = checker.text(obj, "code", path, required=True, max_length=40)
        if code and not check_code(checker, code, CURRICULUM_CODE, f"{path}.code"):
            code = None
        title = checker.text(obj, "title", path, required=True, max_length=255)
        if title:
            values["title"] = title
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
        if not code:
            continue
        if code in seen:
            checker.error(f"{path}.code", duplicate_message(code, seen[code]))
            continue
        seen[code] = path
        specs.append(Spec(path=path, key=code, values=values))
    return specs


# ---------------------------------------------------------------------------------------------- the plan


class Plan:
    """The file checked against the database: what each object will become, and every problem found."""

    def __init__(self, data):
        self.checker = Checker()
        self.levels = {level.number: level for level in SkillLevel.objects.all()}
        self.index = CurriculaIndexPage.objects.first()
        if self.index is None:
            self.checker.error("$", _("站点中还没有“课程中心”页面，请先运行 load_demo 或在后台创建"))
        self.occupations, self.modules, self.packages = [], [], []
        if not isinstance(data, dict):
            self.checker.error("$", _("文件顶层应为对象，包含 occupations、modules、packages 三个列表"))
            return
        sections = {}
        for key in data:
            if key not in SECTIONS:
                self.checker.error("$", _('未知字段 "%(key)s"（可用：occupations、modules、packages）') % {"key": key})
        for name in SECTIONS:
            value = data.get(name, [])
            if not isinstance(value, list):
                self.checker.error(name, _("应为列表"))
                value = []
            sections[name] = value
        self.occupations = parse_occupations(self.checker, sections["occupations"], self.levels)
        self.modules = parse_modules(self.checker, sections["modules"])
        self.packages = parse_packages(self.checker, sections["packages"])
        self.load_existing()
        self.check_occupations()
        self.check_modules()
        self.check_packages()

    @property
    def errors(self):
        return self.checker.errors

    def error(self, path, message):
        self.checker.error(path, message)

    # -- the database side

    def load_existing(self):
        occupations = list(Occupation.objects.prefetch_related("levels"))
        self.db_occupations_by_code = {o.code: o for o in occupations if o.code}
        self.db_occupations_by_name = {o.title: o for o in occupations if not o.code}
        self.db_coded_names = {o.title: o.code for o in occupations if o.code}
        modules = list(CourseModule.objects.select_related("owner_occupation").prefetch_related("tagged_items__tag"))
        self.db_modules = {m.code: m for m in modules}
        self.db_module_prerequisites = {m.code: set() for m in modules}
        codes_by_pk = {m.pk: m.code for m in modules}
        for source, target in CourseModule.prerequisites.through.objects.values_list(
            "from_coursemodule_id", "to_coursemodule_id"
        ):
            self.db_module_prerequisites[codes_by_pk[source]].add(codes_by_pk[target])
        packages = list(TrainingPackage.objects.select_related("level", "supersedes"))
        self.db_packages = {p.code: p for p in packages}
        self.db_package_modules = {p.code: [] for p in packages}
        rows = TrainingPackage.package_modules.rel.related_model.objects.order_by("page_id", "sort_order")
        packages_by_pk = {p.pk: p.code for p in packages}
        for page_id, module_id in rows.values_list("page_id", "module_id"):
            self.db_package_modules[packages_by_pk[page_id]].append(codes_by_pk[module_id])
        parents = {o.path: o for o in occupations}
        self.db_package_parent = {p.code: parents.get(p.path[: -Occupation.steplen]) for p in packages}

    # -- occupations

    def check_occupations(self):
        self.file_occupations_by_code = {}
        self.file_occupations_by_name = {}
        for spec in self.occupations:
            code = spec.values.get("code")
            if code:
                spec.existing = self.db_occupations_by_code.get(code)
                self.file_occupations_by_code[code] = spec
            else:
                spec.existing = self.db_occupations_by_name.get(spec.values.get("title"))
                self.file_occupations_by_name[spec.values.get("title")] = spec
            kind = spec.values.get("kind", spec.existing.kind if spec.existing else OccupationKind.OCCUPATION)
            levels = spec.values.get("levels")
            if levels is None:
                levels = [level.number for level in spec.existing.levels.all()] if spec.existing else []
            spec.final_levels = set(levels)
            if kind == OccupationKind.SPECIAL_ABILITY and len(levels) != 1 and not spec.broken:
                self.error(
                    f"{spec.path}.levels",
                    _("专项职业能力只有一个考核等级，应只列一个等级（现在是 %(count)s 个）") % {"count": len(levels)},
                )

    def resolve_occupation(self, ref, path):
        """(spec or None, page or None) for an occupation named by code, or by name when it has no code."""
        if ref in self.file_occupations_by_code:
            spec = self.file_occupations_by_code[ref]
            return spec, spec.existing
        if ref in self.db_occupations_by_code:
            return None, self.db_occupations_by_code[ref]
        if ref in self.file_occupations_by_name:
            spec = self.file_occupations_by_name[ref]
            return spec, spec.existing
        if ref in self.db_occupations_by_name:
            return None, self.db_occupations_by_name[ref]
        if ref in self.db_coded_names:
            self.error(
                path,
                _('职业 "%(name)s" 有代码，请用代码 "%(code)s" 指代') % {"name": ref, "code": self.db_coded_names[ref]},
            )
        else:
            self.error(path, _('未知的职业 "%(ref)s"') % {"ref": ref})
        return None, None

    def occupation_levels(self, spec, page):
        if spec is not None:
            return spec.final_levels
        return {level.number for level in page.levels.all()}

    # -- modules

    def check_modules(self):
        self.file_modules = {spec.key: spec for spec in self.modules}
        for spec in self.modules:
            spec.existing = self.db_modules.get(spec.key)
            ref = spec.values.get("occupation")
            spec.occupation = self.resolve_occupation(ref, f"{spec.path}.occupation") if ref else (None, None)
            for index, code in enumerate(spec.values.get("prerequisites", [])):
                where = f"{spec.path}.prerequisites[{index}]"
                if code == spec.key:
                    self.error(where, _("课程模块不能以自己为先修模块"))
                elif code not in self.file_modules and code not in self.db_modules:
                    self.error(where, _('未知的课程模块 "%(code)s"') % {"code": code})
                elif spec.values["prerequisites"].index(code) != index:
                    self.error(where, _('先修模块 "%(code)s" 重复') % {"code": code})
        self.final_prerequisites = {code: set(targets) for code, targets in self.db_module_prerequisites.items()}
        for spec in self.modules:
            if "prerequisites" in spec.values:
                self.final_prerequisites[spec.key] = set(spec.values["prerequisites"])
            else:
                self.final_prerequisites.setdefault(spec.key, set())
        reported = set()
        found = cycles([spec.key for spec in self.modules], self.final_prerequisites)
        for spec in self.modules:
            cycle = found.get(spec.key)
            if cycle and frozenset(cycle) not in reported:
                reported.add(frozenset(cycle))
                self.error(
                    f"{spec.path}.prerequisites", _("先修模块形成循环：%(cycle)s") % {"cycle": " → ".join(cycle)}
                )
        self.cyclic = bool(reported)

    def module_hours(self, code):
        """Final (theory, practice) of a module after the import, or None when it will not be live."""
        spec = self.file_modules.get(code)
        page = self.db_modules.get(code)
        if spec is None:
            return (page.theory_hours, page.practice_hours) if page is not None and page.live else None
        theory = spec.values.get("theory_hours", page.theory_hours if page else Decimal(0))
        practice = spec.values.get("practice_hours", page.practice_hours if page else Decimal(0))
        return theory, practice

    # -- packages

    def check_packages(self):
        self.file_packages = {spec.key: spec for spec in self.packages}
        for spec in self.packages:
            spec.existing = self.db_packages.get(spec.key)
            values = spec.values
            occupation = (None, None)
            if values.get("occupation"):
                occupation = self.resolve_occupation(values["occupation"], f"{spec.path}.occupation")
            spec.occupation = occupation
            level = values.get("level")
            if level is not None:
                if level not in self.levels:
                    self.error(f"{spec.path}.level", _("未知的技能等级 %(number)s") % {"number": level})
                elif occupation != (None, None) and not (occupation[0] and occupation[0].broken):
                    offered = self.occupation_levels(*occupation)
                    if level not in offered:
                        name = values["occupation"]
                        self.error(
                            f"{spec.path}.level",
                            _('职业 "%(name)s" 不开设等级 %(level)s（开设：%(offered)s）')
                            % {"name": name, "level": level, "offered": sorted(offered, reverse=True)},
                        )
            codes = values.get("modules")
            if codes is None:
                codes = self.db_package_modules.get(spec.key, [])
            known = True
            for index, code in enumerate(values.get("modules", [])):
                where = f"{spec.path}.modules[{index}]"
                if code not in self.file_modules and code not in self.db_modules:
                    self.error(where, _('未知的课程模块 "%(code)s"') % {"code": code})
                    known = False
                elif values["modules"].index(code) != index:
                    self.error(where, _('课程模块 "%(code)s" 在培训包中重复') % {"code": code})
                    known = False
            minimum = values.get("min_hours", spec.existing.min_hours if spec.existing else None)
            known = known and not any(self.file_modules[code].broken for code in codes if code in self.file_modules)
            if known and minimum is not None:
                total = sum((sum(hours) for hours in map(self.module_hours, codes) if hours), Decimal(0))
                if total < minimum:
                    self.error(
                        f"{spec.path}.min_hours",
                        _("课程模块合计 %(total)s 学时，低于最低学时 %(minimum)s，不能发布")
                        % {"total": format_hours(total), "minimum": format_hours(minimum)},
                    )
            target = values.get("supersedes")
            if target:
                if target == spec.key:
                    self.error(f"{spec.path}.supersedes", _("培训包不能替代它自己"))
                elif target not in self.file_packages and target not in self.db_packages:
                    self.error(f"{spec.path}.supersedes", _('未知的培训包 "%(code)s"') % {"code": target})


# ---------------------------------------------------------------------------------------------- applying


class Applier:
    def __init__(self, plan, *, dry_run, user=None, log_line=None):
        self.plan = plan
        self.dry_run = dry_run
        self.user = user
        self.log_line = log_line or (lambda message: None)
        self.changes = []
        self.occupation_pages = {}  # spec key -> page
        self.module_pages = {}
        self.package_pages = {}

    def record(self, kind, key, action, fields=()):
        self.changes.append(Change(kind=kind, key=key, action=action, fields=list(fields)))
        if action != "unchanged":
            label = _("新建") if action == "create" else _("更新")
            detail = f"（{', '.join(fields)}）" if action == "update" and fields else ""
            self.log_line(f"{label} {KIND_LABELS[kind]} {key}{detail}")

    def publish(self, page, created):
        if created:
            log(instance=page, action="wagtail.create", user=self.user)
        revision = page.save_revision(user=self.user, log_action=True)
        revision.publish(user=self.user, skip_permission_checks=True)

    # -- occupations

    def occupation_target(self, spec):
        values = spec.values
        page = spec.existing
        target = {"title": values.get("title"), "code": values.get("code")}
        for key, default in (
            ("kind", OccupationKind.OCCUPATION),
            ("shortage", False),
            ("subsidy", False),
            ("summary", ""),
            ("standard_title", ""),
            ("standard_year", None),
        ):
            target[key] = values[key] if key in values else (getattr(page, key) if page else default)
        if "alias_names" in values:
            target["aliases"] = values["alias_names"]
        else:
            target["aliases"] = page.alias_list if page else []
        target["levels"] = set(spec.final_levels)
        return target

    @staticmethod
    def occupation_current(page):
        return {
            "title": page.title,
            "code": page.code,
            "kind": page.kind,
            "shortage": page.shortage,
            "subsidy": page.subsidy,
            "summary": page.summary,
            "standard_title": page.standard_title,
            "standard_year": page.standard_year,
            "aliases": page.alias_list,
            "levels": {level.number for level in page.levels.all()},
        }

    def apply_occupations(self):
        index = self.plan.index
        for spec in self.plan.occupations:
            target = self.occupation_target(spec)
            page = spec.existing
            if page is not None:
                current = self.occupation_current(page)
                changed = [key for key in target if target[key] != current[key]]
                if not changed:
                    self.record("occupation", spec.key, "unchanged")
                    self.occupation_pages[spec.key] = page
                    continue
                self.record("occupation", spec.key, "update", changed)
            else:
                self.record("occupation", spec.key, "create")
            if self.dry_run:
                continue
            created = page is None
            if created:
                page = Occupation(slug=unique_child_slug(index, pinyin_slug(target["title"])), live=False)
            levels = target.pop("levels")
            page.alias_names = "、".join(target.pop("aliases"))
            for key, value in target.items():
                setattr(page, key, value)
            page.levels = [self.plan.levels[number] for number in sorted(levels, reverse=True)]
            if created:
                index.add_child(instance=page)
            self.publish(page, created)
            self.occupation_pages[spec.key] = page

    def occupation_page(self, resolved):
        spec, page = resolved
        if spec is not None:
            return self.occupation_pages.get(spec.key, spec.existing)
        return page

    # -- modules

    def module_target(self, spec):
        values = spec.values
        page = spec.existing
        target = {"title": values.get("title")}
        if "occupation" in values:
            target["owner_occupation"] = values["occupation"]
        else:
            target["owner_occupation"] = page.owner_occupation.reference if page and page.owner_occupation else None
        for key in ("theory_hours", "practice_hours"):
            target[key] = values[key] if key in values else (getattr(page, key) if page else Decimal(0))
        target["outcomes"] = (
            values["outcomes"] if "outcomes" in values else (split_lines(page.outcomes) if page else [])
        )
        target["body"] = values.get("body", page.body if page else "")
        target["tags"] = values["tags"] if "tags" in values else (self.current_tags(page) if page else [])
        target["prerequisites"] = set(self.plan.final_prerequisites.get(spec.key, set()))
        return target

    @staticmethod
    def current_tags(page):
        return sorted({item.tag.name for item in page.tagged_items.all()})

    def module_current(self, page):
        return {
            "title": page.title,
            "owner_occupation": page.owner_occupation.reference if page.owner_occupation else None,
            "theory_hours": page.theory_hours,
            "practice_hours": page.practice_hours,
            "outcomes": split_lines(page.outcomes),
            "body": page.body,
            "tags": self.current_tags(page),
            "prerequisites": set(self.plan.db_module_prerequisites.get(page.code, set())),
        }

    def apply_modules(self):
        library = None
        if not self.dry_run:
            library = ensure_library(self.plan.index, self.user)
        targets, status = {}, {}
        for spec in self.plan.modules:
            target = self.module_target(spec)
            targets[spec.key] = target
            if spec.existing is not None:
                current = self.module_current(spec.existing)
                changed = [key for key in target if target[key] != current[key]]
                status[spec.key] = changed
                self.record("module", spec.key, "update" if changed else "unchanged", changed)
            else:
                status[spec.key] = None
                self.record("module", spec.key, "create")
        if self.dry_run:
            return
        # First create the missing pages (no revision yet), so prerequisites can point at them.
        for spec in self.plan.modules:
            if spec.existing is None:
                target = targets[spec.key]
                page = CourseModule(
                    code=spec.key,
                    title=target["title"],
                    slug=unique_child_slug(library, slugify(spec.key.replace(".", "-"))),
                    theory_hours=target["theory_hours"],
                    practice_hours=target["practice_hours"],
                    live=False,
                )
                library.add_child(instance=page)
                self.module_pages[spec.key] = page
            else:
                self.module_pages[spec.key] = spec.existing
        all_pages = {**self.plan.db_modules, **self.module_pages}
        # Then revise and publish, prerequisites first, so no intermediate state closes a cycle.
        order = topological([spec.key for spec in self.plan.modules], self.plan.final_prerequisites)
        specs = {spec.key: spec for spec in self.plan.modules}
        for code in order:
            spec = specs[code]
            if status[code] == []:
                continue
            page = self.module_pages[code]
            target = targets[code]
            page.title = target["title"]
            if "occupation" in spec.values:
                page.owner_occupation = self.occupation_page(spec.occupation) if spec.values["occupation"] else None
            page.theory_hours = target["theory_hours"]
            page.practice_hours = target["practice_hours"]
            page.outcomes = "\n".join(target["outcomes"])
            page.body = target["body"]
            page.tags.set(target["tags"])
            page.prerequisites = [all_pages[prerequisite] for prerequisite in sorted(target["prerequisites"])]
            self.publish(page, created=spec.existing is None)

    # -- packages

    def package_target(self, spec):
        values = spec.values
        page = spec.existing
        occupation = self.occupation_page(spec.occupation) if not self.dry_run else None
        target = {
            "title": values.get("title"),
            "occupation": values.get("occupation"),
            "level": values.get("level"),
            "modules": values["modules"] if "modules" in values else self.plan.db_package_modules.get(spec.key, []),
        }
        for key, default in (("min_hours", None), ("summary", ""), ("assessment", "")):
            target[key] = values[key] if key in values else (getattr(page, key) if page else default)
        if "supersedes" in values:
            target["supersedes"] = values["supersedes"]
        else:
            target["supersedes"] = page.supersedes.code if page and page.supersedes else None
        return target, occupation

    def package_current(self, page):
        parent = self.plan.db_package_parent.get(page.code)
        return {
            "title": page.title,
            "occupation": parent.reference if parent else None,
            "level": page.level.number,
            "modules": self.plan.db_package_modules.get(page.code, []),
            "min_hours": page.min_hours,
            "summary": page.summary,
            "assessment": page.assessment,
            "supersedes": page.supersedes.code if page.supersedes else None,
        }

    def same_occupation(self, spec, current_reference):
        """The file may name an occupation by code or (code-less) name: compare the pages, not the strings."""
        resolved_spec, resolved_page = spec.occupation
        parent = self.plan.db_package_parent.get(spec.key)
        if resolved_page is not None and parent is not None:
            return resolved_page.pk == parent.pk
        return spec.values.get("occupation") == current_reference

    def apply_packages(self):
        targets, status = {}, {}
        for spec in self.plan.packages:
            target, occupation = self.package_target(spec)
            targets[spec.key] = (target, occupation)
            if spec.existing is not None:
                current = self.package_current(spec.existing)
                changed = [key for key in target if key != "occupation" and target[key] != current[key]]
                if not self.same_occupation(spec, current["occupation"]):
                    changed.insert(0, "occupation")
                status[spec.key] = changed
                self.record("package", spec.key, "update" if changed else "unchanged", changed)
            else:
                status[spec.key] = None
                self.record("package", spec.key, "create")
        if self.dry_run:
            return
        all_modules = {**self.plan.db_modules, **self.module_pages}
        for spec in self.plan.packages:
            target, occupation = targets[spec.key]
            if spec.existing is None:
                page = TrainingPackage(
                    code=spec.key,
                    title=target["title"],
                    slug=unique_child_slug(occupation, slugify(spec.key.replace(".", "-"))),
                    level=self.plan.levels[target["level"]],
                    live=False,
                )
                occupation.add_child(instance=page)
                self.package_pages[spec.key] = page
            else:
                self.package_pages[spec.key] = spec.existing
        all_packages = {**self.plan.db_packages, **self.package_pages}
        for spec in self.plan.packages:
            if status[spec.key] == []:
                continue
            target, occupation = targets[spec.key]
            page = self.package_pages[spec.key]
            if spec.existing is not None and "occupation" in status[spec.key]:
                page.move(occupation, pos="last-child", user=self.user)
                page = TrainingPackage.objects.get(pk=page.pk)
            page.title = target["title"]
            page.level = self.plan.levels[target["level"]]
            page.min_hours = target["min_hours"]
            page.summary = target["summary"]
            page.assessment = target["assessment"]
            page.supersedes = all_packages[target["supersedes"]] if target["supersedes"] else None
            rows = TrainingPackage.package_modules.rel.related_model
            page.package_modules = [
                rows(module=all_modules[code], sort_order=position) for position, code in enumerate(target["modules"])
            ]
            self.publish(page, created=spec.existing is None)


def ensure_library(index, user=None):
    """The one module library under the catalogue (slug "modules"), created and published if missing."""
    library = ModuleLibrary.objects.child_of(index).first()
    if library is None:
        library = ModuleLibrary(
            title=str(LIBRARY_TITLE),
            slug=LIBRARY_SLUG,
            intro=str(LIBRARY_INTRO),
            live=False,
        )
        index.add_child(instance=library)
        library.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return library


# ---------------------------------------------------------------------------------------------- entry points


def parse_json(raw) -> object:
    """Parse the uploaded bytes or text; a syntax error is reported with its line and column."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFailed(["$: " + _("文件不是 UTF-8 编码（第 %(byte)s 字节）") % {"byte": exc.start}]) from exc
    try:
        return json.loads(raw, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            [
                "$: "
                + _("不是有效的 JSON：%(reason)s（第 %(line)s 行第 %(column)s 列）")
                % {"reason": exc.msg, "line": exc.lineno, "column": exc.colno}
            ]
        ) from exc


def import_curricula(
    data, *, dry_run=False, user=None, log_line: Callable[[str], None] | None = None
) -> CurriculaImportReport:
    """Check `data` (parsed JSON), then apply it in one transaction. Raises ImportFailed with every problem."""
    with transaction.atomic():
        plan = Plan(data)
        if plan.errors:
            raise ImportFailed(plan.errors)
        applier = Applier(plan, dry_run=dry_run, user=user, log_line=log_line)
        try:
            applier.apply_occupations()
            applier.apply_modules()
            applier.apply_packages()
        except ValidationError as exc:
            # A rule the plan does not know about (a model's clean()) stops everything: nothing is kept.
            raise ImportFailed([f"$: {message}" for message in exc.messages]) from exc
        return CurriculaImportReport(changes=applier.changes, dry_run=dry_run)


def import_file(path, **kwargs) -> CurriculaImportReport:
    with open(path, "rb") as handle:
        return import_curricula(parse_json(handle.read()), **kwargs)
