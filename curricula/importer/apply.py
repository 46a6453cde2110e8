"""Stage 3: apply the plan through Wagtail (upsert by code, publish through revisions), logging each change."""

from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.slugs import pinyin_slug, unique_child_slug

from ..choices import OccupationKind
from ..graph import topological
from ..models import CourseModule, ModuleLibrary, Occupation, TrainingPackage
from ..text import split_lines
from .report import Change
from .schema import KIND_LABELS, LIBRARY_INTRO, LIBRARY_SLUG, LIBRARY_TITLE


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
