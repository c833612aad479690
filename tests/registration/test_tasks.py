import datetime
import smtplib

import pytest
from django.utils import timezone

from home.models import OutgoingEmail
from home.tasks import MAX_ATTEMPTS, backoff_seconds, send_outgoing_email, sweep_outbox
from tests.helpers import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(event, reg_settings, category):
    register(event, category)
    return OutgoingEmail.objects.get()


def test_send_twice_sends_once(queued, mailoutbox):
    first = send_outgoing_email(email_id=queued.pk)
    second = send_outgoing_email(email_id=queued.pk)

    queued.refresh_from_db()
    assert (first, second) == ("sent", "skipped")
    assert (queued.status, queued.attempts, queued.subject) == ("sent", 1, mailoutbox[0].subject)
    assert queued.sent_at is not None
    assert len(mailoutbox) == 1


def test_send_of_a_missing_email_returns_quietly(db):
    assert send_outgoing_email(email_id=987654) == "skipped"


def test_smtp_failure_is_recorded_as_retrying(queued, mailoutbox, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)

    result = send_outgoing_email(email_id=queued.pk)

    queued.refresh_from_db()
    assert result == "retrying"
    assert (queued.status, queued.attempts) == ("retrying", 1)
    assert queued.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"


def test_failure_after_the_last_attempt_is_marked_failed(queued, monkeypatch):
    def refuse(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    OutgoingEmail.objects.filter(pk=queued.pk).update(attempts=MAX_ATTEMPTS - 1, status="retrying")

    result = send_outgoing_email(email_id=queued.pk)

    queued.refresh_from_db()
    assert result == "failed"
    assert (queued.status, queued.attempts) == ("failed", MAX_ATTEMPTS)
    assert queued.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"


def test_backoff_doubles_and_is_capped():
    assert [backoff_seconds(n) for n in (1, 2, 3, 4, 8, 20)] == [10, 20, 40, 80, 600, 600]


def test_sweep_requeues_old_queued_and_stale_sending_but_not_fresh_ones(event, reg_settings, category, mailoutbox):
    old_queued, stale_sending, fresh_queued, fresh_sending = (register(event, category).emails.get() for _ in range(4))
    long_ago = timezone.now() - datetime.timedelta(minutes=10)
    OutgoingEmail.objects.filter(pk=old_queued.pk).update(updated_at=long_ago)
    OutgoingEmail.objects.filter(pk=stale_sending.pk).update(status="sending", attempts=1, updated_at=long_ago)
    OutgoingEmail.objects.filter(pk=fresh_sending.pk).update(status="sending", attempts=1)

    requeued = sweep_outbox()

    statuses = dict(OutgoingEmail.objects.values_list("pk", "status"))
    assert requeued == 2
    assert statuses == {
        old_queued.pk: "sent",
        stale_sending.pk: "sent",
        fresh_queued.pk: "queued",
        fresh_sending.pk: "sending",
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted([old_queued.to, stale_sending.to])


def test_registration_survives_a_broker_that_is_down(
    event, reg_settings, category, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6399. Connection refused.")

    monkeypatch.setattr(send_outgoing_email, "delay", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, category)

    assert registration.status == "confirmed"
    assert list(OutgoingEmail.objects.values_list("status", flat=True)) == ["queued"]
    assert mailoutbox == []


def test_sweep_does_not_requeue_the_same_row_on_every_run(queued, monkeypatch):
    published = []
    monkeypatch.setattr(send_outgoing_email, "delay", lambda **kwargs: published.append(kwargs))
    OutgoingEmail.objects.filter(pk=queued.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=2))

    first, second = sweep_outbox(), sweep_outbox()

    assert (first, second) == (1, 0)
    assert published == [{"email_id": queued.pk}]
