"""A message to a group delivered by a real Celery worker on Redis,
through the outbox: once to each person, none lost or doubled."""

import pytest

from home.models import OutgoingEmail
from registration.mailings import services
from registration.mailings.models import MailingStatus
from registration.mailings.tasks import deliver_mailings
from tests.factories import CategoryFactory, MailingFactory, make_event
from tests.helpers import bulk_registrations, make_event_organiser, wait_for


@pytest.mark.postgres
@pytest.mark.celery_worker
def test_a_message_reaches_each_person_of_the_group_once(celery_worker, page_root):
    event = make_event()
    bulk_registrations(event, CategoryFactory(event=event), 30)
    mailing = MailingFactory(event=event, subject="Doors open at 8:30", body="Dear {first_name},\nsee you tomorrow.")

    assert services.mailing_send(mailing=mailing, by=make_event_organiser(event)) == 30
    # What beat does every ten seconds: the worker writes the batch, then sends each email.
    assert deliver_mailings.delay().get(timeout=30) == 30
    sent = OutgoingEmail.objects.filter(kind="mailing", status="sent")
    assert wait_for(lambda: sent.count() == 30, timeout=60), celery_worker.log()
    # The beat's next run finds no one left, and closes the message.
    assert deliver_mailings.delay().get(timeout=30) == 0
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT

    messages = celery_worker.sent_messages()
    recipients = [line for message in messages for line in message.splitlines() if line.startswith("To: ")]
    assert len(messages) == 30, celery_worker.log()
    assert sorted(recipients) == sorted(f"To: bulk{event.pk}-{n}@example.org" for n in range(30))
    assert all("Subject: Doors open at 8:30" in message for message in messages)
