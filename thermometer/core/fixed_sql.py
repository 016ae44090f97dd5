"""Hand-written statements for the hottest paths, written once per database.

The ORM compiles a query anew on every call; on a respondent's page that costs more
than the database itself. A ``FixedSelect`` names its models and columns once, writes
the SQL once per database, and applies the same value converters the ORM would (SQLite
hands dates back as text), so callers get the same objects as from a queryset.
``FixedUpsert`` and ``FixedUpdate`` do the same for writes: values are prepared for
the database by the model's own fields, as ``save()`` would. Identical SQL text on
every call also lets PostgreSQL reuse a prepared plan.
"""

from contextlib import nullcontext
from dataclasses import dataclass

from django.db import connections, transaction


@dataclass(frozen=True)
class Part:
    """One model in the SELECT: its table alias and the fields read from it."""

    model: type
    alias: str
    fields: tuple[str, ...]

    def columns(self) -> list:
        return [self.model._meta.get_field(name) for name in self.fields]


class FixedSelect:
    def __init__(self, parts: list[Part], joins: str, where: str):
        self.parts = parts
        self.joins = joins
        self.where = where
        self._prepared: dict[str, tuple] = {}

    def _prepare(self, connection) -> tuple:
        quote = connection.ops.quote_name
        selected, converters = [], []
        for part in self.parts:
            for field in part.columns():
                selected.append(f"{part.alias}.{quote(field.column)}")
                column = field.get_col(part.alias)
                found = connection.ops.get_db_converters(column) + column.get_db_converters(
                    connection
                )
                converters.append((column, found))
        tables = {
            part.alias: quote(part.model._meta.db_table) for part in self.parts
        }  # the joins and the WHERE clause name tables as {alias}
        sql = (
            f"SELECT {', '.join(selected)} FROM "
            + self.joins.format(**tables)
            + " WHERE "
            + self.where
        )
        return sql, converters

    def values(self, params, using: str = "default") -> list[list]:
        """Each row as its values, converted as the ORM would (no model instances)."""
        connection = connections[using]
        if connection.vendor not in self._prepared:
            self._prepared[connection.vendor] = self._prepare(connection)
        sql, converters = self._prepared[connection.vendor]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        result = []
        for raw in fetched:
            values = []
            for value, (column, found) in zip(raw, converters, strict=True):
                for converter in found:
                    value = converter(value, column, connection)
                values.append(value)
            result.append(values)
        return result

    def rows(self, params, using: str = "default"):
        """Each row as a list of model instances, one per part (None for an outer-join miss)."""
        result = []
        for values in self.values(params, using):
            instances, offset = [], 0
            for part in self.parts:
                own = values[offset : offset + len(part.fields)]
                offset += len(part.fields)
                if own[0] is None:  # the primary key comes first: a missing outer-join row
                    instances.append(None)
                else:
                    instances.append(part.model.from_db(using, list(part.fields), own))
            result.append(instances)
        return result


class FixedUpsert:
    """INSERT of many rows in one statement; a row clashing on ``unique`` updates ``update``."""

    def __init__(self, model, fields: tuple, unique: tuple, update: tuple):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in fields]
        self.unique = [model._meta.get_field(name) for name in unique]
        self.update = [model._meta.get_field(name) for name in update]
        self._sql: dict[tuple, str] = {}

    def _statement(self, connection, count: int) -> str:
        key = (connection.vendor, count)
        if key not in self._sql:
            quote = connection.ops.quote_name
            row = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
            self._sql[key] = (
                f"INSERT INTO {quote(self.model._meta.db_table)} "
                f"({', '.join(quote(f.column) for f in self.fields)}) "
                f"VALUES {', '.join([row] * count)} "
                f"ON CONFLICT ({', '.join(quote(f.column) for f in self.unique)}) DO UPDATE SET "
                + ", ".join(f"{quote(f.column)} = EXCLUDED.{quote(f.column)}" for f in self.update)
            )
        return self._sql[key]

    def run(self, rows: list[tuple], using: str = "default") -> None:
        """Write the rows, each its values in the order of ``fields``: one statement, or
        several in one transaction when they take more parameters than one statement may."""
        if not rows:
            return
        connection = connections[using]
        size = max(connection.ops.bulk_batch_size(self.fields, rows), 1)
        batches = [rows[i : i + size] for i in range(0, len(rows), size)]
        with transaction.atomic(using) if len(batches) > 1 else nullcontext():
            for batch in batches:
                params = [
                    field.get_db_prep_save(value, connection)
                    for row in batch
                    for field, value in zip(self.fields, row, strict=True)
                ]
                with connection.cursor() as cursor:
                    cursor.execute(self._statement(connection, len(batch)), params)


class FixedUpdate:
    """UPDATE of some fields of the rows ``where`` names (in columns), by the model's fields."""

    def __init__(self, model, fields: tuple[str, ...], where: str):
        self.model = model
        self.fields = [model._meta.get_field(name) for name in fields]
        self.where = where
        self._sql: dict[str, str] = {}

    def run(self, values: tuple, params: tuple = (), using: str = "default") -> int:
        """Set the fields to ``values`` (in order); the number of rows changed."""
        connection = connections[using]
        if connection.vendor not in self._sql:
            quote = connection.ops.quote_name
            self._sql[connection.vendor] = (
                f"UPDATE {quote(self.model._meta.db_table)} SET "
                + ", ".join(f"{quote(f.column)} = %s" for f in self.fields)
                + f" WHERE {self.where}"
            )
        prepared = [
            field.get_db_prep_save(value, connection)
            for field, value in zip(self.fields, values, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(self._sql[connection.vendor], [*prepared, *params])
            return cursor.rowcount
