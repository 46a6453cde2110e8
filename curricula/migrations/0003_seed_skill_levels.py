"""The five national skill levels (职业技能等级), as data: more can be added in the admin."""

from django.db import migrations

LEVELS = [
    (5, "五级/初级工"),
    (4, "四级/中级工"),
    (3, "三级/高级工"),
    (2, "二级/技师"),
    (1, "一级/高级技师"),
]


def seed_levels(apps, schema_editor):
    SkillLevel = apps.get_model("curricula", "SkillLevel")
    for number, name in LEVELS:
        SkillLevel.objects.get_or_create(number=number, defaults={"name": name})


def remove_levels(apps, schema_editor):
    SkillLevel = apps.get_model("curricula", "SkillLevel")
    SkillLevel.objects.filter(number__in=[number for number, _ in LEVELS], packages__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("curricula", "0002_occupations_modules_packages")]

    operations = [migrations.RunPython(seed_levels, remove_levels)]
