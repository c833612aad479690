"""Celery tasks for speaker invitations. Their emails go through the site's
outbox (``home.outbox``), written by the services; this is the beat task
that finds what is due."""

from celery import shared_task
from django.utils import timezone

from speakers.selectors import invitations_due_for_reminder
from speakers.services import invitation_expire_overdue, invitation_queue_reminder, reminder_days


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
