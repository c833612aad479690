"""Personal data writes: the purge of what is due (one transaction per
registration, retried), anonymising a registration, and a person deleting
their account.

Anonymising keeps what counts and statistics need (event, category,
status, country, attendance mode, check-in time and the log's steps) and
erases who the person was: names, email, organisation, position, gender,
needs, answers, the history of their details, every registered kind of
data (passport details...) and the emails the outbox kept for them."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import EmailStatus, OutgoingEmail
from registration.models import Registration, RegistrationLogEntry
from registration.privacy.kinds import NEEDS_FIELDS
from registration.privacy.models import RetentionLogEntry, RetentionRun
from registration.privacy.retention import PersonalData, personal_data
from registration.privacy.selectors import policy_of
from registration.services import ACTIVE_STATUSES, registration_cancel
from sessions.models import EventPage

logger = logging.getLogger(__name__)

ATTEMPTS = 3
ANONYMISED_NAME = "Anonymised"
ANONYMISED_REASON = "Personal data erased (anonymised)."
ACCOUNT_DELETED_REASON = "The person deleted their account."


# --- the purge --------------------------------------------------------------------------


def _due_kinds(event: EventPage, today: datetime.date) -> list[PersonalData]:
    policy = policy_of(event)
    return [
        kind
        for kind in personal_data()
        if kind.policy_field is not None
        and event.end_date + datetime.timedelta(days=getattr(policy, kind.policy_field)) <= today
    ]


def _erase_one(kind: PersonalData, registration_id: int) -> bool:
    """Erase one kind of data of one registration, in its own transaction,
    retried when the database gives up (a lock, a serialisation failure)."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                registration = Registration.objects.select_for_update().get(pk=registration_id)
                if not kind.holders(Registration.objects.filter(pk=registration_id)).exists():
                    return True  # erased meanwhile
                kind.erase(registration)
            return True
        except OperationalError:
            if attempt == ATTEMPTS:
                raise
    return False


def retention_apply(
    *, today: datetime.date, dry_run: bool = False, event: EventPage | None = None, by: AbstractBaseUser | None = None
) -> list[RetentionRun]:
    """Erase (or, dry, list) every kind of personal data whose period is
    over on ``today``, for one event or all; one run logged per event that
    had something to erase (the one asked for: always). A registration whose erasure fails keeps all of that
    kind of data (its transaction is rolled back) and is counted as failed."""
    events = [event] if event is not None else list(EventPage.objects.originals().filter(end_date__lt=today))
    runs = []
    for current in events:
        due = [
            (
                kind,
                list(
                    kind.holders(Registration.objects.filter(event=current))
                    .order_by("pk")
                    .values_list("pk", "reference")
                ),
            )
            for kind in _due_kinds(current, today)
        ]
        if event is None and not any(holders for _kind, holders in due):
            continue  # the scheduled run logs only events it erased something of
        run = RetentionRun.objects.create(today=today, dry_run=dry_run, event=current, by=by)
        entries = []
        for kind, holders in due:
            for registration_id, reference in holders:
                entry = RetentionLogEntry(run=run, event=current, kind=kind.key, reference=reference)
                if not dry_run:
                    try:
                        _erase_one(kind, registration_id)
                    except Exception as error:  # noqa: BLE001 - logged, the run goes on
                        entry.ok = False
                        entry.error = type(error).__name__
                        logger.exception("Erasing %s of registration %s failed", kind.key, reference)
                entries.append(entry)
        RetentionLogEntry.objects.bulk_create(entries)
        run.erased = sum(1 for entry in entries if entry.ok)
        run.failed = sum(1 for entry in entries if not entry.ok)
        run.finished_at = timezone.now()
        run.save(update_fields=["erased", "failed", "finished_at"])
        runs.append(run)
    return runs


# --- anonymising ------------------------------------------------------------------------


def _scrub_outbox(registration: Registration) -> None:
    emails = OutgoingEmail.objects.filter(registration=registration)
    # Mail not sent yet is not sent at all: its address is gone.
    emails.filter(status__in=(EmailStatus.QUEUED, EmailStatus.RETRYING)).update(
        status=EmailStatus.FAILED, last_error="anonymised before it was sent"
    )
    emails.update(
        to=registration.email,
        recipients=[],
        subject="",
        text_body="",
        html_body="",
        attachments=[],
        context={},
        headers={},
        updated_at=timezone.now(),
    )


def registration_anonymise(
    *, registration: Registration, by: AbstractBaseUser | None, reason: str = ""
) -> Registration:
    """Erase who the person of ``registration`` is; an active registration is
    cancelled first (its seat freed, the waiting list moved). Idempotent."""
    registration = Registration.objects.get(pk=registration.pk)
    if registration.anonymised_at is not None:
        return registration
    if registration.status in ACTIVE_STATUSES:
        try:
            registration_cancel(registration=registration, by=by, message=reason)
        except ValidationError:
            pass  # cancelled meanwhile
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.anonymised_at is not None:
            return registration
        for kind in personal_data():
            if kind.holders(Registration.objects.filter(pk=registration.pk)).exists():
                kind.erase(registration)
                registration.refresh_from_db()
        registration.honorific = ""
        registration.first_name = ""
        registration.last_name = ANONYMISED_NAME
        registration.email = f"anonymised-{registration.reference.lower()}@invalid"
        registration.organisation = ""
        registration.position = ""
        registration.gender = ""
        for field in NEEDS_FIELDS:
            setattr(registration, field, "")
        registration.photo_consent = False
        registration.list_consent = False
        registration.visa_letter_requested = False
        registration.user = None
        registration.anonymised_at = timezone.now()
        registration.save()
        registration.answers.all().delete()
        registration.detail_changes.all().delete()
        registration.log_entries.update(reason="")
        RegistrationLogEntry.objects.create(
            registration=registration,
            from_status=registration.status,
            to_status=registration.status,
            by=by if getattr(by, "is_authenticated", False) else None,
            reason=reason or ANONYMISED_REASON,
        )
        _scrub_outbox(registration)
    return registration


def event_anonymise(*, event: EventPage, by: AbstractBaseUser, today: datetime.date | None = None) -> int:
    """The organisers' purge of the rest, once the event is over: every
    registration of the event anonymised (each in its own transaction)."""
    today = today or timezone.localdate()
    if event.end_date >= today:
        raise ValidationError(_("The event has not ended yet: its registrations are still needed."))
    count = 0
    for registration in Registration.objects.filter(event=event, anonymised_at__isnull=True).order_by("pk"):
        registration_anonymise(registration=registration, by=by, reason=str(ANONYMISED_REASON))
        count += 1
    return count


# --- a person's account -----------------------------------------------------------------


def account_delete(*, user: AbstractBaseUser, registrations: Iterable[Registration] | None = None) -> int:
    """Delete a person's account: each registration of theirs anonymised and
    cancelled (it stays, for counts, with its log), then the account and
    what hangs on it (starred sessions, feed tokens, scanner tokens, email
    addresses). Returns how many registrations were anonymised."""
    registrations = list(registrations if registrations is not None else Registration.objects.filter(user=user))
    for registration in registrations:
        registration_anonymise(registration=registration, by=None, reason=ACCOUNT_DELETED_REASON)
    with transaction.atomic():
        # Registrations the account took meanwhile stay too, detached.
        Registration.objects.filter(user=user).update(user=None)
        user.delete()
    return len(registrations)
