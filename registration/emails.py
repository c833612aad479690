"""Build the participant emails of the outbox (text + HTML, in the
participant's language; the confirmed one carries the event's .ics)."""

import logging

from django.core.mail import EmailMultiAlternatives
from django.urls import NoReverseMatch, reverse

from home.emails import absolute_url, render_email
from registration.models import OutgoingEmail, Registration

logger = logging.getLogger(__name__)

CALENDAR_KINDS = {"confirmed", "promoted"}


def optional_url(name: str, **kwargs) -> str:
    """The absolute URL of a route another capability provides, or "" if it does not exist (yet)."""
    try:
        return absolute_url(reverse(name, kwargs=kwargs or None))
    except NoReverseMatch:
        return ""


def badge_url(registration: Registration) -> str:
    return optional_url("badges:badge", reference=registration.reference)


def event_calendar(event) -> bytes | None:
    """The event's .ics, when the agenda capability provides it."""
    try:
        from sessions.calendar import build_event_calendar
    except ImportError:
        return None
    return build_event_calendar(event)


def email_context(registration: Registration, *, kind: str, message: str = "") -> dict:
    from registration.selectors import waitlist_position

    event = registration.event
    return {
        "kind": kind,
        "registration": registration,
        "event": event,
        "event_url": absolute_url(event.url or "/"),
        "registrations_url": absolute_url(reverse("registration:my_registrations")),
        "detail_url": absolute_url(reverse("registration:detail", kwargs={"reference": registration.reference})),
        "badge_url": badge_url(registration) if registration.status == "confirmed" else "",
        "agenda_url": optional_url("agenda:my_agenda"),
        "waitlist_position": waitlist_position(registration) if registration.status == "waitlisted" else None,
        "message": message,
    }


def build_message(email: OutgoingEmail) -> EmailMultiAlternatives:
    registration = email.registration
    context = email_context(registration, kind=email.kind, message=(email.context or {}).get("message", ""))
    attachments = []
    if email.kind in CALENDAR_KINDS:
        calendar = event_calendar(registration.event)
        if calendar:
            attachments.append((f"{registration.event.slug}.ics", calendar, "text/calendar"))
    return render_email(
        f"registration/emails/{email.kind}",
        context,
        to=[email.to],
        language=email.language,
        attachments=attachments,
        headers={"Message-ID": f"<outbox-{email.pk}-{registration.reference}@forum.invalid>"},
    )
