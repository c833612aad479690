"""A model field whose value is kept encrypted in the database
(``registration.visas.encryption``): text, or a date stored as its ISO form.

The column holds a Fernet token (different each time the same value is
written), so such a field cannot be searched, filtered or ordered on; an
empty value is stored as NULL.

Serialisers leave it out (``serialize=False``): ``dumpdata`` and fixtures
never carry these values, in clear or encrypted (a database backup keeps
the tokens; restoring it needs the keys)."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from registration.visas.encryption import decrypt, encrypt


class EncryptedField(models.TextField):
    KINDS = ("text", "date")

    def __init__(self, *args, kind: str = "text", **kwargs):
        if kind not in self.KINDS:
            raise ValueError(f"kind must be one of {self.KINDS}")
        self.kind = kind
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs["serialize"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("serialize", None)  # always False: not an option
        if self.kind != "text":
            kwargs["kind"] = self.kind
        return name, path, args, kwargs

    def to_python(self, value):
        if value in (None, ""):
            return None
        if self.kind == "date":
            if isinstance(value, datetime.date):
                return value
            try:
                parsed = parse_date(str(value))
            except ValueError:
                parsed = None
            if parsed is None:
                raise ValidationError(_("Enter a valid date."), code="invalid")
            return parsed
        return str(value)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return None
        return self.to_python(decrypt(value))

    def get_prep_value(self, value):
        value = self.to_python(value)
        if value is None:
            return None
        return encrypt(value.isoformat() if self.kind == "date" else value)

    def formfield(self, **kwargs):
        if self.kind == "date":
            return forms.DateField(label=self.verbose_name, required=not self.blank, **kwargs)
        return forms.CharField(label=self.verbose_name, required=not self.blank, **kwargs)
