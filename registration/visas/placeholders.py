"""The placeholders organisers may write in a letter's text, and the check
that refuses any other (nor attribute access, formats or conversions: the
text is filled with ``str.format_map`` on plain strings)."""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

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
    """What is wrong with the placeholders of ``text`` (empty when nothing)."""
    try:
        parsed = list(string.Formatter().parse(text or ""))
    except ValueError:
        return [gettext("A brace is not closed: write placeholders as {name}, and a brace itself as {{ or }}.")]
    errors = []
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            errors.append(
                gettext("Unknown placeholder {%(field)s}. Use: %(known)s.")
                % {"field": field, "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)}
            )
    return errors


def validate_letter_text(text: str) -> None:
    if errors := placeholder_errors(text):
        raise ValidationError(errors, code="placeholder")
