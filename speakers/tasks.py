"""Celery tasks for speaker invitations. Each takes keyword-only primary
keys, re-fetches, and returns quietly when the work is gone or done."""

import logging
import smtplib

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from home.emails import absolute_url, render_email
from speakers.models import Invitation, InvitationStatus
from speakers.selectors import invitations_due_for_reminder
from speakers.services import (
    invitation_expire_overdue,
    invitation_link_token,
    invitation_mark_sent,
    invitation_queue_reminder,
    reminder_days,
)
from speakers.tokens import hash_token

logger = logging.getLogger(__name__)
TRANSIENT = (smtplib.SMTPException, ConnectionError, TimeoutError)


def _context(invitation: Invitation) -> dict:
    token = invitation_link_token(invitation)
    sessions = list(invitation.sessions.select_related("room", "event").order_by("starts_at"))
    return {
        "invitation": invitation,
        "event": invitation.event,
        "sessions": sessions,
        "link": absolute_url(reverse("speakers:invitation", kwargs={"token": token})),
    }


@shared_task(bind=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def send_invitation_email(self, *, invitation_id: int) -> None:
    """Send the invitation email once per link (a resend rotates the link).

    The row stays locked while the message is handed to the mail server, so
    two deliveries of this task cannot both send; if sending fails, nothing
    is marked sent and the retry sends it."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",)).select_related("event").filter(pk=invitation_id).first()
        )
        if invitation is None or invitation.status != InvitationStatus.PENDING:
            return
        token_hash = hash_token(invitation_link_token(invitation))
        if invitation.sent_token_hash == token_hash:
            return
        render_email(
            "speakers/emails/invitation", _context(invitation), to=[invitation.email], language=invitation.language
        ).send()
        invitation_mark_sent(invitation=invitation, token_hash=token_hash)


@shared_task(bind=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def send_invitation_reminder(self, *, invitation_id: int, days_left: int) -> None:
    invitation = Invitation.objects.select_related("event").filter(pk=invitation_id).first()
    if invitation is None or invitation.status != InvitationStatus.PENDING:
        return
    context = {**_context(invitation), "days_left": days_left}
    render_email(
        "speakers/emails/invitation_reminder", context, to=[invitation.email], language=invitation.language
    ).send()


@shared_task(bind=True, autoretry_for=TRANSIENT, retry_backoff=True, max_retries=5)
def send_invitation_declined_email(self, *, invitation_id: int) -> None:
    """Tell the organiser who sent the invitation (or the event's contact) that it was declined."""
    invitation = Invitation.objects.select_related("event", "created_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.status != InvitationStatus.DECLINED:
        return
    recipient = (invitation.created_by.email if invitation.created_by else "") or invitation.event.contact_email
    if not recipient:
        logger.warning("Declined invitation %s has nobody to notify", invitation_id)
        return
    context = {
        "invitation": invitation,
        "event": invitation.event,
        "sessions": list(invitation.sessions.order_by("starts_at")),
        "admin_link": absolute_url(reverse("speakers_invitations:edit", args=[invitation.pk])),
    }
    render_email("speakers/emails/invitation_declined", context, to=[recipient]).send()


@shared_task
def send_invitation_reminders() -> dict:
    """Hourly (beat): expire overdue invitations, then queue the reminders due."""
    expired = invitation_expire_overdue()
    today = timezone.localdate()
    reminded = sum(
        invitation_queue_reminder(invitation=invitation, today=today)
        for invitation in invitations_due_for_reminder(today=today, days=reminder_days())
    )
    return {"expired": expired, "reminded": reminded}
