"""Queries every matter page render runs, compiled to SQL once per thread.

Django compiles a queryset to SQL each time it runs it; for the narrow child lists of a matter
(materials, legal bases, fee items …) that costs several times what the database takes to
answer. A prepared query is built once with marker values in place of the matter's id (or the
path being routed), compiled, and then run with the real values; its rows become instances,
or tuples for a values_list(), exactly as the ORM makes them (the same converters, from_db and
select_related population). Django's own querysets stay the reference: tests compare.
"""

import threading

from django.db import connections
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

# The marker for an id: a number no other parameter is, within the range of an integer column
# (on PostgreSQL Django drops a lookup beyond it before the SQL is written).
NO_ID = 2_000_000_001


class PreparedQuery:
    """`build(*markers)` returns the queryset; `run(*values)` its rows for those values.

    Each marker must reach the SQL parameters unchanged and exactly once (NO_ID for an id,
    a text no path has)."""

    def __init__(self, build, *markers):
        self.build, self.markers = build, markers
        self._compiled = threading.local()

    def run(self, *values):
        compiled = getattr(self._compiled, "query", None)
        if compiled is None:
            compiled = self._compiled.query = self._compile()
        sql, params, positions, to_rows, using = compiled
        params = list(params)
        for position, value in zip(positions, values, strict=True):
            params[position] = value
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return to_rows(cursor.fetchall())

    def _compile(self):
        queryset = self.build(*self.markers)
        using = queryset.db
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        positions = []
        for marker in self.markers:
            found = [i for i, param in enumerate(params) if param == marker]
            if len(found) != 1:
                raise ValueError(f"marker {marker!r} is in the parameters {len(found)} times")
            positions.append(found[0])
        select = compiler.select
        converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])

        def converted(rows):
            return compiler.apply_converters(rows, converters) if converters else rows

        if queryset._iterable_class is ValuesListIterable:
            return sql, params, positions, lambda rows: [tuple(r) for r in converted(rows)], using
        if queryset._iterable_class is not ModelIterable or compiler.annotation_col_map:
            raise ValueError("only plain model rows and values_list() tuples are prepared")
        klass_info = compiler.klass_info
        start = klass_info["select_fields"][0]
        end = klass_info["select_fields"][-1] + 1
        attnames = [column[0].target.attname for column in select[start:end]]
        model = klass_info["model"]

        def instances(rows):
            populators = get_related_populators(klass_info, select, using)
            found = []
            for row in converted(rows):
                instance = model.from_db(using, attnames, row[start:end])
                for populator in populators:
                    populator.populate(row, instance)
                found.append(instance)
            return found

        return sql, params, positions, instances, using
