"""Registering: a participant, someone registered by an organiser, an
accepted speaker."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from home.privacy_notice import current_version
from registration.models import (
    Answer,
    Category,
    InvitationCode,
    Question,
    Registration,
    RegistrationMode,
    RegistrationSettings,
    RegistrationStatus,
)
from registration.services.common import (
    ACTIVE_STATUSES,
    EMAIL_CONFIRMED,
    EMAIL_RECEIVED,
    EMAIL_WAITLISTED,
    SPEAKER_CATEGORY_SLUG,
    AlreadyRegistered,
    _has_seat,
    _lock_category,
    _lock_settings,
    _record,
    outgoing_email_queue,
)

logger = logging.getLogger(__name__)

# What only the person can give (``CONSENT_FIELDS``), blank in a registration made for them.
UNGIVEN_CONSENT = {"photo_consent": False, "list_consent": False, "gender": ""}

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


def _existing_registration(event, user, email: str, *, active_only: bool = False) -> Registration | None:
    """The person's registration for the event: the account's, or (for
    someone without an account) the one made for their address, if
    ``active_only`` only one still holding or awaiting a place."""
    if user is not None:
        return Registration.objects.filter(event=event, user=user).first()
    if email:
        made_for = Registration.objects.filter(event=event, user__isnull=True, email__iexact=email)
        if active_only:
            made_for = made_for.filter(status__in=ACTIVE_STATUSES)
        return made_for.first()
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
    privacy_notice_version=None,
    by: AbstractBaseUser | None = None,
    capacity_override: bool = False,
    needs_approval: bool = False,
    reason: str = "",
) -> Registration:
    """Register a person for an event: confirmed, waitlisted or awaiting approval.

    ``by`` is an organiser or focal point registering someone else; they may
    register outside the window and, with ``capacity_override``, confirm
    beyond capacity (recorded with ``reason``), or with ``needs_approval``
    leave it awaiting the organisers' approval (a focal point's nomination).
    Consent is the person's own: someone registered on their behalf has
    given none (privacy notice, photos, the list of participants, gender)
    until they claim the registration and give it themselves.

    Raises ``AlreadyRegistered`` when the person already has a registration,
    ``ValidationError`` with a reason otherwise; nothing is saved unless it
    succeeds."""
    on_behalf = by is not None and by != user
    if not on_behalf and not privacy_accepted:
        raise ValidationError({"privacy_accepted": _("Please accept the privacy notice to register.")})
    if category.event_id != event.pk:
        raise ValidationError({"category": _("This category does not belong to the event.")})
    if on_behalf:
        details = {**details, **UNGIVEN_CONSENT}
    with transaction.atomic():
        settings = _lock_settings(event)
        category = _lock_category(category)
        # Someone registered for again after a cancellation (a delegate withdrawn
        # and nominated again) gets a new registration; the cancelled one stays.
        existing = _existing_registration(event, user, details.get("email", ""), active_only=True)
        if existing is not None:
            raise AlreadyRegistered(existing)
        if not on_behalf:
            _check_window(settings)
        needs_code = not category.is_public or settings.mode == RegistrationMode.INVITATION
        if needs_code and not on_behalf:
            _use_invitation_code(category, invitation_code)

        registration = Registration(event=event, user=user, category=category, **details)
        if on_behalf:
            registration.registered_by = by
        else:
            registration.privacy_accepted_at = timezone.now()
            # The version the form showed, else the one a person reads now.
            registration.privacy_notice_version = privacy_notice_version or current_version(translation.get_language())
        if user is not None:
            registration.claimed_at = timezone.now()
        attendance_mode = registration.attendance_mode
        if on_behalf and needs_approval:
            status = RegistrationStatus.PENDING
        elif on_behalf and capacity_override:
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
                claimed_at=timezone.now() if user is not None else None,
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
