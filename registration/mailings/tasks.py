"""The beat tasks of messages to participants: their delivery
(``registration.mailings.delivery``) and the reminders before events
(``registration.mailings.reminders``)."""

from celery import current_app, shared_task

from registration.mailings.delivery import batch_size, mailing_deliver_batch, mailings_sending
from registration.mailings.reminders import reminders_send


@shared_task
def deliver_mailings() -> int:
    """Every ``DELIVERY_INTERVAL`` seconds (beat): the next batch of the
    messages being sent, oldest first, ``batch_size()`` emails in all
    whatever the number of messages (the site's rate, not each message's).
    Without a broker (tasks run in the web process, no beat) it writes
    them all at once."""
    eager = current_app.conf.task_always_eager
    written = 0
    while True:
        budget = batch_size()
        for mailing_id in mailings_sending():
            if budget <= 0:
                break
            count = mailing_deliver_batch(mailing_id=mailing_id, size=budget)
            budget -= count
            written += count
        if not (eager and budget < batch_size()):
            return written


@shared_task
def send_event_reminders() -> int:
    """Hourly (beat): the reminders before events that are due."""
    return reminders_send()
