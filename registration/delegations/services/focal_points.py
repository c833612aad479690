"""The organisers' side of a delegation: creating it with its seats,
inviting and reminding its focal point, the focal point accepting, seats
changed, nominations approved."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.delegations import selectors
from registration.delegations.models import (
    Delegation,
    DelegationLogEntry,
    DelegationQuota,
    Nomination,
)
from registration.delegations.services.common import (
    REMINDER_INTERVAL,
    InvitationTaken,
    _lock,
    _log,
    _queue_to_focal_point,
    _rotate_token,
)
from registration.models import Category, RegistrationStatus
from registration.services import (
    registration_approve,
)

logger = logging.getLogger(__name__)


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
        if not delegation.focal_point_email:
            raise ValidationError(
                _("The delegation has no focal point: give their name and email first."), code="no_focal_point"
            )
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
            if not delegation.focal_point_email or selectors.active_nominations(delegation).exists():
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
