"""Celery tasks of the registration outbox. Each task is idempotent: it
claims its ``OutgoingEmail`` row with a conditional UPDATE, so a task that
runs twice (redelivery, sweep) sends one email."""

import logging
import smtplib
from datetime import timedelta

from celery import shared_task
from django.db.models import F, Q
from django.utils import timezone

from registration.models import EmailStatus, OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# Re-queue mail still queued after this long (the broker was down) ...
QUEUED_AFTER = timedelta(seconds=60)
# ... and mail claimed by a worker that died before it finished.
STALE_AFTER = timedelta(minutes=5)
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError, TimeoutError)


def backoff_seconds(attempt: int) -> int:
    """10 s, 20 s, 40 s, 80 s, 160 s ... capped at 10 minutes."""
    return min(10 * 2 ** max(attempt - 1, 0), 600)


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, acks_late=True)
def send_outgoing_email(self, *, email_id: int) -> str:
    """Send one outbox email, once. Returns what happened (for logs and tests)."""
    from registration.emails import build_message

    claimed = OutgoingEmail.objects.filter(pk=email_id, status__in=(EmailStatus.QUEUED, EmailStatus.RETRYING)).update(
        status=EmailStatus.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    email = OutgoingEmail.objects.select_related("registration__event", "registration__category").get(pk=email_id)
    if email.registration is None:
        OutgoingEmail.objects.filter(pk=email_id).update(status=EmailStatus.FAILED, last_error="registration deleted")
        return "failed"
    message = build_message(email)
    try:
        message.send()
    except TRANSIENT_ERRORS as error:
        error_text = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts >= MAX_ATTEMPTS:
            OutgoingEmail.objects.filter(pk=email_id).update(
                status=EmailStatus.FAILED, last_error=error_text, updated_at=timezone.now()
            )
            logger.error("Email %s failed after %s attempts: %s", email_id, email.attempts, error_text)
            return "failed"
        OutgoingEmail.objects.filter(pk=email_id).update(
            status=EmailStatus.RETRYING, last_error=error_text, updated_at=timezone.now()
        )
        if self.request.is_eager or self.request.called_directly:
            # No worker to retry later in-process; the outbox sweep picks it up.
            return "retrying"
        raise self.retry(countdown=backoff_seconds(email.attempts), exc=error) from error
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=EmailStatus.SENT, subject=message.subject[:255], sent_at=timezone.now(), last_error=""
    )
    return "sent"


@shared_task
def sweep_outbox(*, queued_after_seconds: int | None = None, stale_after_seconds: int | None = None) -> int:
    """Re-queue mail left queued (broker down when it was written), waiting
    for a retry that was lost, or claimed by a worker that died. Safe to run
    at any time: the send task claims each row once."""
    now = timezone.now()
    queued_after = timedelta(seconds=queued_after_seconds) if queued_after_seconds is not None else QUEUED_AFTER
    stale_after = timedelta(seconds=stale_after_seconds) if stale_after_seconds is not None else STALE_AFTER
    # A worker that died mid-send leaves the row claimed: hand it back.
    dead = list(
        OutgoingEmail.objects.filter(status=EmailStatus.SENDING, updated_at__lt=now - stale_after).values_list(
            "pk", flat=True
        )
    )
    OutgoingEmail.objects.filter(pk__in=dead, status=EmailStatus.SENDING).update(
        status=EmailStatus.RETRYING, updated_at=now
    )
    waiting = OutgoingEmail.objects.filter(
        Q(status=EmailStatus.QUEUED, updated_at__lt=now - queued_after)
        | Q(status=EmailStatus.RETRYING, updated_at__lt=now - stale_after)
    ).values_list("pk", flat=True)
    ids = sorted({*dead, *waiting[:5000]})
    # Stamp them, so the next sweeps leave them alone while their task waits in the broker.
    OutgoingEmail.objects.filter(pk__in=ids, status__in=(EmailStatus.QUEUED, EmailStatus.RETRYING)).update(
        updated_at=now
    )
    for email_id in ids:
        send_outgoing_email.delay(email_id=email_id)
    return len(ids)
