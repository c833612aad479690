"""Printed documents that name people (badge sheets, lists of participants)
go when one of the people in them is anonymised: the row keeps that it was
built, its file is blanked in the caller's transaction and removed from
storage once that commits (a rollback keeps both)."""

from django.db import transaction
from django.db.models import QuerySet


def files_forget(rows: QuerySet, *, field: str = "file") -> int:
    """Blank ``field`` of ``rows`` and delete their files after commit;
    returns how many files go."""
    named = list(rows.exclude(**{field: ""}).values_list("pk", field))
    if not named:
        return 0
    storage = rows.model._meta.get_field(field).storage
    rows.filter(pk__in=[pk for pk, _name in named]).update(**{field: ""})
    names = [name for _pk, name in named]

    def delete_files():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return len(names)
