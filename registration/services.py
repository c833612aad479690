"""Operations that change registrations. Each is one transaction.

Every decision about a seat is taken after locking, in this order, the
event's ``RegistrationSettings`` row and then the category row
(``select_for_update``), so concurrent attempts for one event serialise and
nobody is confirmed beyond capacity. Every change of status is recorded in
``RegistrationLogEntry`` and reported by an email rendered and written to the
site's outbox (``home.outbox``) in the same transaction; it is sent once
the transaction commits.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import OutgoingEmail
from home.outbox import email_queue
from registration.models import (
    Answer,
    AttendanceMode,
    Category,
    DetailChange,
    InvitationCode,
    Question,
    Registration,
    RegistrationLogEntry,
    RegistrationMode,
    RegistrationSettings,
    RegistrationStatus,
)
from sessions.permissions import user_can_manage_event

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

# Fields a participant fills in on the form (and may edit later).
DETAIL_FIELDS = (
    "attendance_mode",
    "honorific",
    "first_name",
    "last_name",
    "email",
    "organisation",
    "position",
    "country",
    "gender",
    "preferred_language",
    "dietary_needs",
    "accessibility_needs",
    "interpretation_needs",
    "visa_letter_requested",
    "photo_consent",
)

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


# --- registering -----------------------------------------------------------------------


def _check_window(settings: RegistrationSettings) -> None:
    now = timezone.now()
    if settings.opens_at and now < settings.opens_at:
        raise ValidationError(_("Registration has not opened yet."), code="not_open")
    if settings.closes_at and now >= settings.closes_at:
        raise ValidationError(_("Registration is closed."), code="closed")


def _use_invitation_code(category: Category, code: str) -> None:
    """Spend one use of a valid code for the category, or say why not."""
    code = (code or "").strip()
    if not code:
        raise ValidationError({"invitation_code": _("This category needs an invitation code.")})
    used = InvitationCode.objects.filter(category=category, code__iexact=code, times_used__lt=F("max_uses")).update(
        times_used=F("times_used") + 1
    )
    if not used:
        raise ValidationError({"invitation_code": _("This invitation code is not valid for this category.")})


def _decide(settings: RegistrationSettings, category: Category, attendance_mode: str) -> str:
    if settings.mode == RegistrationMode.APPROVAL or category.approval_required:
        return RegistrationStatus.PENDING
    if _has_seat(settings, category, attendance_mode):
        return RegistrationStatus.CONFIRMED
    if settings.waitlist_enabled:
        return RegistrationStatus.WAITLISTED
    raise ValidationError(_("This event is full."), code="full")


def _save_answers(registration: Registration, answers: dict[Question, Any]) -> None:
    for question, value in answers.items():
        if question.event_id != registration.event_id:
            raise ValidationError({"answers": _("This question does not belong to the event.")})
        Answer.objects.update_or_create(registration=registration, question=question, defaults={"value": value})


def _existing_registration(event, user, email: str) -> Registration | None:
    if user is not None:
        return Registration.objects.filter(event=event, user=user).first()
    if email:
        return Registration.objects.filter(event=event, user__isnull=True, email__iexact=email).first()
    return None


def registration_register(
    *,
    event,
    category: Category,
    details: dict[str, Any],
    user: AbstractBaseUser | None = None,
    answers: dict[Question, Any] | None = None,
    invitation_code: str = "",
    privacy_accepted: bool = False,
    by: AbstractBaseUser | None = None,
    capacity_override: bool = False,
    reason: str = "",
) -> Registration:
    """Register a person for an event: confirmed, waitlisted or awaiting approval.

    ``by`` is an organiser or focal point registering someone else; they may
    register outside the window and, with ``capacity_override``, confirm
    beyond capacity (recorded with ``reason``). Raises ``AlreadyRegistered``
    when the person already has a registration, ``ValidationError`` with a
    reason otherwise; nothing is saved unless it succeeds."""
    if not privacy_accepted:
        raise ValidationError({"privacy_accepted": _("Please accept the privacy notice to register.")})
    if category.event_id != event.pk:
        raise ValidationError({"category": _("This category does not belong to the event.")})
    on_behalf = by is not None and by != user
    with transaction.atomic():
        settings = _lock_settings(event)
        category = _lock_category(category)
        existing = _existing_registration(event, user, details.get("email", ""))
        if existing is not None:
            raise AlreadyRegistered(existing)
        if not on_behalf:
            _check_window(settings)
        needs_code = not category.is_public or settings.mode == RegistrationMode.INVITATION
        if needs_code and not on_behalf:
            _use_invitation_code(category, invitation_code)

        registration = Registration(event=event, user=user, category=category, **details)
        registration.privacy_accepted_at = timezone.now()
        if on_behalf:
            registration.registered_by = by
        attendance_mode = registration.attendance_mode
        if on_behalf and capacity_override:
            if not _has_seat(settings, category, attendance_mode):
                registration.capacity_override = True
                reason = reason or str(_("Confirmed over capacity by an organiser."))
            status = RegistrationStatus.CONFIRMED
        else:
            status = _decide(settings, category, attendance_mode)
        change = _record(registration, to_status=status, by=by or user, reason=reason)
        # The event and category are rows already locked above; the reference is random and unique in the database.
        registration.full_clean(
            exclude=["user", "registered_by", "event", "category", "reference"], validate_constraints=False
        )
        registration.save()
        change.registration = registration
        change.save()
        _save_answers(registration, answers or {})
        outgoing_email_queue(registration=registration, kind=_email_for_new(status))
    return registration


def _email_for_new(status: str) -> str:
    return {
        RegistrationStatus.CONFIRMED: EMAIL_CONFIRMED,
        RegistrationStatus.WAITLISTED: EMAIL_WAITLISTED,
        RegistrationStatus.PENDING: EMAIL_RECEIVED,
    }[status]


def registration_register_speaker(
    *, event, speaker, user: AbstractBaseUser | None = None, by: AbstractBaseUser | None = None
) -> Registration:
    """Give a speaker a confirmed registration in the event's "Speaker" category.

    Returns the existing registration when the speaker already has a
    confirmed one; moves an existing waitlisted, pending or cancelled one to
    confirmed. When the event is full the seat is confirmed over capacity,
    and the override is recorded in the audit trail."""
    user = user or speaker.user
    email = speaker.email or (user.email if user is not None else "")
    with transaction.atomic():
        settings = _lock_settings(event)
        category, _created = Category.objects.get_or_create(
            event=event,
            slug=SPEAKER_CATEGORY_SLUG,
            defaults={"name": str(_("Speaker")), "is_public": False, "sort_order": 80, "badge_colour": "#8b1f3f"},
        )
        category = _lock_category(category)
        registration = _existing_registration(event, user, email)
        if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
            return registration
        if registration is None:
            registration = Registration(
                event=event,
                user=user,
                category=category,
                honorific=speaker.honorific,
                first_name=speaker.first_name,
                last_name=speaker.last_name,
                email=email,
                organisation=speaker.organisation or "-",
                position=speaker.position,
                country=speaker.country or "",
                gender=speaker.gender if speaker.gender_consent else "",
                privacy_accepted_at=timezone.now(),
            )
        else:
            registration.category = category
        reason = str(_("Speaker at the event."))
        if not _has_seat(settings, category, registration.attendance_mode):
            registration.capacity_override = True
            reason = str(_("Speaker at the event; confirmed over capacity."))
        change = _record(registration, to_status=RegistrationStatus.CONFIRMED, by=by, reason=reason)
        registration.save()
        change.registration = registration
        change.save()
        outgoing_email_queue(registration=registration, kind=EMAIL_CONFIRMED)
    return registration


# --- changing a registration -----------------------------------------------------------


def registration_update(
    *,
    registration: Registration,
    details: dict[str, Any],
    answers: dict[Question, Any] | None = None,
    category: Category | None = None,
    by=None,
) -> Registration:
    """Update a participant's details. The category may change only while
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
            if category.event_id != registration.event_id or not category.is_public:
                raise ValidationError({"category": _("Select a valid category.")})
            registration.category = category
        category = _lock_category(registration.category)
        old_mode = registration.attendance_mode
        for field, value in details.items():
            if field not in DETAIL_FIELDS:
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
    for registration in waiting:
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
    for registration in registrations:
        try:
            service(registration=registration, by=by, message=message)
        except ValidationError as error:
            problems.append(f"{registration.reference}: {' '.join(error.messages)}")
        else:
            done += 1
    return done, problems


IMPORT_COLUMNS = ("first_name", "last_name", "email", "organisation", "country")
IMPORT_OPTIONAL_COLUMNS = ("honorific", "position", "attendance_mode", "preferred_language")
IMPORT_MAX_ROWS = 500


def registration_import_list(
    *, event, category: Category, rows: list[dict[str, str]], by: AbstractBaseUser
) -> list[Registration]:
    """Register a list of people at once (a delegation's focal point sends
    one): all of them or, if any row is refused, none. Each row goes through
    ``registration_register`` on the organiser's behalf, so seats are decided
    under the same locks and every person gets their email once the whole
    list commits. Raises ``ValidationError`` listing every refused row."""
    if not rows:
        raise ValidationError(_("The list is empty."))
    if len(rows) > IMPORT_MAX_ROWS:
        raise ValidationError(
            _("A list may have at most %(max)s people; this one has %(count)s.")
            % {"max": IMPORT_MAX_ROWS, "count": len(rows)}
        )
    errors: list[str] = []
    registrations: list[Registration] = []
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            details = {key: (row.get(key) or "").strip() for key in IMPORT_COLUMNS + IMPORT_OPTIONAL_COLUMNS}
            details = {key: value for key, value in details.items() if value or key in IMPORT_COLUMNS}
            details["country"] = details["country"].upper()
            try:
                with transaction.atomic():
                    registrations.append(
                        registration_register(
                            event=event, category=category, details=details, privacy_accepted=True, by=by
                        )
                    )
            except AlreadyRegistered as error:
                errors.append(
                    _("Row %(row)s: %(email)s is already registered (%(reference)s).")
                    % {"row": number, "email": details["email"], "reference": error.registration.reference}
                )
            except ValidationError as error:
                for field, messages in getattr(error, "message_dict", {"": error.messages}).items():
                    label = f"{field}: " if field else ""
                    errors.append(
                        _("Row %(row)s: %(problem)s")
                        % {"row": number, "problem": label + " ".join(str(message) for message in messages)}
                    )
        if errors:
            transaction.set_rollback(True)
            raise ValidationError(errors)
    return registrations


# --- deleting what registrations depend on -------------------------------------------------


def _delete_with_history(instance, *, by: AbstractBaseUser | None) -> None:
    """Delete ``instance``, writing the admin history entry (who, when) first."""
    from wagtail.log_actions import log

    log(instance=instance, action="wagtail.delete", user=by, deleted=True)
    instance.delete()


def category_delete(*, category: Category, by: AbstractBaseUser | None) -> None:
    """Delete a category nobody registered in. It is locked as registering
    locks it, so nobody registers in it while it goes. Raises
    ``ValidationError`` (and deletes nothing) when registrations use it."""
    with transaction.atomic():
        category = _lock_category(category)
        if category.registrations.exists():
            raise ValidationError(
                _(
                    "The category “%(name)s” cannot be deleted: people are registered in it. "
                    "Make it non-public to close it instead."
                )
                % {"name": category.name},
                code="in_use",
            )
        _delete_with_history(category, by=by)


def question_delete(*, question: Question, by: AbstractBaseUser | None) -> None:
    """Delete a question nobody answered (its answers would go with it).
    Raises ``ValidationError`` (and deletes nothing) when it has answers."""
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.answers.exists():
            raise ValidationError(
                _("The question “%(label)s” cannot be deleted: participants have answered it.")
                % {"label": question.label},
                code="in_use",
            )
        _delete_with_history(question, by=by)


def invitation_code_delete(*, code: InvitationCode, by: AbstractBaseUser | None) -> None:
    """Delete an invitation code nobody used. It is locked as using it locks
    it. Raises ``ValidationError`` (and deletes nothing) once it was used."""
    with transaction.atomic():
        code = InvitationCode.objects.select_for_update().get(pk=code.pk)
        if code.times_used:
            raise ValidationError(
                _(
                    "The invitation code “%(code)s” cannot be deleted: it has been used. "
                    "Set its number of uses to %(used)s to stop it instead."
                )
                % {"code": code.code, "used": code.times_used},
                code="in_use",
            )
        _delete_with_history(code, by=by)
