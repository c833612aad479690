"""The site's one outbox (home.outbox, home.tasks): rows written in the
transaction that causes them, sent once, resent from the admin."""

import datetime

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from home.adapter import AccountAdapter
from home.models import OutgoingEmail
from home.outbox import email_queue, email_resend
from home.tasks import send_outgoing_email
from speakers.services import invitation_create
from tests.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def message(to="someone@example.org", subject="Hello") -> EmailMultiAlternatives:
    built = EmailMultiAlternatives(subject=subject, body="Text body", to=[to])
    built.attach_alternative("<p>HTML body</p>", "text/html")
    built.attach("event.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    return built


def invite_speaker(event, **fields):
    session = SessionFactory(event=event)
    return invitation_create(
        event=event,
        sessions=[session],
        role="panellist",
        reply_by=timezone.localdate() + datetime.timedelta(days=10),
        by=None,
        first_name="Amara",
        last_name="Nwosu",
        email="amara@example.org",
        **fields,
    )


def send_password_reset(to: str) -> None:
    request = RequestFactory().get("/")
    AccountAdapter(request).send_mail("account/email/password_reset_key", to, {"password_reset_url": "/x/"})


# --- queuing ----------------------------------------------------------------------------------


def test_a_queued_message_is_stored_and_sent_as_it_was_rendered(django_capture_on_commit_callbacks, event):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        email = email_queue(message(), kind="test", event=event, language="fr")

    email.refresh_from_db()
    assert (email.status, email.attempts, email.event, email.language) == ("sent", 1, event, "fr")
    [sent] = mail.outbox
    assert (sent.subject, sent.body, sent.to) == ("Hello", "Text body", ["someone@example.org"])
    assert sent.alternatives[0] == ("<p>HTML body</p>", "text/html")
    [(filename, content, mimetype)] = sent.attachments
    assert (filename, mimetype) == ("event.ics", "text/calendar")
    assert content in ("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert sent.extra_headers["Message-ID"] == f"<outbox-{email.pk}@forum.invalid>"


def test_a_message_without_recipient_is_refused_and_nothing_is_written():
    with pytest.raises(ValueError, match="at least one recipient"):
        email_queue(EmailMultiAlternatives(subject="Hello", body="Text"), kind="test")
    with pytest.raises(ValueError, match="no Cc or Bcc"):
        email_queue(EmailMultiAlternatives(subject="Hello", to=["a@example.org"], cc=["b@example.org"]), kind="test")
    assert OutgoingEmail.objects.count() == 0


def test_a_dedupe_key_queues_a_message_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        first = email_queue(message(), kind="test", dedupe_key="reminder-7-of-invitation-12")
        second = email_queue(message(subject="Again"), kind="test", dedupe_key="reminder-7-of-invitation-12")

    assert second.pk == first.pk
    assert OutgoingEmail.objects.count() == 1
    assert [sent.subject for sent in mail.outbox] == ["Hello"]


# --- written in the causing transaction ------------------------------------------------------


def test_speaker_invitation_is_an_outbox_row_of_its_transaction(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_speaker(event)

    [row] = OutgoingEmail.objects.all()
    assert (row.kind, row.event, row.to, row.status) == ("speaker_invitation", event, "amara@example.org", "sent")
    assert row.dedupe_key == f"speakers.invitation.{invitation.pk}.link.{invitation.token_hash}"
    assert [sent.subject for sent in mail.outbox] == [f"Invitation to speak at {event.title}"]


def test_a_rolled_back_invitation_writes_no_row_and_mails_nobody(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Rollback), transaction.atomic():
        invite_speaker(event)
        raise Rollback

    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_account_mail_is_an_outbox_row_without_event(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_password_reset(user.email)

    [row] = OutgoingEmail.objects.all()
    assert (row.kind, row.event, row.registration, row.to, row.status) == ("account", None, None, user.email, "sent")
    assert [sent.to for sent in mail.outbox] == [[user.email]]


def test_sent_mail_with_a_secret_link_keeps_no_body_and_other_mail_keeps_its_own(
    event, user, django_capture_on_commit_callbacks
):
    """A password-reset or invitation link must not outlive its email in the
    outbox table; a confirmation's body stays (it is the record)."""
    with django_capture_on_commit_callbacks(execute=True):
        invite_speaker(event)
        send_password_reset(user.email)
        with transaction.atomic():
            email_queue(EmailMultiAlternatives("Hi", "Plain text", to=["p@example.org"]), kind="confirmed")

    rows = {row.kind: row for row in OutgoingEmail.objects.all()}
    bodies = {kind: (row.status, row.text_body, row.html_body, row.attachments) for kind, row in rows.items()}
    assert bodies == {
        "speaker_invitation": ("sent", "", "", []),
        "account": ("sent", "", "", []),
        "confirmed": ("sent", "Plain text", "", []),
    }
    assert "/speakers/invitation/" in mail.outbox[0].body  # the link did go out, once
    assert "/x/" in mail.outbox[1].body  # the reset link of send_password_reset


def test_rolled_back_account_mail_writes_no_row_and_mails_nobody(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Rollback), transaction.atomic():
        send_password_reset(user.email)
        raise Rollback

    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


# --- sending ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_no_transaction_and_so_no_row_lock_is_held_while_the_mail_server_talks(page_root, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    email = OutgoingEmail.objects.create(kind="test", to="a@example.org", subject="Hi", text_body="Text")
    seen = []
    original = EmailBackend.send_messages

    def send_messages(self, messages):
        seen.append(connection.in_atomic_block)
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)

    assert send_outgoing_email(email_id=email.pk) == "sent"
    assert seen == [False]


def test_bad_data_fails_at_once_without_retrying(monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    email = OutgoingEmail.objects.create(kind="test", to="a@example.org", subject="Hi", text_body="Text")

    def refuse(self, messages):
        raise ValueError("Header values may not contain linefeed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)

    assert send_outgoing_email(email_id=email.pk) == "failed"
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (
        "failed",
        1,
        "ValueError: Header values may not contain linefeed",
    )


def test_a_row_from_before_the_outbox_stored_messages_is_rendered_when_sent(event):
    registration = RegistrationFactory(event=event, status="confirmed", preferred_language="fr")
    legacy = OutgoingEmail.objects.create(
        kind="confirmed", registration=registration, to=registration.email, language="fr"
    )

    assert send_outgoing_email(email_id=legacy.pk) == "sent"

    legacy.refresh_from_db()
    [sent] = mail.outbox
    assert sent.subject == legacy.subject == f"Inscription confirmée : {event.title}"
    assert sent.to == [registration.email]
    assert sent.extra_headers["Message-ID"] == f"<outbox-{legacy.pk}-{registration.reference}@forum.invalid>"


def test_a_legacy_row_nobody_can_render_is_marked_failed():
    orphan = OutgoingEmail.objects.create(kind="confirmed", to="a@example.org")

    assert send_outgoing_email(email_id=orphan.pk) == "failed"
    orphan.refresh_from_db()
    assert (orphan.status, orphan.last_error) == ("failed", "nothing to send (no stored message)")
    assert mail.outbox == []


# --- resend ----------------------------------------------------------------------------------


def stored(**fields) -> OutgoingEmail:
    return OutgoingEmail.objects.create(
        kind="test", to="a@example.org", subject="Hi", text_body="Text", dedupe_key="key", **fields
    )


def test_resend_of_a_failed_email_queues_the_same_row_again(django_capture_on_commit_callbacks):
    failed = stored(status="failed", attempts=6, last_error="SMTPServerDisconnected")

    with django_capture_on_commit_callbacks(execute=True):
        resent = email_resend(email=failed)

    assert resent.pk == failed.pk
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("sent", 1, "")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("status", ["sent", "queued", "sending", "retrying"])
def test_resend_of_an_email_that_did_not_fail_changes_nothing(status, django_capture_on_commit_callbacks):
    """A sent email holds what was true when it was written (a link since
    replaced): sending it again is for the services that write a current one."""
    email = stored(status=status, attempts=1)

    with django_capture_on_commit_callbacks(execute=True) as published:
        resent = email_resend(email=email)

    assert (resent.pk, published, OutgoingEmail.objects.count(), len(mail.outbox)) == (email.pk, [], 1, 0)
    email.refresh_from_db()
    assert (email.status, email.attempts) == (status, 1)


def test_account_mail_queued_under_the_old_task_name_is_still_sent(django_capture_on_commit_callbacks):
    from home.tasks import send_email_message

    payload = {"subject": "Reset", "body": "Text", "from_email": None, "to": ["a@example.org"], "alternatives": []}
    with django_capture_on_commit_callbacks(execute=True):
        send_email_message(payload=payload)

    assert OutgoingEmail.objects.count() == 0  # as the release that queued it sent it
    assert [(sent.to, sent.subject) for sent in mail.outbox] == [(["a@example.org"], "Reset")]
