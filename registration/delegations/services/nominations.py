"""The focal point's side: nominating, editing and withdrawing delegates,
naming the head, the note verbale, asking for extra seats."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.delegations import selectors
from registration.delegations.models import (
    NOTE_VERBALE_MAX_BYTES,
    Delegation,
    DelegationLogEntry,
    DelegationQuota,
    Nomination,
)
from registration.delegations.services.common import (
    EXTRA_SEATS_MAX,
    NOMINEE_FIELDS,
    PDF_SIGNATURE,
    _already_registered,
    _check_open,
    _lock,
    _log,
)
from registration.models import Category, Registration
from registration.services import (
    ACTIVE_STATUSES,
    AlreadyRegistered,
    registration_cancel,
    registration_register,
    registration_update,
)

logger = logging.getLogger(__name__)


# --- nominations -----------------------------------------------------------------------


def _email_taken(event, email: str, *, besides: Registration | None = None) -> bool:
    """Whether someone else holds an active registration at the event with this address."""
    registrations = Registration.objects.filter(event=event, email__iexact=email, status__in=ACTIVE_STATUSES)
    if besides is not None:
        registrations = registrations.exclude(pk=besides.pk)
    return registrations.exists()


def nomination_create(*, delegation: Delegation, category: Category, details: dict[str, Any], by) -> Nomination:
    """Nominate a delegate: a registration awaiting the organisers'
    approval, made by the focal point (``by``) for the person, within the
    delegation's seats in that category and before nominations close."""
    details = {field: value for field, value in details.items() if field in NOMINEE_FIELDS}
    with transaction.atomic():
        delegation = _lock(delegation)
        _check_open(delegation)
        quota = DelegationQuota.objects.filter(delegation=delegation, category=category).first()
        if quota is None:
            raise ValidationError({"category": _("Your delegation has no seats in this category.")})
        used = selectors.active_nominations(delegation).filter(registration__category=category).count()
        if used >= quota.seats:
            raise ValidationError(
                {
                    "category": _("All %(seats)s seats of your delegation in this category are taken.")
                    % {"seats": quota.seats}
                }
            )
        if details.get("email") and _email_taken(delegation.event, details["email"]):
            raise _already_registered()
        try:
            registration = registration_register(
                event=delegation.event, category=category, details=details, by=by, needs_approval=True
            )
        except AlreadyRegistered as error:
            raise _already_registered() from error
        nomination = Nomination.objects.create(registration=registration, delegation=delegation, nominated_by=by)
        _log(
            delegation,
            DelegationLogEntry.Action.NOMINATED,
            by=by,
            detail=f"{registration.full_name} ({category.name})",
        )
    return nomination


def _lock_nomination(nomination: Nomination) -> tuple[Delegation, Nomination]:
    delegation = _lock(nomination.delegation)
    nomination = Nomination.objects.select_related("registration__event", "registration__category").get(
        pk=nomination.pk, delegation=delegation
    )
    return delegation, nomination


def _check_active(nomination: Nomination) -> None:
    if nomination.registration.status not in ACTIVE_STATUSES:
        raise ValidationError(_("This nomination has been withdrawn or rejected."), code="inactive")


def nomination_update(*, nomination: Nomination, details: dict[str, Any], by) -> Nomination:
    """Change a delegate's details, through ``registration_update`` (which
    records a change of name or email and reissues the badge)."""
    details = {field: value for field, value in details.items() if field in NOMINEE_FIELDS}
    with transaction.atomic():
        delegation, nomination = _lock_nomination(nomination)
        _check_open(delegation)
        _check_active(nomination)
        registration = nomination.registration
        if details.get("email") and _email_taken(registration.event, details["email"], besides=registration):
            raise _already_registered()
        changed = [field for field, value in details.items() if getattr(registration, field) != value]
        if not changed:
            return nomination
        nomination.registration = registration_update(registration=registration, details=details, by=by)
        _log(
            delegation,
            DelegationLogEntry.Action.EDITED,
            by=by,
            detail=f"{nomination.registration.full_name}: {', '.join(changed)}",
        )
    return nomination


def nomination_withdraw(*, nomination: Nomination, by) -> Nomination:
    """Withdraw a delegate: the registration is cancelled (``registration_cancel``,
    which tells the person) and the seat is free again."""
    with transaction.atomic():
        delegation, nomination = _lock_nomination(nomination)
        _check_open(delegation)
        _check_active(nomination)
        nomination.registration = registration_cancel(
            # Lazy: the email renders it in the nominee's language.
            registration=nomination.registration,
            by=by,
            message=_("Withdrawn by the delegation's focal point."),
        )
        if nomination.is_head:
            nomination.is_head = False
            nomination.save(update_fields=["is_head"])
        _log(delegation, DelegationLogEntry.Action.WITHDRAWN, by=by, detail=nomination.registration.full_name)
    return nomination


def nomination_make_head(*, nomination: Nomination, by) -> Nomination:
    """Name the head of delegation: one per delegation, so naming another
    delegate moves it."""
    with transaction.atomic():
        delegation, nomination = _lock_nomination(nomination)
        _check_active(nomination)
        if nomination.is_head:
            return nomination
        Nomination.objects.filter(delegation=delegation, is_head=True).update(is_head=False)
        nomination.is_head = True
        nomination.save(update_fields=["is_head"])
        _log(delegation, DelegationLogEntry.Action.HEAD_NAMED, by=by, detail=nomination.registration.full_name)
    return nomination


# --- the note verbale and extra seats -----------------------------------------------------


def _check_pdf(upload) -> None:
    if upload.size > NOTE_VERBALE_MAX_BYTES:
        raise ValidationError(
            {
                "note_verbale": _("The file is too large: at most %(megabytes)s MB.")
                % {"megabytes": NOTE_VERBALE_MAX_BYTES // (1024 * 1024)}
            }
        )
    upload.seek(0)
    signature = upload.read(len(PDF_SIGNATURE))
    upload.seek(0)
    if signature != PDF_SIGNATURE:
        raise ValidationError({"note_verbale": _("The note verbale must be a PDF file.")})


def delegation_note_verbale_upload(*, delegation: Delegation, upload, by) -> Delegation:
    """Store the delegation's note verbale (a PDF, in private storage),
    replacing any earlier one, whose file is deleted once this commits."""
    _check_pdf(upload)
    with transaction.atomic():
        delegation = _lock(delegation)
        old_name = delegation.note_verbale.name
        delegation.note_verbale.save("note-verbale.pdf", upload, save=False)
        delegation.note_verbale_uploaded_at = timezone.now()
        delegation.save(update_fields=["note_verbale", "note_verbale_uploaded_at", "updated_at"])
        _log(delegation, DelegationLogEntry.Action.NOTE_VERBALE, by=by, detail=upload.name)
        if old_name:
            storage = delegation.note_verbale.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return delegation


def delegation_request_seats(*, delegation: Delegation, seats: int, reason: str, by) -> Delegation:
    """Ask the organisers for more seats than the quota gives, with a reason."""
    reason = reason.strip()
    errors = {}
    if not 1 <= seats <= EXTRA_SEATS_MAX:
        errors["seats"] = _("Ask for between 1 and %(max)s seats.") % {"max": EXTRA_SEATS_MAX}
    if not reason:
        errors["reason"] = _("Say why the delegation needs more seats.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        delegation = _lock(delegation)
        delegation.extra_seats_requested = seats
        delegation.extra_seats_reason = reason
        delegation.save(update_fields=["extra_seats_requested", "extra_seats_reason", "updated_at"])
        _log(delegation, DelegationLogEntry.Action.SEATS_REQUESTED, by=by, detail=f"{seats}: {reason}")
    return delegation
