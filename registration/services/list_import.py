"""Importing a delegation list: all rows registered, or none."""

from __future__ import annotations

import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from registration.models import Category, Registration
from registration.services.common import (
    AlreadyRegistered,
)
from registration.services.registering import (
    registration_register,
)

logger = logging.getLogger(__name__)

IMPORT_COLUMNS = ("first_name", "last_name", "email", "organisation", "country")
IMPORT_OPTIONAL_COLUMNS = ("honorific", "position", "attendance_mode", "preferred_language")
IMPORT_MAX_ROWS = 500


def registration_import_list(
    *, event, category: Category, rows: list[dict[str, str]], by: AbstractBaseUser
) -> list[Registration]:
    """Register a list of people at once (a delegation's focal point sends
    one): all of them or, if any row is refused, none. Each row goes through
    ``registration_register`` on the organiser's behalf, so seats are decided
    under the same locks and every person gets their email once the whole
    list commits. Raises ``ValidationError`` listing every refused row."""
    if not rows:
        raise ValidationError(_("The list is empty."))
    if len(rows) > IMPORT_MAX_ROWS:
        raise ValidationError(
            _("A list may have at most %(max)s people; this one has %(count)s.")
            % {"max": IMPORT_MAX_ROWS, "count": len(rows)}
        )
    errors: list[str] = []
    registrations: list[Registration] = []
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            details = {key: (row.get(key) or "").strip() for key in IMPORT_COLUMNS + IMPORT_OPTIONAL_COLUMNS}
            details = {key: value for key, value in details.items() if value or key in IMPORT_COLUMNS}
            details["country"] = details["country"].upper()
            try:
                with transaction.atomic():
                    registrations.append(registration_register(event=event, category=category, details=details, by=by))
            except AlreadyRegistered as error:
                errors.append(
                    _("Row %(row)s: %(email)s is already registered (%(reference)s).")
                    % {"row": number, "email": details["email"], "reference": error.registration.reference}
                )
            except ValidationError as error:
                for field, messages in getattr(error, "message_dict", {"": error.messages}).items():
                    label = f"{field}: " if field else ""
                    errors.append(
                        _("Row %(row)s: %(problem)s")
                        % {"row": number, "problem": label + " ".join(str(message) for message in messages)}
                    )
        if errors:
            transaction.set_rollback(True)
            raise ValidationError(errors)
    return registrations
