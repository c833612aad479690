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

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import OutgoingEmail
from home.outbox import email_cancel
from registration.models import Registration, RegistrationLogEntry
from registration.privacy.kinds import NEEDS_FIELDS
from registration.privacy.models import RetentionLogEntry, RetentionRun
from registration.privacy.retention import PersonalData, account_erasures, personal_data
from registration.privacy.selectors import policy_of
from registration.services import ACTIVE_STATUSES, registration_cancel
from sessions.models import EventPage

logger = logging.getLogger(__name__)

ATTEMPTS = 3
LOCK_TIMEOUT = "5s"
ANONYMISED_NAME = "Anonymised"
ANONYMISED_REASON = "Personal data erased (anonymised)."
ACCOUNT_DELETED_REASON = "The person deleted their account."
DELETED_ADDRESS = "deleted-account@invalid"


# --- the purge --------------------------------------------------------------------------


def _due_kinds(event: EventPage, today: datetime.date) -> list[PersonalData]:
    policy = policy_of(event)
    return [
        kind
        for kind in personal_data()
        if kind.policy_field is not None
        and event.end_date + datetime.timedelta(days=getattr(policy, kind.policy_field)) <= today
    ]


def _erase_one(kind: PersonalData, registration_id: int, entry: RetentionLogEntry) -> None:
    """Erase one kind of data of one registration and log it, in one
    transaction (so what is erased is logged, and what is logged erased),
    retried when the database gives up (a lock, a serialisation failure)."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    # A transaction left open on the row must not hold the hourly purge for ever.
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_TIMEOUT])
                registration = Registration.objects.select_for_update().get(pk=registration_id)
                if kind.holders(Registration.objects.filter(pk=registration_id)).exists():
                    kind.erase(registration)
                entry.save()
            return
        except OperationalError:
            entry.pk = None
            if attempt == ATTEMPTS:
                raise
            logger.warning(
                "Erasing %s of registration %s: attempt %s failed, retrying", kind.key, entry.reference, attempt
            )


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
        planned, erased, failed = [], 0, 0
        for kind, holders in due:
            for registration_id, reference in holders:
                entry = RetentionLogEntry(run=run, event=current, kind=kind.key, reference=reference)
                if dry_run:
                    planned.append(entry)
                    continue
                try:
                    _erase_one(kind, registration_id, entry)
                    erased += 1
                except Exception as error:  # noqa: BLE001 - logged, the run goes on
                    entry.pk, entry.ok, entry.error = None, False, type(error).__name__
                    entry.save()
                    failed += 1
                    logger.exception("Erasing %s of registration %s failed", kind.key, reference)
        RetentionLogEntry.objects.bulk_create(planned)
        run.erased = len(planned) if dry_run else erased
        run.failed = failed
        run.finished_at = timezone.now()
        run.save(update_fields=["erased", "failed", "finished_at"])
        runs.append(run)
    return runs


# --- anonymising ------------------------------------------------------------------------


def _scrub_outbox(emails, *, to: str) -> None:
    """Keep only that these emails were sent (kind, when, status)."""
    # Mail not sent yet (or failed) is not sent at all: its address is gone.
    email_cancel(emails, reason="anonymised before it was sent")
    emails.update(
        to=to,
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
    """Erase who the person of ``registration`` is, in one transaction. An
    active registration of an event not over yet is cancelled first (its
    seat freed, the waiting list moved, a visa letter withdrawn); one of an
    event that is over keeps its status, which the figures count. Idempotent."""
    with transaction.atomic():
        registration = Registration.objects.select_related("event").get(pk=registration.pk)
        if registration.anonymised_at is not None:
            return registration
        if registration.status in ACTIVE_STATUSES and registration.event.end_date >= timezone.localdate():
            try:
                registration_cancel(registration=registration, by=by, message=reason)
            except ValidationError:
                pass  # cancelled meanwhile
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
        _scrub_outbox(OutgoingEmail.objects.filter(registration=registration), to=registration.email)
    return registration


def event_anonymise_check(*, event: EventPage, today: datetime.date | None = None) -> None:
    if event.end_date >= (today or timezone.localdate()):
        raise ValidationError(_("The event has not ended yet: its registrations are still needed."))


def event_anonymise(*, event: EventPage, by: AbstractBaseUser | None, today: datetime.date | None = None) -> int:
    """The organisers' purge of the rest, once the event is over: every
    registration of the event anonymised (each in its own transaction, its
    status kept for the figures; no one is told)."""
    event_anonymise_check(event=event, today=today)
    count = 0
    for registration in Registration.objects.filter(event=event, anonymised_at__isnull=True).order_by("pk"):
        registration_anonymise(registration=registration, by=by, reason=str(ANONYMISED_REASON))
        count += 1
    return count


# --- a person's account -----------------------------------------------------------------


def account_delete(*, user: AbstractBaseUser) -> int:
    """Delete a person's account, in one transaction: each registration of
    theirs anonymised (cancelled first if its event is still to come; it
    stays, for counts, with its log), what other parts hold about them
    erased (``register_account_erasure``), the mail sent to their addresses
    scrubbed, then the account and what hangs on it (starred sessions, feed
    tokens, scanner tokens, email addresses). Returns how many
    registrations were anonymised."""
    with transaction.atomic():
        registrations = list(Registration.objects.filter(user=user).order_by("pk"))
        for registration in registrations:
            registration_anonymise(registration=registration, by=None, reason=ACCOUNT_DELETED_REASON)
        for erase in account_erasures().values():
            erase(user)
        addresses = [address.email for address in EmailAddress.objects.filter(user=user, verified=True)]
        _scrub_outbox(OutgoingEmail.objects.filter(to__in=addresses, registration__isnull=True), to=DELETED_ADDRESS)
        user.delete()
    return len(registrations)
