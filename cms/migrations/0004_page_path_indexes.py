"""Indexes on Wagtail's page table that page serving needs once a site holds thousands of pages (issue 19).

- SQLite only: `path COLLATE NOCASE`. Wagtail and treebeard find descendants with `path__startswith`, which Django
  writes as a case-insensitive `LIKE 'prefix%' ESCAPE '\\'` on SQLite; SQLite uses an index for such a LIKE only
  when the index has the NOCASE collation (its "LIKE optimisation"). The unique index on path is BINARY, so every
  descendant query scanned the whole page table. Tree paths hold only digits and upper-case letters, so NOCASE
  orders them exactly as BINARY does. PostgreSQL already has a varchar_pattern_ops index on path (Django adds one
  to every indexed CharField).
- `url_path`: section routers (competitions) find a page by `url_path IN (...)`; Wagtail does not index it. A hash
  index on PostgreSQL (equality only, no B-tree size limit on long paths), a plain one on SQLite.
"""

from django.db import migrations

PATH_INDEX = "cms_page_path_nocase"
URL_PATH_INDEX = "cms_page_url_path"


def create_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{PATH_INDEX}" ON "wagtailcore_page" ("path" COLLATE NOCASE)')
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{URL_PATH_INDEX}" ON "wagtailcore_page" ("url_path")')
    elif vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{URL_PATH_INDEX}" ON "wagtailcore_page" USING hash ("url_path")'
        )


def drop_indexes(apps, schema_editor):
    for name in (PATH_INDEX, URL_PATH_INDEX):
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_rate_counter"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
