"""Badge reads: what a batch prints, a participant's own badge."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.functions import Lower

from registration.badges.models import BadgeBatch
from registration.models import Registration, RegistrationStatus
from sessions.permissions import manageable_events


def parse_references(text: str) -> list[str]:
    return [item.strip().upper() for item in text.replace(",", " ").split() if item.strip()]


def badge_batch_registrations(batch: BadgeBatch) -> QuerySet[Registration]:
    """The confirmed registrations a batch prints, sorted by last name."""
    registrations = Registration.objects.filter(event_id=batch.event_id, status=RegistrationStatus.CONFIRMED)
    if batch.category_id:
        registrations = registrations.filter(category_id=batch.category_id)
    if batch.attendance_mode:
        registrations = registrations.filter(attendance_mode=batch.attendance_mode)
    references = parse_references(batch.references)
    if references:
        registrations = registrations.filter(reference__in=references)
    return registrations.select_related("event", "category").order_by(
        Lower("last_name"), Lower("first_name"), "reference"
    )


def participant_badge_registration(*, user, reference: str) -> Registration | None:
    """The signed-in participant's own confirmed registration, else None."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.select_related("event", "category")
        .filter(user=user, reference=reference.upper(), status=RegistrationStatus.CONFIRMED)
        .first()
    )


def badge_batches_for(*, user) -> QuerySet[BadgeBatch]:
    """The batches of the events the user manages, the latest first."""
    return BadgeBatch.objects.filter(event__in=manageable_events(user)).select_related("event", "category")
