"""Build the participant emails (text + HTML, in the participant's
language; the confirmed one carries the event's .ics). Registration services
render them when they queue them in the site's outbox (``home.outbox``).

The content follows that language too: the event's name and city, the
category and, in the attached calendar, the sessions, rooms and tracks,
each in its translation where there is one."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import NoReverseMatch, reverse

from home.emails import absolute_url, render_email
from home.models import OutgoingEmail
from registration.models import Registration

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


def event_calendar(event, language: str) -> bytes | None:
    """The event's .ics in ``language``, when the agenda capability provides
    it (from the feed's cache: the same file for everyone in that language)."""
    try:
        from sessions.calendar import cached_event_calendar
    except ImportError:
        return None
    return cached_event_calendar(event, language)


def email_language(registration: Registration, language: str = "") -> str:
    return language or registration.preferred_language or settings.LANGUAGE_CODE


def claim_url(registration: Registration) -> str:
    from registration.claim_tokens import claim_token

    return absolute_url(reverse("registration:claim", kwargs={"token": claim_token(registration)}))


def email_context(registration: Registration, *, kind: str, message: str = "", language: str = "") -> dict:
    """What the email shows, in ``language`` (default: the participant's). A
    registration made for someone who has no account linked to it yet
    carries the claim link instead of the links that need an account
    (badge, agenda, "My registrations")."""
    from registration.selectors import waitlist_position
    from sessions.i18n import event_texts, event_url

    event = registration.event
    language = email_language(registration, language)
    texts = event_texts(event, language)
    context = {
        "kind": kind,
        "registration": registration,
        "event": event,
        "event_name": texts.title,
        "event_city": texts.venue_city,
        "venue_name": texts.venue_name,
        "online": registration.attendance_mode == "online",
        "category_name": registration.category.translated("name", language),
        "event_url": absolute_url(event_url(event, language)),
        "waitlist_position": waitlist_position(registration) if registration.status == "waitlisted" else None,
        "message": message,
        "claim_url": "",
        "registrations_url": "",
        "detail_url": "",
        "badge_url": "",
        "agenda_url": "",
    }
    if registration.user_id is None:
        context["claim_url"] = claim_url(registration)
        return context
    context.update(
        registrations_url=absolute_url(reverse("registration:my_registrations")),
        detail_url=absolute_url(reverse("registration:detail", kwargs={"reference": registration.reference})),
        # Online participants' reminder carries the stream link, not the badge.
        badge_url=badge_url(registration)
        if registration.status == "confirmed" and not (kind == "reminder" and context["online"])
        else "",
        agenda_url=optional_url("agenda:my_agenda"),
    )
    return context


def build_message(
    registration: Registration, *, kind: str, message: str = "", to: str = "", language: str = ""
) -> EmailMultiAlternatives:
    """The email of ``kind`` ("confirmed", "waitlisted"...) about the
    registration as it is now, in the participant's language."""
    language = email_language(registration, language)
    context = email_context(registration, kind=kind, message=message, language=language)
    attachments = []
    if kind in CALENDAR_KINDS:
        calendar = event_calendar(registration.event, language)
        if calendar:
            attachments.append((f"{registration.event.slug}.ics", calendar, "text/calendar"))
    return render_email(
        f"registration/emails/{kind}",
        context,
        to=[to or registration.email],
        language=language,
        attachments=attachments,
    )


def build_legacy_message(email: OutgoingEmail) -> EmailMultiAlternatives | None:
    """A registration email written to the outbox before it stored messages:
    rendered when it is sent, from its registration and kind, as all of them
    were then (``home.signals.render_legacy_email``). None if it is not ours."""
    registration = email.registration
    if registration is None:
        return None
    built = build_message(
        registration,
        kind=email.kind,
        message=(email.context or {}).get("message", ""),
        to=email.to,
        language=email.language,
    )
    built.extra_headers["Message-ID"] = f"<outbox-{email.pk}-{registration.reference}@forum.invalid>"
    return built
