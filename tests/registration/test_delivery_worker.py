"""Confirmations delivered by a real Celery worker on Redis, once."""

import pytest

from home.models import OutgoingEmail
from home.tasks import send_outgoing_email, sweep_outbox
from tests.factories import CategoryFactory, RegistrationSettingsFactory, make_event
from tests.helpers import register, wait_for


@pytest.mark.postgres
@pytest.mark.celery_worker
def test_worker_sends_the_confirmation_once_even_when_the_task_runs_again(celery_worker, page_root):
    event = make_event()
    RegistrationSettingsFactory(event=event)
    registration = register(event, CategoryFactory(event=event), preferred_language="fr")
    email = OutgoingEmail.objects.get(registration=registration)

    assert wait_for(lambda: OutgoingEmail.objects.get(pk=email.pk).status == "sent"), celery_worker.log()
    send_outgoing_email.delay(email_id=email.pk)
    send_outgoing_email.delay(email_id=email.pk)
    sweep_outbox.delay(queued_after_seconds=0, stale_after_seconds=0)
    marker = send_outgoing_email.delay(email_id=987654321)
    assert marker.get(timeout=30) == "skipped"

    messages = celery_worker.sent_messages()
    assert len(messages) == 1, celery_worker.log()
    assert f"To: {registration.email}" in messages[0]
    assert "Subject: =?utf-8?q?Inscription_confirm=C3=A9e_=3A" in messages[0]
    assert f'filename="{event.slug}.ics"' in messages[0]
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 1)


@pytest.mark.postgres
@pytest.mark.celery_worker
def test_sweep_on_the_worker_sends_mail_left_queued(celery_worker, page_root):
    event = make_event()
    RegistrationSettingsFactory(event=event)
    category = CategoryFactory(event=event)
    registrations = [register(event, category) for _ in range(3)]
    assert wait_for(lambda: OutgoingEmail.objects.filter(status="sent").count() == 3), celery_worker.log()
    # As if the broker had been down when these were written: queued, never sent.
    OutgoingEmail.objects.filter(registration__in=registrations).update(status="queued", sent_at=None)
    for path in celery_worker.mail_dir.glob("*"):
        path.unlink()

    assert sweep_outbox.delay(queued_after_seconds=0).get(timeout=30) == 3

    assert wait_for(lambda: OutgoingEmail.objects.filter(status="sent").count() == 3), celery_worker.log()
    assert len(celery_worker.sent_messages()) == 3
