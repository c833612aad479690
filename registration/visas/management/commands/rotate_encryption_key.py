"""Write every encrypted value again under the first key of
FIELD_ENCRYPTION_KEYS (docs/visa-letters.md: put the new key first, run
this, then drop the old key).

The site keeps running meanwhile, so a row may change between the read of
its batch and its rewrite (a participant corrects a request, the retention
job erases the passport details). Each row is therefore written only if it
still holds what was read (compare and set); a row that changed is read
again and rotated from its new values, never put back as it was."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from registration.visas.encryption import rotate
from registration.visas.fields import EncryptedField

BATCH = 500


def encrypted_columns() -> list[tuple[type, list[str]]]:
    found = []
    for model in apps.get_models():
        columns = [field.column for field in model._meta.concrete_fields if isinstance(field, EncryptedField)]
        if columns:
            found.append((model, columns))
    return found


class _Table:
    def __init__(self, model, columns: list[str]):
        quote = connection.ops.quote_name
        self.table, self.pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        self.columns = [quote(column) for column in columns]
        self.selected = ", ".join(self.columns)

    def batch(self, cursor, after) -> list[tuple]:
        where = "" if after is None else f"WHERE {self.pk} > %s"
        cursor.execute(
            f"SELECT {self.pk}, {self.selected} FROM {self.table} {where} ORDER BY {self.pk} LIMIT {BATCH}",
            [] if after is None else [after],
        )
        return cursor.fetchall()

    def row(self, cursor, pk) -> tuple | None:
        cursor.execute(f"SELECT {self.pk}, {self.selected} FROM {self.table} WHERE {self.pk} = %s", [pk])
        return cursor.fetchone()

    def compare_and_set(self, cursor, pk, old: list, new: list) -> bool:
        """Write ``new`` if the row still holds ``old``; False when it changed."""
        assignments = ", ".join(f"{column} = %s" for column in self.columns)
        unchanged, params = [], []
        for column, value in zip(self.columns, old, strict=True):
            if value is None:
                unchanged.append(f"{column} IS NULL")
            else:
                unchanged.append(f"{column} = %s")
                params.append(value)
        cursor.execute(
            f"UPDATE {self.table} SET {assignments} WHERE {self.pk} = %s AND {' AND '.join(unchanged)}",
            [*new, pk, *params],
        )
        return cursor.rowcount == 1


def _rotated(values: list) -> list:
    return [rotate(value) if value else value for value in values]


class Command(BaseCommand):
    help = "Re-encrypt every encrypted value with the first key of FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        for model, columns in encrypted_columns():
            table = _Table(model, columns)
            rewritten, last = 0, None
            while True:
                with transaction.atomic(), connection.cursor() as cursor:
                    rows = table.batch(cursor, last)
                    for row_pk, *values in rows:
                        while values and not table.compare_and_set(cursor, row_pk, values, _rotated(values)):
                            current = table.row(cursor, row_pk)  # changed meanwhile: rotate what it holds now
                            values = list(current[1:]) if current else []
                    rewritten += len(rows)
                if len(rows) < BATCH:
                    break
                last = rows[-1][0]
            self.stdout.write(f"{model._meta.label}: {rewritten} rows re-encrypted")
