"""Write every encrypted value again under the first key of
FIELD_ENCRYPTION_KEYS (docs/visa-letters.md: put the new key first, run
this, then drop the old key)."""

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


class Command(BaseCommand):
    help = "Re-encrypt every encrypted value with the first key of FIELD_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        quote = connection.ops.quote_name
        for model, columns in encrypted_columns():
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            selected = ", ".join(quote(column) for column in columns)
            assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
            rewritten, last = 0, None
            while True:
                with transaction.atomic(), connection.cursor() as cursor:
                    after = "" if last is None else f"WHERE {pk} > %s"
                    cursor.execute(
                        f"SELECT {pk}, {selected} FROM {table} {after} ORDER BY {pk} LIMIT {BATCH}",
                        [] if last is None else [last],
                    )
                    rows = cursor.fetchall()
                    for row_pk, *values in rows:
                        tokens = [rotate(value) if value else value for value in values]
                        cursor.execute(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", [*tokens, row_pk])
                    rewritten += len(rows)
                if len(rows) < BATCH:
                    break
                last = rows[-1][0]
            self.stdout.write(f"{model._meta.label}: {rewritten} rows re-encrypted")
