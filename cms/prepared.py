"""Read queries compiled to SQL once per process; each call only binds its values and runs the SQL.

Why: on an uncached page, building a query with subqueries through the ORM and compiling it (`filter`, `values`,
`as_sql`) cost more Python than the database took to answer it: 20-45 % of a module, competition or explainer page
(issue 19, bench/README.md). The SQL text of such a query does not change between requests, only its values do, so
it is built once per process, database and shape (what would change the SQL text: a LIMIT, a list's length).

How: `build` is called once with marker values of the types given (distinct integers or strings); the places where
each marker comes out in the compiled parameters are recorded, and later calls put the caller's values there. The
builder may use only its arguments and constants (no ids read from the database: tests recreate content types);
what changes the SQL text goes in `shape`, and a value that a shape leaves unused is simply not bound.
Rows come back as the queryset would give them (model instances, with what `select_related` joined and the
annotations; `values()` dicts; `values_list()` tuples or flat values), through the compiler's own converters. A
builder whose markers do not come through unchanged (a lookup that rewrites its value, such as `contains` or a date
field on SQLite; `startswith` is understood) is refused when it is first compiled, with a clear error: such values
go through an expression whose parameter is bound as given (`constant_sql`, `Value`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections, router
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)

MAX_COMPILED = 32  # per query: shapes come from URLs (a page number), so a crafted URL must not grow memory
# Integer markers fit every integer column, smallint included: PostgreSQL's range check (Django refuses a value
# out of a column's range, EmptyResultSet) would otherwise drop a level number's condition. Spaced, so that a value
# made from a marker (depth + 1) is never another marker, and all within a band no constant of ours uses.
INT_MARKER_BASE = 31_000
INT_MARKER_STEP = 16
INT_MARKER_BAND = range(30_000, 32_768)
MARKER_TYPES = (int, str)


def padded(values: list, size: int) -> list:
    """`values` repeated from its first item up to `size` items: a list of up to `size` keys binds as `pk IN (...)` of
    one fixed length, so one compiled query serves any number of them (duplicates in IN change nothing)."""
    return [*values, *values[:1] * (size - len(values))]


def padded_chunks(values: list, size: int) -> list[list]:
    """`values` in lists of `size`, each `padded`: a list of any length binds through one compiled `IN (...)`, one
    query per `size` values, instead of a second, unprepared form of the query for long lists."""
    return [padded(values[start : start + size], size) for start in range(0, len(values), size)]


class PreparedQuery:
    """`PreparedQuery(build, int, str)(module_id, path)`: the rows of `build(module_id, path)`, compiled once."""

    def __init__(self, build: Callable, *types: type):
        unknown = [kind for kind in types if kind not in MARKER_TYPES]
        if len(types) * INT_MARKER_STEP > len(INT_MARKER_BAND) - (INT_MARKER_BASE - INT_MARKER_BAND.start):
            raise TypeError("too many values for one prepared query")
        if unknown:
            raise TypeError(f"PreparedQuery values are int or str, not {unknown}")
        self.build = build
        self.types = types
        self._compiled: dict[tuple, _Compiled] = {}
        self._model = None
        self._lock = threading.Lock()

    def markers(self) -> tuple:
        return tuple(
            INT_MARKER_BASE + INT_MARKER_STEP * index if kind is int else f"\ue000prepared-{index}\ue000"
            for index, kind in enumerate(self.types)
        )

    def __call__(self, *values, shape: tuple = ()) -> list:
        """The rows for these values; `shape` holds what the builder puts into the SQL text (e.g. an offset): each
        distinct shape is compiled once per database."""
        if len(values) != len(self.types):
            raise TypeError(f"expected {len(self.types)} values, got {len(values)}")
        for value, kind in zip(values, self.types, strict=True):
            if not isinstance(value, kind) or isinstance(value, bool):
                raise TypeError(f"expected {kind.__name__}, got {value!r}")
            if kind is int and not -(2**63) <= value < 2**63:  # what every database here can bind
                raise ValueError(f"{value} is out of the range of a database integer")
        queryset = None
        if self._model is None:
            queryset = self.build(*self.markers(), *shape)
            self._model = queryset.model
        alias = router.db_for_read(self._model)
        key = (alias, connections[alias].vendor, shape)
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key)
                if compiled is None:
                    queryset = queryset if queryset is not None else self.build(*self.markers(), *shape)
                    compiled = _Compiled(queryset, alias, self)
                    if len(self._compiled) >= MAX_COMPILED:
                        self._compiled.pop(next(iter(self._compiled)))
                    self._compiled[key] = compiled
        return compiled.rows(values)


class _Compiled:
    def __init__(self, queryset, alias: str, prepared: PreparedQuery):
        query = queryset.query
        self.compiler = query.get_compiler(using=alias)
        self.sql, params = self.compiler.as_sql()
        self.alias = alias
        self.params = list(params)
        markers = prepared.markers()
        self.slots = []  # (position in params, index of the caller's value, a LIKE prefix pattern?)
        like = connections[alias].ops.prep_for_like_query
        for position, param in enumerate(self.params):
            for index, marker in enumerate(markers):
                if param == marker or (isinstance(marker, str) and param == like(marker) + "%"):
                    self.slots.append((position, index, param != marker))
                    break
            else:
                if _derived_from_marker(param):
                    raise ValueError(
                        f"{prepared.build.__qualname__}: parameter {param!r} was made from a value but is not the "
                        "value as given; bind it through constant_sql or Value"
                    )
        iterable = queryset._iterable_class
        if iterable not in (ModelIterable, ValuesIterable, ValuesListIterable, FlatValuesListIterable):
            raise ValueError(f"{prepared.build.__qualname__}: prepare instances, values() or values_list() only")
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError(f"{prepared.build.__qualname__}: prefetch_related and related managers are not prepared")
        if iterable is ModelIterable:  # what Django's ModelIterable works out per query, worked out once
            klass_info, select = self.compiler.klass_info, self.compiler.select
            self.model = klass_info["model"]
            first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            self.model_columns = slice(first, last)
            self.init_list = [column[0].target.attname for column in select[first:last]]
            self.related_populators = get_related_populators(klass_info, select, alias)
            self.annotation_columns = tuple(self.compiler.annotation_col_map.items())
        if query.selected:
            self.names = list(query.selected)
        else:
            self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        self.iterable = iterable
        self.width = self.compiler.col_count if self.compiler.has_extra_select else None
        columns = [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        if self.compiler.has_composite_fields(columns):
            raise ValueError(f"{prepared.build.__qualname__}: composite primary keys are not prepared")
        # Django works the converters out per query (a tenth of a millisecond for a wide select_related row).
        self.converters = list(self.compiler.get_converters(columns).items())

    def rows(self, values) -> list:
        params = list(self.params)
        ops = connections[self.alias].ops
        for position, index, prefix in self.slots:
            params[position] = ops.prep_for_like_query(values[index]) + "%" if prefix else values[index]
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            fetched = cursor.fetchall()
        if self.width is not None:  # columns the compiler added for ORDER BY with DISTINCT
            fetched = [row[: self.width] for row in fetched]
        converted = self._convert(fetched)
        if self.iterable is ModelIterable:
            return [self._instance(row) for row in converted]
        if self.iterable is ValuesIterable:
            names = self.names
            return [dict(zip(names, row, strict=True)) for row in converted]
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in converted]
        return [tuple(row) for row in converted]

    def _convert(self, rows: list) -> list:
        """What the compiler's results_iter does to rows, with the converters worked out once."""
        if not self.converters:
            return rows
        connection = connections[self.alias]
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in self.converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(row)
        return converted

    def _instance(self, row):
        instance = self.model.from_db(self.alias, self.init_list, row[self.model_columns])
        for populator in self.related_populators:
            populator.populate(row, instance)
        for name, column in self.annotation_columns:
            setattr(instance, name, row[column])
        return instance


def _derived_from_marker(param) -> bool:
    """A parameter computed from a marker (depth + 1, '%value%'): its place cannot take the caller's value."""
    if isinstance(param, int) and not isinstance(param, bool):
        return param in INT_MARKER_BAND
    return isinstance(param, str) and "\ue000prepared-" in param
