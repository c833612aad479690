"""Operations on delegations: inviting the focal point, the seats, the
nominations, the note verbale, the organisers' approval and reminders.

Each is one transaction that starts by locking the delegation's row
(``select_for_update``); the registration services it calls then lock the
event's ``RegistrationSettings`` and the category or registration, in that
order, so every path takes the locks in one order. The quota is counted
under the delegation's lock: two nominations racing for the last seat
serialise and the second is refused. Every change is written to the
delegation's log (``DelegationLogEntry``) and every email to the outbox
(``home.outbox``), in the focal point's language, in the same transaction."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.emails import absolute_url, render_email
from home.outbox import email_queue
from home.tokens import hash_token, new_salt, token_for_salt
from registration.delegations import selectors
from registration.delegations.models import (
    NOTE_VERBALE_MAX_BYTES,
    Delegation,
    DelegationLogEntry,
    DelegationQuota,
    Nomination,
)
from registration.models import Category, Registration, RegistrationStatus
from registration.services import (
    ACTIVE_STATUSES,
    AlreadyRegistered,
    registration_approve,
    registration_cancel,
    registration_register,
    registration_update,
)

logger = logging.getLogger(__name__)

# What the invitation links' tokens are for (``home.tokens``).
TOKEN_PURPOSE = "delegations.invitation"
# A focal point is reminded at most once in this interval.
REMINDER_INTERVAL = datetime.timedelta(days=1)
EXTRA_SEATS_MAX = 100
PDF_SIGNATURE = b"%PDF-"
# The details a focal point gives for a delegate (the rest is the person's own).
NOMINEE_FIELDS = (
    "honorific",
    "first_name",
    "last_name",
    "position",
    "email",
    "organisation",
    "country",
    "attendance_mode",
    "preferred_language",
)


class InvitationTaken(Exception):
    """Another account already accepted this focal point's invitation."""


def _closed_error() -> ValidationError:
    return ValidationError(_("Nominations are closed for this event."), code="closed")


def _already_registered() -> ValidationError:
    return ValidationError({"email": _("This person is already registered for this event.")})


# --- helpers ---------------------------------------------------------------------------


def _lock(delegation: Delegation) -> Delegation:
    return Delegation.objects.select_for_update(of=("self",)).select_related("event").get(pk=delegation.pk)


def _log(delegation: Delegation, action: str, *, by, detail: str = "") -> DelegationLogEntry:
    author = by if by is not None and getattr(by, "is_authenticated", False) else None
    return DelegationLogEntry.objects.create(delegation=delegation, action=action, by=author, detail=str(detail))


def _check_open(delegation: Delegation) -> None:
    if not selectors.nominations_are_open(selectors.nominations_close_at(delegation.event_id)):
        raise _closed_error()


def invitation_link_token(delegation: Delegation) -> str:
    return token_for_salt(delegation.token_salt, purpose=TOKEN_PURPOSE)


def _rotate_token(delegation: Delegation) -> None:
    delegation.token_salt = new_salt()
    delegation.token_hash = hash_token(invitation_link_token(delegation))


def _queue_to_focal_point(delegation: Delegation, template: str, *, kind: str, dedupe_key: str) -> None:
    """The focal point's email, in their language; the invitation link is
    in it while the invitation is not accepted (the outbox then forgets it
    once sent), the delegation's page afterwards."""
    if delegation.accepted_at is None:
        link = absolute_url(reverse("delegations:invitation", kwargs={"token": invitation_link_token(delegation)}))
    else:
        link = absolute_url(reverse("delegations:detail", kwargs={"delegation_id": delegation.pk}))
    context = {
        "delegation": delegation,
        "event": delegation.event,
        "seats": selectors.delegation_seats(delegation),
        "close_at": selectors.nominations_close_at(delegation.event_id),
        "link": link,
    }
    message = render_email(template, context, to=[delegation.focal_point_email], language=delegation.language)
    email_queue(
        message,
        kind=kind,
        event=delegation.event,
        dedupe_key=dedupe_key,
        language=delegation.language,
        holds_secret=delegation.accepted_at is None,
    )


# --- the delegation and its focal point ------------------------------------------------


def _check_new_delegation(event, country: str, organisation: str, quotas: dict[Category, int]) -> None:
    errors = {}
    if bool(country) == bool(organisation):
        errors["country"] = _("Give either a country or an organisation.")
    elif country and Delegation.objects.filter(event=event, country=country).exists():
        errors["country"] = _("This country already has a delegation at this event.")
    elif organisation and Delegation.objects.filter(event=event, organisation__iexact=organisation).exists():
        errors["organisation"] = _("This organisation already has a delegation at this event.")
    if any(category.event_id != event.pk for category in quotas):
        errors["quotas"] = _("Every category must belong to the event.")
    elif sum(quotas.values()) < 1:
        errors["quotas"] = _("Give the delegation at least one seat.")
    if errors:
        raise ValidationError(errors)


def delegation_create(
    *,
    event,
    focal_point_name: str,
    focal_point_email: str,
    quotas: dict[Category, int],
    by,
    country: str = "",
    organisation: str = "",
    language: str = "en",
) -> Delegation:
    """A delegation of a country or an organisation to the event, with its
    seats per category; its focal point is invited by email at once."""
    organisation = organisation.strip()
    _check_new_delegation(event, country, organisation, quotas)
    with transaction.atomic():
        delegation = Delegation(
            event=event,
            country=country,
            organisation=organisation,
            focal_point_name=focal_point_name.strip(),
            focal_point_email=focal_point_email.strip(),
            language=language,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        _rotate_token(delegation)
        delegation.full_clean(exclude=["event", "focal_point", "created_by"], validate_constraints=False)
        try:
            with transaction.atomic():
                delegation.save()
        except IntegrityError as error:  # another organiser created it meanwhile
            raise ValidationError({"country": _("This delegation already exists at this event.")}) from error
        DelegationQuota.objects.bulk_create(
            DelegationQuota(delegation=delegation, category=category, seats=seats)
            for category, seats in quotas.items()
            if seats
        )
        seats = ", ".join(f"{category.name}: {seats}" for category, seats in quotas.items() if seats)
        _log(delegation, DelegationLogEntry.Action.CREATED, by=by, detail=seats)
        _invite(delegation, by=by)
    return delegation


def _invite(delegation: Delegation, *, by) -> None:
    delegation.invited_at = timezone.now()
    delegation.save(update_fields=["token_salt", "token_hash", "invited_at", "updated_at"])
    _queue_to_focal_point(
        delegation,
        "delegations/emails/invitation",
        kind="delegation_invitation",
        dedupe_key=f"delegations.{delegation.pk}.invitation.{delegation.token_hash}",
    )
    _log(delegation, DelegationLogEntry.Action.INVITED, by=by, detail=delegation.focal_point_email)


def delegation_invite(*, delegation: Delegation, by) -> Delegation:
    """Send the focal point's invitation again with a new link; the old link
    stops working. Refused once the invitation is accepted."""
    with transaction.atomic():
        delegation = _lock(delegation)
        if delegation.accepted_at is not None:
            raise ValidationError(_("The focal point has already accepted the invitation."), code="accepted")
        _rotate_token(delegation)
        _invite(delegation, by=by)
    return delegation


def delegation_accept(*, delegation: Delegation, user) -> Delegation:
    """Link the signed-in account to the delegation as its focal point.
    Accepting again changes nothing; raises ``InvitationTaken`` when another
    account accepted first."""
    with transaction.atomic():
        delegation = _lock(delegation)
        if delegation.focal_point_id == user.pk:
            return delegation
        if delegation.focal_point_id is not None:
            raise InvitationTaken
        delegation.focal_point = user
        delegation.accepted_at = timezone.now()
        delegation.save(update_fields=["focal_point", "accepted_at", "updated_at"])
        _log(delegation, DelegationLogEntry.Action.ACCEPTED, by=user, detail=user.email)
    return delegation


def delegation_remind(
    *, delegations: Iterable[Delegation], by, now: datetime.datetime | None = None
) -> list[Delegation]:
    """Remind each focal point whose delegation holds no active nomination,
    at most once a day each; returns the delegations reminded."""
    now = now or timezone.now()
    reminded = []
    with transaction.atomic():
        for delegation in sorted(delegations, key=lambda delegation: delegation.pk):
            delegation = _lock(delegation)
            if selectors.active_nominations(delegation).exists():
                continue
            if delegation.last_reminded_at is not None and now - delegation.last_reminded_at < REMINDER_INTERVAL:
                continue
            delegation.last_reminded_at = now
            delegation.save(update_fields=["last_reminded_at", "updated_at"])
            _queue_to_focal_point(
                delegation,
                "delegations/emails/reminder",
                kind="delegation_reminder",
                dedupe_key=f"delegations.{delegation.pk}.reminder.{now.date().isoformat()}",
            )
            _log(delegation, DelegationLogEntry.Action.REMINDED, by=by, detail=delegation.focal_point_email)
            reminded.append(delegation)
    return reminded


def delegation_quotas_set(*, delegation: Delegation, seats: dict[Category, int], by) -> Delegation:
    """Raise or lower the delegation's seats per category, never below the
    seats its active nominations use. ``seats`` maps a category of the event
    to its new number (0 takes a category's seats away). Raising any answers
    the focal point's request for extra seats, which is then cleared."""
    with transaction.atomic():
        delegation = _lock(delegation)
        current = {quota.category_id: quota for quota in DelegationQuota.objects.filter(delegation=delegation)}
        used = {row.category.pk: row.used for row in selectors.delegation_seats(delegation)}
        errors, changes, raised = {}, [], False
        for category, number in seats.items():
            if category.event_id != delegation.event_id:
                errors[f"seats_{category.pk}"] = _("This category does not belong to the event.")
                continue
            if number < used.get(category.pk, 0):
                errors[f"seats_{category.pk}"] = _(
                    "There are %(used)s active nominations in this category: the seats cannot be fewer."
                ) % {"used": used[category.pk]}
                continue
            quota = current.get(category.pk)
            before = quota.seats if quota else 0
            if number == before:
                continue
            if quota is None:
                DelegationQuota.objects.create(delegation=delegation, category=category, seats=number)
            elif number == 0:
                quota.delete()
            else:
                quota.seats = number
                quota.save(update_fields=["seats"])
            changes.append(f"{category.name}: {before} → {number}")
            raised = raised or number > before
        if errors:
            raise ValidationError(errors)
        if changes:
            _log(delegation, DelegationLogEntry.Action.QUOTA_CHANGED, by=by, detail="; ".join(changes))
        if raised and delegation.extra_seats_requested:
            delegation.extra_seats_requested, delegation.extra_seats_reason = 0, ""
            delegation.save(update_fields=["extra_seats_requested", "extra_seats_reason", "updated_at"])
    return delegation


def delegation_approve(
    *, delegation: Delegation, by, nominations: Iterable[Nomination] | None = None
) -> tuple[int, list[str]]:
    """Approve the delegation's nominees awaiting approval (all of them, or
    the given nominations of this delegation), each through
    ``registration_approve``. Returns how many were approved and why the
    others were not; one refusal does not undo the others."""
    with transaction.atomic():
        delegation = _lock(delegation)
        pending = Nomination.objects.filter(
            delegation=delegation, registration__status=RegistrationStatus.PENDING
        ).select_related("registration__event")
        if nominations is not None:
            pending = pending.filter(pk__in=[nomination.pk for nomination in nominations])
        approved, problems = [], []
        for nomination in pending.order_by("created_at", "pk"):
            registration = nomination.registration
            try:
                registration_approve(registration=registration, by=by)
            except ValidationError as error:
                problems.append(f"{registration.full_name}: {' '.join(error.messages)}")
            else:
                approved.append(registration.full_name)
        if approved:
            _log(delegation, DelegationLogEntry.Action.APPROVED, by=by, detail=", ".join(approved))
    return len(approved), problems


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
