"""Celery tasks of the site shell: the outbox's send and sweep, and the
delivery check. The send task is idempotent: it claims its ``OutgoingEmail``
row with a conditional UPDATE, so a task that runs twice (redelivery, sweep)
sends one email, and it holds no lock while it talks to the mail server."""

import logging
import smtplib
from datetime import timedelta

from celery import shared_task
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from home.models import EmailStatus, OutgoingEmail
from home.signals import render_legacy_email

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


def _finish(email_id: int, **fields) -> None:
    OutgoingEmail.objects.filter(pk=email_id).update(updated_at=timezone.now(), **fields)


def _legacy_message(email: OutgoingEmail):
    """A row from before the outbox stored messages, rendered by the app that wrote it."""
    for _receiver, message in render_legacy_email.send(sender=OutgoingEmail, email=email):
        if message is not None:
            return message
    return None


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, acks_late=True)
def send_outgoing_email(self, *, email_id: int) -> str:
    """Send one outbox email, once. Returns what happened (for logs and tests)."""
    claimed = OutgoingEmail.objects.filter(pk=email_id, status__in=(EmailStatus.QUEUED, EmailStatus.RETRYING)).update(
        status=EmailStatus.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    if email.needs_legacy_render:
        message = _legacy_message(email)
        if message is None:
            _finish(email_id, status=EmailStatus.FAILED, last_error="nothing to send (no stored message)")
            return "failed"
    else:
        message = email.message()
    try:
        message.send()
    except TRANSIENT_ERRORS as error:
        error_text = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts >= MAX_ATTEMPTS:
            _finish(email_id, status=EmailStatus.FAILED, last_error=error_text)
            logger.error("Email %s failed after %s attempts: %s", email_id, email.attempts, error_text)
            return "failed"
        _finish(email_id, status=EmailStatus.RETRYING, last_error=error_text)
        if self.request.is_eager or self.request.called_directly:
            # No worker to retry later in-process; the outbox sweep picks it up.
            return "retrying"
        raise self.retry(countdown=backoff_seconds(email.attempts), exc=error) from error
    except Exception as error:
        # Bad data, not a passing outage: retrying would fail the same way.
        _finish(email_id, status=EmailStatus.FAILED, last_error=f"{type(error).__name__}: {error}"[:2000])
        logger.exception("Email %s could not be sent", email_id)
        return "failed"
    forgotten = {"text_body": "", "html_body": "", "attachments": []} if email.holds_secret else {}
    _finish(
        email_id, status=EmailStatus.SENT, subject=message.subject, sent_at=timezone.now(), last_error="", **forgotten
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


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_test_email(*, to: str) -> str:
    """Send a test message through the worker: checks broker, worker and mail
    server together (``manage.py send_test_email``). It goes straight to the
    mail server, not through the outbox: it tests delivery itself."""
    send_mail(
        subject=_("Forum site: test email"),
        message=_("This message was sent by a Celery worker. Email delivery works."),
        from_email=None,
        recipient_list=[to],
    )
    return to


@shared_task
def send_email_message(*, payload: dict) -> None:
    """Kept for one release, for account mail queued under this name before
    the outbox carried it (it has no outbox row the sweep could recover):
    sent as that release sent it, straight to the mail server."""
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload.get("from_email"),
        to=payload["to"],
        headers=payload.get("headers") or {},
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    message.send()
