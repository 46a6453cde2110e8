"""SQLite only: an index on wagtailcore_page.path that `path LIKE 'prefix%'` can use.

Why: Wagtail and treebeard find descendants with `path__startswith`, which Django writes as a case-insensitive
`LIKE 'prefix%' ESCAPE '\\'` on SQLite. SQLite uses an index for such a LIKE only when the index has the NOCASE
collation (its "LIKE optimisation"); the unique index on path is BINARY, so every descendant query scanned the
whole page table, and pages grew 2-3x slower at 50x content (issue 19). Tree paths hold only digits and upper-case
letters, so NOCASE orders them exactly as BINARY does. PostgreSQL already has a varchar_pattern_ops index on path
(Django adds it to every indexed CharField), so nothing is done there.
"""

from django.db import migrations

INDEX = "cms_page_path_nocase"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "wagtailcore_page" ("path" COLLATE NOCASE)')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_rate_counter"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
