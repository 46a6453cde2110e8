"""Constant SQL fragments as query expressions, for the few listings whose ORM expressions cost more to build
(Case, Window, correlated subqueries) than the whole query takes to run (issue 19)."""

from django.db.models import IntegerField
from django.db.models.expressions import RawSQL


def constant_sql(sql: str, params: tuple = ()) -> RawSQL:
    """An integer-valued fragment of constant SQL; values (today's date) are bound parameters, never text in it."""
    return RawSQL(sql, params, output_field=IntegerField())  # noqa: S611 (constant SQL, bound parameters)
