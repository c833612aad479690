"""Claiming: the registrations made for an email address (by an organiser,
a delegation list, a speaker's acceptance, a focal point's nomination)
become the person's when they sign in with that address verified, and
then they give the consent only they can give."""

from __future__ import annotations

import logging

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from home.privacy_notice import current_version
from registration.models import Registration, RegistrationLogEntry, RegistrationSettings
from registration.services.common import ACTIVE_STATUSES

logger = logging.getLogger(__name__)

CLAIM_REASON = _("Claimed by the account holder.")


def _unclaimed_for(user: AbstractBaseUser) -> QuerySet[Registration]:
    """Registrations without an account whose email is one of the user's
    verified addresses (case-insensitive), oldest first: one query, on the
    index of unclaimed addresses."""
    verified = EmailAddress.objects.filter(user=user, verified=True).annotate(lowered=Lower("email")).values("lowered")
    return (
        Registration.objects.annotate(email_lower=Lower("email"))
        .filter(user__isnull=True, email_lower__in=verified, status__in=ACTIVE_STATUSES)
        .order_by("created_at", "pk")
    )


def registrations_claim(*, user: AbstractBaseUser) -> list[Registration]:
    """Give the user the registrations made for their verified addresses.

    Idempotent, and its queries do not grow with the registrations: one
    when there is nothing to claim. The claims are made under the events'
    settings locks and the registrations' row locks, set ``user`` and
    ``claimed_at``, and are each recorded in the registration's log
    (status unchanged). A registration
    for an event where the account already has one stays unclaimed (one
    registration per person per event), as does the later of two made for
    one event under two of the user's addresses. Returns those claimed now."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.pk:
        return []
    event_ids = sorted(set(_unclaimed_for(user).values_list("event_id", flat=True)))
    if not event_ids:
        return []
    with transaction.atomic():
        # The registration services' lock order: the events' settings rows
        # first (so the user registering for one of these events at this
        # moment waits, then finds this registration theirs), then the
        # registrations, read again: a claim running at the same time (a
        # sign-in and a page visit) waits here and then finds them taken.
        list(RegistrationSettings.objects.select_for_update().filter(event_id__in=event_ids).order_by("event_id"))
        candidates = list(_unclaimed_for(user).select_for_update(of=("self",)))
        if not candidates:
            return []
        events_held = set(
            Registration.objects.filter(user=user, event_id__in={c.event_id for c in candidates}).values_list(
                "event_id", flat=True
            )
        )
        claimable = []
        for registration in candidates:
            if registration.event_id not in events_held:
                events_held.add(registration.event_id)
                claimable.append(registration)
        if not claimable:
            return []
        now = timezone.now()
        try:
            with transaction.atomic():
                Registration.objects.filter(pk__in=[r.pk for r in claimable]).update(
                    user=user, claimed_at=now, updated_at=now
                )
        except IntegrityError:
            # The user registered for one of these events at this very
            # moment: that one stays unclaimed, the others are claimed one by one.
            claimable = [r for r in claimable if _claim_one(r, user=user, now=now)]
        else:
            for registration in claimable:
                registration.user, registration.claimed_at, registration.updated_at = user, now, now
        RegistrationLogEntry.objects.bulk_create(
            [
                RegistrationLogEntry(
                    registration=registration,
                    from_status=registration.status,
                    to_status=registration.status,
                    by=user,
                    reason=str(CLAIM_REASON),
                )
                for registration in claimable
            ]
        )
    return claimable


def _claim_one(registration: Registration, *, user: AbstractBaseUser, now) -> bool:
    try:
        with transaction.atomic():
            Registration.objects.filter(pk=registration.pk).update(user=user, claimed_at=now, updated_at=now)
    except IntegrityError:
        logger.info("Registration %s not claimed: the account holds one for its event", registration.pk)
        return False
    registration.user, registration.claimed_at, registration.updated_at = user, now, now
    return True


def registration_give_consent(
    *,
    registration: Registration,
    by: AbstractBaseUser,
    privacy_accepted: bool,
    privacy_notice_version=None,
    photo_consent: bool = False,
    list_consent: bool = False,
    gender: str = "",
) -> Registration:
    """The person's own consent for a registration made for them: the
    privacy notice (required), photos, being listed in the official list of
    participants, and their gender (given only with its consent). Only the
    account holder may give it; anyone else is refused."""
    if not privacy_accepted:
        raise ValidationError({"privacy_accepted": _("Please accept the privacy notice to go on.")})
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.user_id is None or by is None or by.pk != registration.user_id:
            raise ValidationError(_("Only the person registered can give this consent."), code="not_the_person")
        if registration.privacy_accepted_at is None:
            registration.privacy_accepted_at = timezone.now()
            registration.privacy_notice_version = privacy_notice_version or current_version(translation.get_language())
        registration.photo_consent = photo_consent
        registration.list_consent = list_consent
        registration.gender = gender
        # Only what the person gives here is checked: a field someone else
        # left invalid (a speaker's missing country) must not lock them out.
        registration.clean_fields(exclude=[f.name for f in Registration._meta.fields if f.name != "gender"])
        registration.save(
            update_fields=[
                "privacy_accepted_at",
                "privacy_notice_version",
                "photo_consent",
                "list_consent",
                "gender",
                "updated_at",
            ]
        )
    return registration
