"""Shared by the registration services: statuses, email kinds, the detail
fields, locking and seat counting, the log, and queuing the emails."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from home.models import OutgoingEmail
from home.outbox import email_queue
from registration.models import (
    AttendanceMode,
    Category,
    DetailChange,
    Registration,
    RegistrationLogEntry,
    RegistrationSettings,
    RegistrationStatus,
)

logger = logging.getLogger(__name__)

# The statuses that hold (or wait for) a place; one of these per person per event.
ACTIVE_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)

# Which email reports which change.
EMAIL_RECEIVED = "received"
EMAIL_CONFIRMED = "confirmed"
EMAIL_WAITLISTED = "waitlisted"
EMAIL_PROMOTED = "promoted"
EMAIL_REJECTED = "rejected"
EMAIL_CANCELLED = "cancelled"
EMAIL_KINDS = (EMAIL_RECEIVED, EMAIL_CONFIRMED, EMAIL_WAITLISTED, EMAIL_PROMOTED, EMAIL_REJECTED, EMAIL_CANCELLED)

# Details filled in on a form and changed later, by the participant or, for
# them, by the event's organisers.
DETAIL_FIELDS = (
    "attendance_mode",
    "honorific",
    "first_name",
    "last_name",
    "email",
    "organisation",
    "position",
    "country",
    "preferred_language",
    "dietary_needs",
    "accessibility_needs",
    "interpretation_needs",
    "visa_letter_requested",
)
# What only the person can give, and change later: nobody else may set these
# (``registration_update`` refuses them from anyone but the account holder).
CONSENT_FIELDS = ("photo_consent", "list_consent", "gender")
# The participant's own form: the details and their consents.
PARTICIPANT_FIELDS = DETAIL_FIELDS + CONSENT_FIELDS

SPEAKER_CATEGORY_SLUG = "speaker"

# Details whose change is recorded in the audit trail (``DetailChange``);
# a change of name also replaces the badge and, where each participant is
# approved, needs approving again.
TRACKED_FIELDS = tuple(DetailChange.Field.values)
NAME_FIELDS = ("honorific", "first_name", "last_name")
# Statuses an organiser's approval led to, in events that approve each participant.
APPROVED_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class AlreadyRegistered(Exception):
    """The person already has a registration for the event."""

    def __init__(self, registration: Registration):
        super().__init__(registration.reference)
        self.registration = registration


# --- locking and seat counting ------------------------------------------------------


def _lock_settings(event) -> RegistrationSettings:
    """Lock the event's settings row (created with defaults when missing)."""
    settings = RegistrationSettings.objects.select_for_update().filter(event=event).first()
    if settings is None:
        RegistrationSettings.objects.get_or_create(event=event)
        settings = RegistrationSettings.objects.select_for_update().get(event=event)
    return settings


def _lock_category(category: Category) -> Category:
    return Category.objects.select_for_update().get(pk=category.pk)


def _mode_capacity(settings: RegistrationSettings, attendance_mode: str) -> int | None:
    if attendance_mode == AttendanceMode.ONLINE:
        return settings.capacity_online
    return settings.capacity_in_person


def _has_seat(settings: RegistrationSettings, category: Category, attendance_mode: str) -> bool:
    """Whether one more person may be confirmed (call with both rows locked)."""
    capacity = _mode_capacity(settings, attendance_mode)
    if capacity is not None:
        taken = Registration.objects.filter(
            event_id=settings.event_id, status=RegistrationStatus.CONFIRMED, attendance_mode=attendance_mode
        ).count()
        if taken >= capacity:
            return False
    if category.capacity is not None:
        taken = Registration.objects.filter(category=category, status=RegistrationStatus.CONFIRMED).count()
        if taken >= category.capacity:
            return False
    return True


def _record(
    registration: Registration, *, to_status: str, by: AbstractBaseUser | None, reason: str = ""
) -> RegistrationLogEntry:
    from_status = registration.status if registration.pk else ""
    registration.status = to_status
    registration.status_changed_at = timezone.now()
    change = RegistrationLogEntry(
        registration=registration, from_status=from_status, to_status=to_status, reason=reason
    )
    if by is not None and getattr(by, "is_authenticated", False):
        change.by = by
    return change


def _save_change(registration: Registration, change: RegistrationLogEntry, *, fields: Iterable[str] = ()) -> None:
    registration.save(update_fields=["status", "status_changed_at", "updated_at", *fields])
    change.save()


# --- the outbox ----------------------------------------------------------------------


def outgoing_email_queue(*, registration: Registration, kind: str, message: str = "") -> OutgoingEmail:
    """Render the participant's email of ``kind`` now, in their language, and
    write it to the site's outbox; it is sent once the transaction commits."""
    from registration.emails import build_message

    return email_queue(
        build_message(registration, kind=kind, message=message),
        kind=kind,
        event=registration.event,
        registration=registration,
        language=registration.preferred_language or "en",
    )


def registration_resend_confirmation(*, registration: Registration) -> OutgoingEmail:
    """Send the email that matches the registration's current status again."""
    kind = {
        RegistrationStatus.PENDING: EMAIL_RECEIVED,
        RegistrationStatus.CONFIRMED: EMAIL_CONFIRMED,
        RegistrationStatus.WAITLISTED: EMAIL_WAITLISTED,
        RegistrationStatus.REJECTED: EMAIL_REJECTED,
        RegistrationStatus.CANCELLED: EMAIL_CANCELLED,
    }[registration.status]
    with transaction.atomic():
        return outgoing_email_queue(registration=registration, kind=kind)
