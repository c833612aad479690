"""The site's one outbox: every email it sends (registration, speakers,
reminders, bulk and account mail) goes through here.

A caller renders its message (``home.emails.render_email``, in the
recipient's language) inside the transaction that causes it and hands it to
:func:`email_queue`, which stores it as an ``OutgoingEmail`` row in that
transaction and queues ``home.tasks.send_outgoing_email`` once it commits:
a rolled-back change mails nobody, a committed one always does (the beat
task ``home.tasks.sweep_outbox`` sends what the broker lost). The task sends
the stored message as it is, once."""

from __future__ import annotations

import base64
import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation

from home.models import EmailStatus, OutgoingEmail

logger = logging.getLogger(__name__)

SUPPORTED_ALTERNATIVES = {"text/html"}


def _stored_attachments(message: EmailMessage) -> list[dict]:
    stored = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise ValueError("The outbox stores attachments given as (filename, content, mimetype) only.")
        filename, content, mimetype = attachment
        raw = content.encode() if isinstance(content, str) else bytes(content)
        stored.append({"filename": filename, "mimetype": mimetype, "content": base64.b64encode(raw).decode("ascii")})
    return stored


def _stored_html(message: EmailMessage) -> str:
    html = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype not in SUPPORTED_ALTERNATIVES:
            raise ValueError(f"The outbox cannot store an alternative of type {mimetype}.")
        html = content
    return html


def _fields(message: EmailMessage, *, kind: str, event, registration, language: str) -> dict:
    """The row's fields for ``message``, or ValueError before anything is written."""
    if not message.to:
        raise ValueError("An email needs at least one recipient.")
    if message.cc or message.bcc:
        raise ValueError("The outbox sends to the To addresses only (no Cc or Bcc).")
    if not kind:
        raise ValueError("Name the kind of email.")
    headers = dict(message.extra_headers)
    if message.reply_to:
        headers.setdefault("Reply-To", ", ".join(message.reply_to))
    return {
        "kind": kind,
        "event": event,
        "registration": registration,
        "to": message.to[0],
        "recipients": list(message.to),
        "from_email": message.from_email or "",
        "language": language or translation.get_language() or "en",
        "subject": message.subject,
        "text_body": message.body,
        "html_body": _stored_html(message),
        "attachments": _stored_attachments(message),
        "headers": headers,
    }


def email_queue(
    message: EmailMessage,
    *,
    kind: str,
    event=None,
    registration=None,
    dedupe_key: str | None = None,
    language: str = "",
    holds_secret: bool = False,
) -> OutgoingEmail:
    """Store ``message`` in the outbox and send it once the transaction commits.

    With a ``dedupe_key`` ("this reminder of this invitation") the message is
    queued at most once, ever: when a row with that key exists, nothing is
    written and that row is returned. ``holds_secret``: the message carries a
    secret link, and its bodies are cleared once it is sent."""
    fields = _fields(message, kind=kind, event=event, registration=registration, language=language)
    fields["holds_secret"] = holds_secret
    if dedupe_key is None:
        email = OutgoingEmail.objects.create(**fields)
    else:
        # get_or_create inserts in a savepoint and, when a concurrent writer
        # took the key first (IntegrityError), returns that row: the
        # caller's transaction stays usable.
        email, created = OutgoingEmail.objects.get_or_create(dedupe_key=dedupe_key, defaults=fields)
        if not created:
            return email
    _publish_on_commit(email.pk)
    return email


def email_resend(*, email: OutgoingEmail) -> OutgoingEmail:
    """Send a failed email again, from the admin: the same row is queued
    again, attempts from zero (it never arrived). Any other email is left
    alone: a sent one holds what was true when it was written (an
    invitation's link since replaced, a confirmation since cancelled), so
    sending it again is the service's job (``registration_resend_confirmation``,
    ``invitation_resend``), which writes a new, current one. Returns the row."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email.pk)
        if email.status != EmailStatus.FAILED:
            return email
        email.status = EmailStatus.QUEUED
        email.attempts = 0
        email.last_error = ""
        email.save(update_fields=["status", "attempts", "last_error", "updated_at"])
        _publish_on_commit(email.pk)
    return email


UNSENT = (EmailStatus.QUEUED, EmailStatus.RETRYING, EmailStatus.FAILED)


def email_cancel(emails, *, reason: str) -> int:
    """Never send these emails (those not sent yet): what they said is no
    longer true (a letter withdrawn, a person anonymised). Their bodies and
    attachments are cleared; the rows stay, cancelled, with ``reason``,
    and cannot be resent. Returns how many were cancelled."""
    return emails.filter(status__in=UNSENT).update(
        status=EmailStatus.CANCELLED,
        last_error=reason,
        text_body="",
        html_body="",
        attachments=[],
        updated_at=timezone.now(),
    )


def _publish_on_commit(email_id: int) -> None:
    transaction.on_commit(lambda: email_publish(email_id=email_id))


def email_publish(*, email_id: int) -> bool:
    """Queue the send task. When the broker is down this fails at once
    (one connection attempt, no publish retries) instead of holding the
    request: the row stays queued and the outbox sweep sends it."""
    from celery import current_app

    from home.tasks import send_outgoing_email

    try:
        if current_app.conf.task_always_eager:
            send_outgoing_email.delay(email_id=email_id)
            return True
        with current_app.pool.acquire(block=True, timeout=2) as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
            send_outgoing_email.apply_async(kwargs={"email_id": email_id}, connection=connection, retry=False)
        return True
    except Exception:  # noqa: BLE001 - broker down: the outbox sweep sends it later
        logger.warning("Could not queue email %s; the outbox sweep will send it", email_id, exc_info=True)
        return False
