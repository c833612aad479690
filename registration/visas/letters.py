"""What a letter says: the standard text in each language, and the text
of one request's letter."""

from __future__ import annotations

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from registration.badges.pdf import event_heading
from registration.visas.models import VisaLetterRequest, VisaLetterSettings
from registration.visas.placeholders import placeholder_errors
from sessions.i18n import event_title


def standard_text() -> str:
    """The standard letter, in the active language."""
    return gettext(
        "To the consular section in {consulate_city},\n\n"
        "We are pleased to confirm that {name}, born on {date_of_birth}, a national of {nationality}, "
        "holder of passport number {passport_number} (issued on {passport_issued_on}, valid until "
        "{passport_expires_on}), {position} at {organisation}, is registered to take part in {event}, "
        "held at {venue} on {event_dates}.\n\n"
        "The participant plans to stay from {stay_from} to {stay_until}. We would be grateful for any "
        "assistance you can give in issuing the visa needed to attend.\n\n"
        "This letter does not commit the organisers to any financial support. Its authenticity can be "
        "checked with the QR code below or at the address printed beside it, quoting number {number}."
    )


def _date(value) -> str:
    return date_format(value, "j F Y") if value else "—"


def letter_values(request: VisaLetterRequest) -> dict[str, str]:
    """The placeholders' values for ``request``, in the active language."""
    registration = request.registration
    event = request.event
    venue = ", ".join(part for part in (event.venue_name, event.venue_city, str(event.venue_country.name)) if part)
    return {
        "name": request.passport_name or registration.full_name,
        "passport_number": request.passport_number or "—",
        "nationality": str(countries.name(request.nationality)) if request.nationality else "—",
        "date_of_birth": _date(request.date_of_birth),
        "passport_issued_on": _date(request.passport_issued_on),
        "passport_expires_on": _date(request.passport_expires_on),
        "position": registration.position or gettext("participant"),
        "organisation": registration.organisation,
        "event": str(event_title(event)),
        "event_dates": event_heading(event).dates,
        "venue": venue or "—",
        "stay_from": _date(request.stay_from),
        "stay_until": _date(request.stay_until),
        "consulate_city": request.consulate_city,
        "number": request.number or "",
    }


def letter_paragraphs(request: VisaLetterRequest, settings: VisaLetterSettings | None) -> list[str]:
    """The letter's paragraphs in its language: the organisers' text in that
    language (else their text in the event's language), or the standard one."""
    with translation.override(request.language):
        text = settings.translated("letter_text", request.language) if settings else ""
        template = str(text) if str(text).strip() else standard_text()
        values = letter_values(request)
        body = template.format_map(values) if not placeholder_errors(template) else standard_text().format_map(values)
    return [" ".join(paragraph.split()) for paragraph in body.split("\n\n") if paragraph.strip()]


LETTER_TITLE = _("Visa support letter")
