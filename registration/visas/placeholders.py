"""The placeholders organisers may write in a letter's text, and the check
that refuses any other (``registration.placeholders``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from registration.placeholders import placeholder_errors as shared_placeholder_errors

PLACEHOLDERS = (
    "name",
    "passport_number",
    "nationality",
    "date_of_birth",
    "passport_issued_on",
    "passport_expires_on",
    "position",
    "organisation",
    "event",
    "event_dates",
    "venue",
    "stay_from",
    "stay_until",
    "consulate_city",
    "number",
)


def placeholder_errors(text: str) -> list[str]:
    """What is wrong with the placeholders of a letter's text (empty when nothing)."""
    return shared_placeholder_errors(text, PLACEHOLDERS)


def validate_letter_text(text: str) -> None:
    if errors := placeholder_errors(text):
        raise ValidationError(errors, code="placeholder")
