"""SQLite stores common-term rankings too (search.backends.common_terms): row triggers on the full-text index table
empty them on any index write, as migration 0005's statement trigger does on PostgreSQL. Rankings stored before
this migration are dropped (their scores were stored un-negated on PostgreSQL)."""

from django.db import migrations

EVENTS = ("INSERT", "UPDATE", "DELETE")


def add_triggers(apps, schema_editor):
    apps.get_model("search", "CommonTermRanking").objects.all().delete()
    if schema_editor.connection.vendor != "sqlite":
        return
    for event in EVENTS:
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS search_forget_common_rankings_{event.lower()} AFTER {event} "
            "ON wagtailsearch_indexentry BEGIN DELETE FROM search_commontermranking; END"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for event in EVENTS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS search_forget_common_rankings_{event.lower()}")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_searchdocument_training_types")]

    operations = [migrations.RunPython(add_triggers, drop_triggers)]
