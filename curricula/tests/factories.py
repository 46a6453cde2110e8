"""Build real curricula pages through Wagtail's own API: created, revised and published like an editor would."""

from decimal import Decimal
from pathlib import Path

from curricula.choices import OccupationKind
from curricula.importer import ensure_library
from curricula.models import CourseModule, Occupation, PackageModule, SkillLevel, TrainingPackage

DATA = Path(__file__).parent / "data"


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


def level(number):
    return SkillLevel.objects.get(number=number)


def make_occupation(index, title, *, code=None, levels=(5, 4), kind=OccupationKind.OCCUPATION, slug=None, **fields):
    page = Occupation(title=title, slug=slug or (code or title).lower(), code=code, kind=kind, **fields)
    page.levels = [level(number) for number in levels]
    return publish(index, page)


def make_module(index, code, *, theory=2, practice=2, occupation=None, prerequisites=(), body="", **fields):
    library = ensure_library(index)
    page = CourseModule(
        title=fields.pop("title", f"模块 {code}"),
        slug=code.lower(),
        code=code,
        theory_hours=Decimal(str(theory)),
        practice_hours=Decimal(str(practice)),
        owner_occupation=occupation,
        body=body,
        **fields,
    )
    page.prerequisites = list(prerequisites)
    return publish(library, page)


def make_package(occupation, code, *, level_number=5, modules=(), min_hours=None, **fields):
    page = TrainingPackage(
        title=fields.pop("title", f"培训包 {code}"),
        slug=code.lower(),
        code=code,
        level=level(level_number),
        min_hours=None if min_hours is None else Decimal(str(min_hours)),
        **fields,
    )
    page.package_modules = [PackageModule(module=module, sort_order=i) for i, module in enumerate(modules)]
    return publish(occupation, page)
