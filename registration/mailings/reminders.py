"""The reminder before an event: ``reminder_days_before`` days before its
first day (the event's setting, default 2; 0 for none), from 8:00 in the
event's time zone, each confirmed participant gets one email in their
language: their badge and the practical information (venue, address,
directions, contact) when they come in person, the stream link when they
follow online. Sent once (the outbox key is the person and the event's
first day: moving the event sends a new one); people who registered after
that moment have just had their confirmation, and get none."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from home.models import OutgoingEmail
from home.outbox import email_queue
from registration.emails import build_message, email_language
from registration.models import Registration, RegistrationSettings, RegistrationStatus
from sessions.models import EventPage

KIND = "reminder"
SEND_FROM = datetime.time(8, 0)


def reminder_moment(event, days: int) -> datetime.datetime:
    day = event.start_date - datetime.timedelta(days=days)
    return datetime.datetime.combine(day, SEND_FROM, tzinfo=event.tz)


def _event_starts(event) -> datetime.datetime:
    return datetime.datetime.combine(event.start_date, datetime.time(0, 0), tzinfo=event.tz)


def dedupe_key(registration: Registration) -> str:
    return f"reminder-{registration.pk}-{registration.event.start_date.isoformat()}"


def events_due(now: datetime.datetime) -> list[tuple[EventPage, datetime.datetime]]:
    """(event, reminder moment) of the live events whose reminder time has
    come and that have not begun."""
    window = now.date() + datetime.timedelta(days=31)
    due = []
    for settings in (
        RegistrationSettings.objects.filter(
            reminder_days_before__gt=0,
            event__live=True,
            event__start_date__gte=now.date() - datetime.timedelta(days=1),
            event__start_date__lte=window,
        )
        .select_related("event")
        .order_by("event__start_date", "pk")
    ):
        event = settings.event
        moment = reminder_moment(event, settings.reminder_days_before)
        if moment <= now < _event_starts(event):
            due.append((event, moment))
    return due


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Queue the reminders due now (each person's in its own transaction).
    Returns how many were written."""
    now = now or timezone.now()
    written = 0
    for event, moment in events_due(now):
        suffix = f"-{event.start_date.isoformat()}"
        already = OutgoingEmail.objects.filter(kind=KIND, event=event, dedupe_key__endswith=suffix).values(
            "registration_id"
        )
        people = (
            Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED, created_at__lt=moment)
            .exclude(email="")
            .exclude(pk__in=already)
            .select_related("event", "category")
            .order_by("pk")
        )
        for registration in people:
            with transaction.atomic():
                message = build_message(registration, kind=KIND)
                email_queue(
                    message,
                    kind=KIND,
                    event=event,
                    registration=registration,
                    dedupe_key=dedupe_key(registration),
                    language=email_language(registration),
                )
            written += 1
    return written
