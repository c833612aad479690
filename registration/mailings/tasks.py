"""The delivery of messages to participants (``registration.mailings.services``)."""

from celery import current_app, shared_task

from registration.mailings.delivery import batch_size, mailing_deliver_batch, mailings_sending
from registration.mailings.reminders import reminders_send


@shared_task
def deliver_mailings() -> int:
    """Every ``DELIVERY_INTERVAL`` seconds (beat), and once when a message
    is sent: the next batch of each message being sent. Without a broker
    (tasks run in the web process) it writes them all at once."""
    written = 0
    for mailing_id in mailings_sending():
        while True:
            count = mailing_deliver_batch(mailing_id=mailing_id, size=batch_size())
            written += count
            if not (count and current_app.conf.task_always_eager):
                break
    return written


@shared_task
def send_event_reminders() -> int:
    """Hourly (beat): the reminders before events that are due."""
    return reminders_send()
