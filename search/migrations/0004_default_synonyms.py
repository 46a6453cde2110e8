"""Seed the 同义词 snippet with the default groups shipped in search/data/synonyms.txt (load_demo adds any that
later versions of the file bring)."""

from django.db import migrations


def seed(apps, schema_editor):
    from search.synonyms import default_groups

    model = apps.get_model("search", "SynonymGroup")
    existing = set(model.objects.values_list("term", flat=True))
    rows: dict[str, list[str]] = {}
    for term, variants in default_groups():
        if term not in existing:
            rows.setdefault(term, []).extend(v for v in variants if v not in rows.get(term, []))
    model.objects.bulk_create(model(term=term, variants="、".join(variants)) for term, variants in rows.items())


class Migration(migrations.Migration):
    dependencies = [("search", "0003_synonymgroup")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
