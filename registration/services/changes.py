"""Changing a registration: details, approval, rejection, cancellation, the
waiting list moving up, bulk actions."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from registration.models import (
    AttendanceMode,
    Category,
    DetailChange,
    Question,
    Registration,
    RegistrationMode,
    RegistrationSettings,
    RegistrationStatus,
)
from registration.services.common import (
    ACTIVE_STATUSES,
    APPROVED_STATUSES,
    CONSENT_FIELDS,
    DETAIL_FIELDS,
    EMAIL_CANCELLED,
    EMAIL_CONFIRMED,
    EMAIL_PROMOTED,
    EMAIL_RECEIVED,
    EMAIL_REJECTED,
    EMAIL_WAITLISTED,
    NAME_FIELDS,
    TRACKED_FIELDS,
    _has_seat,
    _lock_category,
    _lock_settings,
    _mode_capacity,
    _record,
    _save_change,
    outgoing_email_queue,
)
from registration.services.registering import (
    _save_answers,
)
from registration.signals import registration_ended
from sessions.i18n import event_texts_kept
from sessions.permissions import user_can_manage_event

logger = logging.getLogger(__name__)

# --- changing a registration -----------------------------------------------------------


def registration_update(
    *,
    registration: Registration,
    details: dict[str, Any],
    answers: dict[Question, Any] | None = None,
    category: Category | None = None,
    by=None,
) -> Registration:
    """Update a participant's details. Their consents (``CONSENT_FIELDS``:
    photos, the list of participants, gender) are changed only by the
    person themselves (``by`` is the registration's account); from anyone
    else they are refused. The category may change only while
    the registration awaits approval. A change of attendance mode of a
    confirmed seat needs a seat in the other mode, so it is decided under the
    lock like any seat.

    A change of name, organisation or email is recorded (``DetailChange``:
    who, when, old and new). A change of name raises the badge version, so
    a badge printed with the old name no longer scans. Where each
    participant is approved (approval mode, or a category that needs it),
    a name changed by anyone but the event's organisers sends an approved
    registration back to "awaiting approval", with the change as the
    reason; a confirmed seat is released to the waiting list meanwhile,
    as for any registration that is no longer confirmed."""
    with transaction.atomic():
        settings = _lock_settings(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        old_details = {field: getattr(registration, field) for field in TRACKED_FIELDS}
        if category is not None and category.pk != registration.category_id:
            if registration.status != RegistrationStatus.PENDING:
                raise ValidationError({"category": _("The category cannot be changed once approved.")})
            by_organiser = getattr(by, "is_authenticated", False) and user_can_manage_event(by, registration.event_id)
            if not category_is_own_choice(registration) and not by_organiser:
                # Given by an invitation code, an organiser or a delegation's seats.
                raise ValidationError({"category": _("This category was given to you: it cannot be changed here.")})
            if category.event_id != registration.event_id or not category.is_public:
                raise ValidationError({"category": _("Select a valid category.")})
            registration.category = category
        category = _lock_category(registration.category)
        old_mode = registration.attendance_mode
        is_the_person = _is_account_holder(registration, by)
        for field, value in details.items():
            if field in CONSENT_FIELDS and not is_the_person:
                raise ValidationError({field: _("Only the person can give or change this consent.")})
            if field not in DETAIL_FIELDS and field not in CONSENT_FIELDS:
                raise ValidationError({field: _("This field cannot be changed.")})
            setattr(registration, field, value)
        if (
            registration.status == RegistrationStatus.CONFIRMED
            and registration.attendance_mode != old_mode
            and not _has_seat(settings, category, registration.attendance_mode)
        ):
            raise ValidationError({"attendance_mode": _("There is no seat left for this attendance mode.")})
        registration.full_clean(exclude=["user", "registered_by"], validate_constraints=False)
        changes = _detail_changes(registration, old_details, by=by)
        renamed = any(change.field in NAME_FIELDS for change in changes)
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        status_change = None
        if renamed:
            registration.badge_version += 1
            if _rename_needs_approval(settings, registration, by):
                status_change = _record(
                    registration,
                    to_status=RegistrationStatus.PENDING,
                    by=by,
                    reason=_rename_reason(old_details, registration),
                )
        registration.save()
        DetailChange.objects.bulk_create(changes)
        if status_change is not None:
            status_change.save()
            outgoing_email_queue(registration=registration, kind=EMAIL_RECEIVED)
        _save_answers(registration, answers or {})
        seat_freed = was_confirmed and registration.status != RegistrationStatus.CONFIRMED
        if seat_freed or (
            registration.status == RegistrationStatus.CONFIRMED and registration.attendance_mode != old_mode
        ):
            _promote_waiting(settings, by=None)
    return registration


def _is_account_holder(registration: Registration, by) -> bool:
    """Whether ``by`` is the person themselves: signed in to the account the
    registration belongs to (an organiser editing it is not)."""
    return (
        registration.user_id is not None
        and by is not None
        and getattr(by, "is_authenticated", False)
        and by.pk == registration.user_id
    )


def category_is_own_choice(registration: Registration) -> bool:
    """Whether the person chose the registration's category themselves (a
    public one, on the form), rather than being given it: by an invitation
    code, or by an organiser or a focal point registering them (a
    delegation's seats are counted in it)."""
    return registration.registered_by_id is None and registration.category.is_public


def _detail_changes(registration: Registration, old_details: dict[str, str], *, by) -> list[DetailChange]:
    author = by if by is not None and getattr(by, "is_authenticated", False) else None
    return [
        DetailChange(
            registration=registration,
            field=field,
            old_value=old_details[field],
            new_value=getattr(registration, field),
            by=author,
        )
        for field in TRACKED_FIELDS
        if getattr(registration, field) != old_details[field]
    ]


def rename_needs_approval(*, registration: Registration, settings: RegistrationSettings | None) -> bool:
    """Whether a change of name sends this registration back for approval
    (when the participant makes it): it was approved, in an event or a
    category that approves each participant."""
    if registration.status not in APPROVED_STATUSES:
        return False
    mode = settings.mode if settings is not None else RegistrationMode.OPEN
    return mode == RegistrationMode.APPROVAL or registration.category.approval_required


def _rename_needs_approval(settings: RegistrationSettings, registration: Registration, by) -> bool:
    """Renamed by someone who may not approve it (not one of the event's organisers)."""
    if not rename_needs_approval(registration=registration, settings=settings):
        return False
    if by is None or not getattr(by, "is_authenticated", False):
        return True
    return not user_can_manage_event(by, registration.event_id)


def _rename_reason(old_details: dict[str, str], registration: Registration) -> str:
    old_name = " ".join(old_details[field] for field in NAME_FIELDS if old_details[field])
    return str(_("Name changed from “%(old)s” to “%(new)s”: awaiting approval again.")) % {
        "old": old_name,
        "new": registration.full_name,
    }


def registration_approve(
    *, registration: Registration, by: AbstractBaseUser, message: str = "", capacity_override: bool = False
) -> Registration:
    """Approve a pending registration: confirmed if there is a seat (or the
    organiser overrides capacity), otherwise waitlisted (or refused when the
    event has no waiting list)."""
    with transaction.atomic():
        settings = _lock_settings(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        category = _lock_category(registration.category)
        if registration.status != RegistrationStatus.PENDING:
            raise ValidationError(_("Only a registration awaiting approval can be approved."), code="not_pending")
        if _has_seat(settings, category, registration.attendance_mode):
            status, kind = RegistrationStatus.CONFIRMED, EMAIL_CONFIRMED
        elif capacity_override:
            status, kind = RegistrationStatus.CONFIRMED, EMAIL_CONFIRMED
            registration.capacity_override = True
            message = message or str(_("Confirmed over capacity by an organiser."))
        elif settings.waitlist_enabled:
            status, kind = RegistrationStatus.WAITLISTED, EMAIL_WAITLISTED
        else:
            raise ValidationError(_("This event is full."), code="full")
        change = _record(registration, to_status=status, by=by, reason=message)
        _save_change(registration, change, fields=["capacity_override"])
        outgoing_email_queue(registration=registration, kind=kind, message=message)
    return registration


def _registration_end(
    *, registration: Registration, to_status: str, email_kind: str, inactive_message, by, message: str
) -> Registration:
    """Reject or cancel: the seat of a confirmed registration goes to the
    first person on the waiting list who fits."""
    with transaction.atomic():
        settings = _lock_settings(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in ACTIVE_STATUSES:
            raise ValidationError(inactive_message, code="inactive")
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        change = _record(registration, to_status=to_status, by=by, reason=message)
        _save_change(registration, change)
        outgoing_email_queue(registration=registration, kind=email_kind, message=message)
        registration_ended.send(sender=Registration, registration=registration, by=by)
        if was_confirmed:
            _promote_waiting(settings, by=by)
    return registration


def registration_reject(*, registration: Registration, by: AbstractBaseUser, message: str = "") -> Registration:
    """Reject a pending or waitlisted registration (a confirmed one is cancelled instead)."""
    return _registration_end(
        registration=registration,
        to_status=RegistrationStatus.REJECTED,
        email_kind=EMAIL_REJECTED,
        inactive_message=_("This registration is no longer active."),
        by=by,
        message=message,
    )


def registration_cancel(*, registration: Registration, by: AbstractBaseUser | None, message: str = "") -> Registration:
    """Cancel a registration. A confirmed seat goes to the first person on
    the waiting list who fits (same attendance mode, category with room)."""
    return _registration_end(
        registration=registration,
        to_status=RegistrationStatus.CANCELLED,
        email_kind=EMAIL_CANCELLED,
        inactive_message=_("This registration is already cancelled or rejected."),
        by=by,
        message=message,
    )


def registration_confirm_waiting(
    *, registration: Registration, by: AbstractBaseUser, reason: str, over_capacity: bool = False
) -> Registration:
    """An organiser confirms a waiting person by hand, ahead of the list's
    order (a minister's adviser, a speaker's replacement), with a reason the
    log keeps: into a free seat, or over capacity when ``over_capacity``."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this person is confirmed ahead of the waiting list.")})
    with transaction.atomic():
        settings = _lock_settings(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not user_can_manage_event(by, registration.event_id):
            raise ValidationError(_("You do not manage this event."), code="not_organiser")
        category = _lock_category(registration.category)
        if registration.status != RegistrationStatus.WAITLISTED:
            raise ValidationError(
                _("Only a registration on the waiting list can be confirmed here."), code="not_waiting"
            )
        if not _has_seat(settings, category, registration.attendance_mode):
            if not over_capacity:
                raise ValidationError(
                    _("No seat is free. Confirm over capacity to add this person anyway."), code="full"
                )
            registration.capacity_override = True
        change = _record(registration, to_status=RegistrationStatus.CONFIRMED, by=by, reason=reason)
        _save_change(registration, change, fields=["capacity_override"])
        outgoing_email_queue(registration=registration, kind=EMAIL_PROMOTED)
    return registration


def registration_promote(*, event, by: AbstractBaseUser | None = None) -> list[Registration]:
    """Fill the seats free now (after capacity was raised) from the waiting list."""
    with transaction.atomic():
        settings = _lock_settings(event)
        return _promote_waiting(settings, by=by)


def _promote_waiting(settings: RegistrationSettings, *, by) -> list[Registration]:
    """Confirm waitlisted people, first come first served, while seats remain.

    Runs with the settings row locked; counts once, then walks the list."""
    event_id = settings.event_id
    by_mode = Counter(
        dict(
            Registration.objects.filter(event_id=event_id, status=RegistrationStatus.CONFIRMED)
            .values_list("attendance_mode")
            .annotate(n=Count("pk"))
        )
    )
    by_category = Counter(
        dict(
            Registration.objects.filter(event_id=event_id, status=RegistrationStatus.CONFIRMED)
            .values_list("category_id")
            .annotate(n=Count("pk"))
        )
    )
    waiting = (
        Registration.objects.select_for_update(of=("self",))
        .filter(event_id=event_id, status=RegistrationStatus.WAITLISTED)
        .select_related("category")
        .order_by("created_at", "pk")
    )
    promoted = []
    event = settings.event  # one object for every email: its name is read once
    for registration in waiting:
        registration.event = event
        modes_full = [
            (capacity := _mode_capacity(settings, mode)) is not None and by_mode[mode] >= capacity
            for mode in AttendanceMode.values
        ]
        if all(modes_full):
            break
        mode_capacity = _mode_capacity(settings, registration.attendance_mode)
        if mode_capacity is not None and by_mode[registration.attendance_mode] >= mode_capacity:
            continue
        category = registration.category
        if category.capacity is not None and by_category[category.pk] >= category.capacity:
            continue
        change = _record(
            registration,
            to_status=RegistrationStatus.CONFIRMED,
            by=by,
            reason=str(_("Promoted from the waiting list.")),
        )
        _save_change(registration, change)
        outgoing_email_queue(registration=registration, kind=EMAIL_PROMOTED)
        by_mode[registration.attendance_mode] += 1
        by_category[category.pk] += 1
        promoted.append(registration)
    return promoted


def registration_bulk_action(
    *, registrations: Iterable[Registration], action: str, by: AbstractBaseUser, message: str = ""
) -> tuple[int, list[str]]:
    """Approve, reject or cancel many registrations; each in its own
    transaction. Returns how many changed and the reasons for the others."""
    service = {"approve": registration_approve, "reject": registration_reject, "cancel": registration_cancel}[action]
    done, problems = 0, []
    with event_texts_kept():  # each event's name in the emails, read once
        for registration in registrations:
            try:
                service(registration=registration, by=by, message=message)
            except ValidationError as error:
                problems.append(f"{registration.reference}: {' '.join(error.messages)}")
            else:
                done += 1
    return done, problems
