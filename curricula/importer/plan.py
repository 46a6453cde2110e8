"""Stage 2: the plan checks the objects against each other and the database (codes, levels, hours, cycles)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from ..choices import OccupationKind
from ..graph import cycles
from ..models import CourseModule, CurriculaIndexPage, Occupation, SkillLevel, TrainingPackage
from ..rules import format_hours
from .parse import Checker, parse_modules, parse_occupations, parse_packages
from .schema import SECTIONS


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
