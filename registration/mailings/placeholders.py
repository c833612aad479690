"""The placeholders a message to participants may use, such as
``{first_name}``: checked before anything is saved
(``registration.placeholders``), filled in for each person."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registration.placeholders import placeholder_errors, placeholders_used

PLACEHOLDERS = {
    "first_name": _("the person's first name"),
    "last_name": _("the person's last name"),
    "reference": _("their registration reference"),
    "badge_link": _("the link to their badge (confirmed participants only)"),
    "event": _("the event's name"),
}


def placeholders_in(text: str) -> set[str]:
    """The placeholder names in ``text``; ValidationError when one is not
    known, or the braces do not pair (``{{`` and ``}}`` write a brace)."""
    if errors := placeholder_errors(text, PLACEHOLDERS):
        raise ValidationError(errors, code="placeholder")
    return placeholders_used(text)


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with its (checked) placeholders replaced by ``values``."""
    return text.format_map(values)
