"""Export curricula in the import format (a round trip changes nothing), and one package's module list."""

import json

from .models import CourseModule, Occupation, PackageModule, TrainingPackage
from .models.packages import attach_occupations
from .package_export import json_number
from .text import split_lines


def export_data() -> dict:
    """Every live occupation, module and package, in tree order, in the format `import_curricula` reads."""
    occupations = list(Occupation.objects.live().prefetch_related("levels").order_by("path"))
    modules = list(
        CourseModule.objects.live()
        .select_related("owner_occupation")
        .prefetch_related("tagged_items__tag")
        .order_by("path")
    )
    live_codes = {module.pk: module.code for module in modules}
    prerequisites = {}
    for source, target in CourseModule.prerequisites.through.objects.values_list(
        "from_coursemodule_id", "to_coursemodule_id"
    ):
        if source in live_codes and target in live_codes:
            prerequisites.setdefault(source, []).append(live_codes[target])
    packages = list(TrainingPackage.objects.live().select_related("level", "supersedes").order_by("path"))
    attach_occupations(packages)
    sequence = {}
    for page_id, module_id in PackageModule.objects.order_by("page_id", "sort_order").values_list(
        "page_id", "module_id"
    ):
        if module_id in live_codes:
            sequence.setdefault(page_id, []).append(live_codes[module_id])
    return {
        "occupations": [
            {
                "code": occupation.code,
                "name": occupation.title,
                "kind": occupation.kind,
                "aliases": occupation.alias_list,
                "shortage": occupation.shortage,
                "subsidy": occupation.subsidy,
                "levels": occupation.level_numbers,
                "summary": occupation.summary,
                "standard_title": occupation.standard_title,
                "standard_year": occupation.standard_year,
            }
            for occupation in occupations
        ],
        "modules": [
            {
                "code": module.code,
                "title": module.title,
                "occupation": module.owner_occupation.reference if module.owner_occupation else None,
                "theory_hours": json_number(module.theory_hours),
                "practice_hours": json_number(module.practice_hours),
                "outcomes": split_lines(module.outcomes),
                "body": module.body,
                "tags": sorted({item.tag.name for item in module.tagged_items.all()}),
                "prerequisites": sorted(prerequisites.get(module.pk, [])),
            }
            for module in modules
        ],
        "packages": [
            {
                "code": package.code,
                "title": package.title,
                "occupation": package.parent_occupation.reference if package.parent_occupation else None,
                "level": package.level.number,
                "min_hours": json_number(package.min_hours),
                "modules": sequence.get(package.pk, []),
                "summary": package.summary,
                "assessment": package.assessment,
                "supersedes": package.supersedes.code if package.supersedes and package.supersedes.live else None,
            }
            for package in packages
        ],
    }


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
