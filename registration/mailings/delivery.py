"""The delivery of messages to participants, at a steady rate.

``mailing_deliver_batch`` writes the next people's emails through the
outbox, each once (the row is claimed under a lock, and the outbox key is
the message and the person). The beat task calls it every
``DELIVERY_INTERVAL`` seconds with a batch sized so that mail leaves at
``MAILING_RATE_PER_MINUTE``: a rate the mail server and the recipients'
providers accept."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe

from home.emails import render_email
from home.outbox import email_queue
from registration.emails import badge_url
from registration.mailings.models import Mailing, MailingRecipient, MailingStatus
from registration.mailings.placeholders import fill
from registration.models import Registration, RegistrationStatus
from sessions.i18n import event_title

DELIVERY_INTERVAL = 10  # seconds between the beat task's runs
EMAIL_KIND = "mailing"


def rate_per_minute() -> int:
    return max(1, settings.MAILING_RATE_PER_MINUTE)


def batch_size() -> int:
    """How many emails one run writes: the rate over one interval."""
    return max(1, rate_per_minute() * DELIVERY_INTERVAL // 60)


def render_for(mailing: Mailing, registration: Registration, language: str | None = None):
    """The email ``registration`` gets: the text in their language where
    written, placeholders filled in."""
    subject, body, language = mailing.text_in(language or registration.preferred_language)
    event = mailing.event
    with translation.override(language):
        name = event_title(event, language)
        confirmed = registration.status == RegistrationStatus.CONFIRMED
        values = {
            "first_name": registration.first_name,
            "last_name": registration.last_name,
            "reference": registration.reference,
            "badge_link": badge_url(registration) if confirmed else "",
            "event": str(name),
        }
        context = {
            "subject": fill(subject, values),
            "text": fill(body, values),
            "html": mark_safe(linebreaks(fill(escape(body), {key: escape(value) for key, value in values.items()}))),  # noqa: S308 - escaped above
            "event_name": name,
        }
    message = render_email("mailings/emails/message", context, to=[registration.email], language=language)
    return message, language


def mailing_deliver_batch(*, mailing_id: int, size: int, now: datetime.datetime | None = None) -> int:
    """Write the next ``size`` people's emails of a message being sent;
    when none is left, the message is sent. Returns how many were written."""
    now = now or timezone.now()
    with transaction.atomic():
        mailing = Mailing.objects.select_related("event").filter(pk=mailing_id, status=MailingStatus.SENDING).first()
        if mailing is None:
            return 0
        batch = list(
            MailingRecipient.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(mailing=mailing, queued_at__isnull=True)
            .select_related("registration")
            .order_by("pk")[:size]
        )
        for recipient in batch:
            recipient.queued_at = now
            person = recipient.registration
            # Erased since it was sent (nobody to write to), or no longer in
            # the group (cancelled, rejected meanwhile): not written to.
            if not person.email or person.status not in mailing.statuses:
                continue
            message, language = render_for(mailing, person, recipient.language)
            recipient.email = email_queue(
                message,
                kind=EMAIL_KIND,
                event=mailing.event,
                registration=person,
                dedupe_key=f"mailing-{mailing.pk}-{person.pk}",
                language=language,
            )
        MailingRecipient.objects.bulk_update(batch, ["email", "queued_at"])
        if not batch and not MailingRecipient.objects.filter(mailing=mailing, queued_at__isnull=True).exists():
            Mailing.objects.filter(pk=mailing.pk, status=MailingStatus.SENDING).update(
                status=MailingStatus.SENT, finished_at=now
            )
    return len(batch)


def mailings_sending() -> list[int]:
    return list(
        Mailing.objects.filter(status=MailingStatus.SENDING).order_by("sent_at", "pk").values_list("pk", flat=True)
    )
