"""Visa letter writes, each one transaction: a participant's request, the
organisers' approval (a number, then the letter emailed), rejection with a
reason, withdrawal, and erasing the passport details.

A letter's number is taken under a lock on its ``LetterNumberSequence``
row, after the request's own row: numbers follow each other per prefix and
year and are never given twice."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import OutgoingEmail
from home.outbox import email_cancel
from registration.models import Registration, RegistrationStatus
from registration.visas.models import (
    PASSPORT_FIELDS,
    LetterNumberSequence,
    VisaLetterRequest,
    VisaLetterSettings,
    VisaLetterStatus,
)
from registration.visas.selectors import letter_settings
from registration.visas.sending import EMAIL_LETTER, EMAIL_REJECTED, EMAIL_WITHDRAWN, locked, queue_email
from registration.visas.tasks import send_visa_letter
from sessions.permissions import user_can_manage_event

REQUEST_FIELDS = (*PASSPORT_FIELDS, "consulate_city", "stay_from", "stay_until")


def _offers_letters(event) -> bool:
    settings = letter_settings(event=event)
    return settings is not None and settings.offers_letters


def request_refusal(registration: Registration) -> str:
    """Why this registration may not ask for a letter now ("" when it may)."""
    if not _offers_letters(registration.event):
        return str(_("This event does not offer visa support letters."))
    if registration.status != RegistrationStatus.CONFIRMED:
        return str(_("Only confirmed participants can ask for a visa support letter."))
    existing = getattr(registration, "visa_letter_request", None) if registration.pk else None
    if existing is not None and existing.status == VisaLetterStatus.APPROVED:
        return str(_("Your letter has been issued. To change it, write to the organisers."))
    if existing is not None and existing.number:
        # Its number must keep answering "withdrawn" on the verification page.
        return str(_("Your letter has been withdrawn. To ask for a new one, write to the organisers."))
    return ""


def _check_dates(data: dict, event) -> dict[str, str]:
    today = timezone.localdate()
    errors = {}
    born, issued, expires = data.get("date_of_birth"), data.get("passport_issued_on"), data.get("passport_expires_on")
    arrival, departure = data.get("stay_from"), data.get("stay_until")
    if born and born >= today:
        errors["date_of_birth"] = _("The date of birth must be in the past.")
    elif born and born < datetime.date(1900, 1, 1):
        errors["date_of_birth"] = _("Check the date of birth.")
    if issued and issued > today:
        errors["passport_issued_on"] = _("The issue date cannot be in the future.")
    elif issued and born and "date_of_birth" not in errors and issued < born:
        errors["passport_issued_on"] = _("The passport cannot have been issued before the date of birth.")
    if expires and issued and expires <= issued:
        errors["passport_expires_on"] = _("The expiry date must come after the issue date.")
    elif expires and departure and expires < departure:
        errors["passport_expires_on"] = _("The passport must still be valid on the day you leave.")
    if arrival and departure and departure < arrival:
        errors["stay_until"] = _("The departure cannot come before the arrival.")
    elif arrival and departure:
        margin = datetime.timedelta(days=30)
        if departure < event.start_date or arrival > event.end_date:
            errors["stay_from"] = _("The stay must include at least one day of the event.")
        elif arrival < event.start_date - margin or departure > event.end_date + margin:
            errors["stay_from"] = _("The stay may start at most 30 days before the event and end 30 days after it.")
    return errors


def visa_request_submit(*, registration: Registration, by: AbstractBaseUser, data: dict) -> VisaLetterRequest:
    """The participant's request for a letter, or their corrected one (a
    rejected or withdrawn request is asked again). Only the registration's
    own account holder may ask, for a confirmed registration of an event
    that offers letters."""
    with transaction.atomic():
        registration = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        if registration.user_id is None or registration.user_id != by.pk:
            raise ValidationError(_("This is not your registration."), code="not_yours")
        if refusal := request_refusal(registration):
            raise ValidationError(refusal, code="refused")
        if errors := _check_dates(data, registration.event):
            raise ValidationError(errors)
        request = VisaLetterRequest.objects.filter(registration=registration).defer(
            *PASSPORT_FIELDS
        ).first() or VisaLetterRequest(registration=registration, event=registration.event)
        for field in REQUEST_FIELDS:
            setattr(request, field, data[field])
        request.status = VisaLetterStatus.REQUESTED
        request.language = registration.preferred_language or "en"
        request.reason = ""
        request.requested_at = timezone.now()
        request.decided_at = request.decided_by = request.passport_erased_at = None
        request.full_clean(exclude=["registration", "event", "decided_by"])
        request.save()
    return request


def _check_organiser(request: VisaLetterRequest, by) -> None:
    if not user_can_manage_event(by, request.event_id):
        raise ValidationError(_("You do not manage this event."), code="not_organiser")


def _next_number(settings: VisaLetterSettings | None, event) -> str:
    prefix = settings.number_prefix if settings else "VL"
    year = event.start_date.year
    LetterNumberSequence.objects.get_or_create(prefix=prefix, year=year)
    sequence = LetterNumberSequence.objects.select_for_update().get(prefix=prefix, year=year)
    number = f"{prefix}{year}-{sequence.last + 1:04d}"
    while VisaLetterRequest.objects.filter(number=number).exists():  # a prefix renamed back, a number typed in
        sequence.last += 1
        number = f"{prefix}{year}-{sequence.last + 1:04d}"
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return number


def visa_request_approve(*, request: VisaLetterRequest, by: AbstractBaseUser) -> VisaLetterRequest:
    """Issue the letter: its number and date, then (after commit) the
    letter built and emailed to the participant through the outbox."""
    with transaction.atomic():
        request = locked(request)
        _check_organiser(request, by)
        if request.status != VisaLetterStatus.REQUESTED:
            raise ValidationError(_("Only a request that waits can be approved."), code="not_waiting")
        if request.registration.status != RegistrationStatus.CONFIRMED:
            raise ValidationError(_("The registration is no longer confirmed."), code="not_confirmed")
        if request.passport_erased_at is not None:
            raise ValidationError(_("The passport details have been erased."), code="erased")
        request.number = _next_number(letter_settings(event=request.event), request.event)
        request.status = VisaLetterStatus.APPROVED
        request.decided_at = timezone.now()
        request.decided_by = by
        request.reason = ""
        request.save(update_fields=["number", "status", "decided_at", "decided_by", "reason", "updated_at"])
        request_id = request.pk
        transaction.on_commit(lambda: send_visa_letter.delay(request_id=request_id))
    return request


def visa_requests_approve(*, requests: Iterable[VisaLetterRequest], by: AbstractBaseUser) -> tuple[int, list[str]]:
    """Approve many, each in its own transaction. Returns how many were
    approved and, for the others, why not."""
    done, problems = 0, []
    for request in requests:
        try:
            visa_request_approve(request=request, by=by)
        except ValidationError as error:
            problems.append(f"{request.registration.reference}: {' '.join(error.messages)}")
        else:
            done += 1
    return done, problems


def visa_request_reject(*, request: VisaLetterRequest, by: AbstractBaseUser, reason: str) -> VisaLetterRequest:
    """Refuse a waiting request; the reason is emailed to the participant."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the request is rejected: the participant is told.")})
    with transaction.atomic():
        request = locked(request)
        _check_organiser(request, by)
        if request.status != VisaLetterStatus.REQUESTED:
            raise ValidationError(_("Only a request that waits can be rejected."), code="not_waiting")
        request.status = VisaLetterStatus.REJECTED
        request.reason = reason
        request.decided_at = timezone.now()
        request.decided_by = by
        request.save(update_fields=["status", "reason", "decided_at", "decided_by", "updated_at"])
        queue_email(request, kind=EMAIL_REJECTED, template="visas/emails/rejected")
    return request


def visa_letter_withdraw(
    *, request: VisaLetterRequest, by: AbstractBaseUser | None, reason: str = "", notify: bool = True
) -> VisaLetterRequest:
    """Withdraw an issued letter (its verification page then says
    "withdrawn"), or close a request still waiting. ``by`` None: the site
    itself (the registration was cancelled)."""
    with transaction.atomic():
        request = locked(request)
        if by is not None:
            _check_organiser(request, by)
        if request.status not in (VisaLetterStatus.APPROVED, VisaLetterStatus.REQUESTED):
            raise ValidationError(_("This letter is not active."), code="inactive")
        was_issued = request.status == VisaLetterStatus.APPROVED
        request.status = VisaLetterStatus.WITHDRAWN
        request.reason = (reason or "").strip()
        request.decided_at = timezone.now()
        request.decided_by = by
        request.save(update_fields=["status", "reason", "decided_at", "decided_by", "updated_at"])
        if was_issued:
            _cancel_letter_emails(request, reason="withdrawn before it was sent")
        if was_issued and notify:
            queue_email(request, kind=EMAIL_WITHDRAWN, template="visas/emails/withdrawn")
    return request


def passport_data_erase(*, request: VisaLetterRequest) -> bool:
    """Erase the passport details of a request (the retention period is over,
    or the person is forgotten); its number and status stay, so a letter's
    verification page still answers. True when something was erased."""
    with transaction.atomic():
        request = VisaLetterRequest.objects.select_for_update().defer(*PASSPORT_FIELDS).get(pk=request.pk)
        if request.passport_erased_at is not None:
            return False
        for field in PASSPORT_FIELDS:
            setattr(request, field, None)
        request.passport_erased_at = timezone.now()
        request.save(update_fields=[*PASSPORT_FIELDS, "passport_erased_at", "updated_at"])
        # A letter email not sent yet (its server failed) holds the PDF: never sent now.
        _cancel_letter_emails(request, reason="passport details erased before it was sent")
    return True


def _cancel_letter_emails(request: VisaLetterRequest, *, reason: str) -> None:
    """The letter's emails not sent yet (queued, retrying, failed) are
    cancelled, their PDF dropped: no one can resend a letter that is no
    longer valid, or the passport details it prints."""
    email_cancel(
        OutgoingEmail.objects.filter(registration_id=request.registration_id, kind=EMAIL_LETTER), reason=reason
    )
