import datetime
import email
from email.header import decode_header, make_header

import pytest
from celery.result import allow_join_result
from django.core import mail
from django.utils import timezone

from home.models import OutgoingEmail
from home.tasks import send_outgoing_email
from speakers.models import Invitation, InvitationStatus
from speakers.services import invitation_send
from speakers.tasks import send_invitation_reminders
from tests.helpers import link_path, wait_for

pytestmark = pytest.mark.django_db


def reminders(django_capture_on_commit_callbacks) -> dict:
    with django_capture_on_commit_callbacks(execute=True):
        return send_invitation_reminders()


def set_reply_by(invitation, days: int) -> None:
    reply_by = timezone.localdate() + datetime.timedelta(days=days)
    Invitation.objects.filter(pk=invitation.pk).update(
        reply_by=reply_by, expires_at=timezone.now() + datetime.timedelta(days=days + 1)
    )


def reminder_subjects() -> list[str]:
    return [message.subject for message in mail.outbox if message.subject.startswith("Reminder")]


def test_reminders_go_out_once_per_configured_day(invite, settings, django_capture_on_commit_callbacks):
    settings.SPEAKER_INVITATION_REMINDER_DAYS = [7, 2]
    invitation, token = invite()
    set_reply_by(invitation, 10)
    assert reminders(django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 0}

    set_reply_by(invitation, 7)
    assert reminders(django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 1}
    assert reminders(django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 0}
    assert Invitation.objects.get().reminders_sent == [7]

    set_reply_by(invitation, 2)
    assert reminders(django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 1}
    assert reminders(django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 0}
    assert Invitation.objects.get().reminders_sent == [7, 2]

    assert reminder_subjects() == ["Reminder: your invitation to speak at Policy Dialogue on Neurotechnology"] * 2
    reminder = [message for message in mail.outbox if message.subject.startswith("Reminder")][0]
    assert link_path(reminder) == f"/speakers/invitation/{token}/"


def test_a_late_run_sends_one_reminder_for_every_window_crossed(invite, settings, django_capture_on_commit_callbacks):
    settings.SPEAKER_INVITATION_REMINDER_DAYS = [7, 2]
    invitation, _ = invite()
    set_reply_by(invitation, 1)
    assert reminders(django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 1}
    assert Invitation.objects.get().reminders_sent == [7, 2]
    assert len(reminder_subjects()) == 1


def test_answered_invitations_get_no_reminder(invite, settings, django_capture_on_commit_callbacks):
    settings.SPEAKER_INVITATION_REMINDER_DAYS = [3]
    for n, status in enumerate(["accepted", "declined", "revoked"]):
        invitation, _ = invite(email=f"done{n}@example.org")
        set_reply_by(invitation, 1)
        Invitation.objects.filter(pk=invitation.pk).update(status=status)
    assert reminders(django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 0}
    assert reminder_subjects() == []


def test_overdue_invitations_are_expired_and_not_reminded(invite, django_capture_on_commit_callbacks):
    invitation, _ = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        reply_by=timezone.localdate() - datetime.timedelta(days=1), expires_at=timezone.now()
    )
    assert reminders(django_capture_on_commit_callbacks) == {"expired": 1, "reminded": 0}
    assert Invitation.objects.get().status == InvitationStatus.EXPIRED
    assert reminder_subjects() == []


def test_the_same_invitation_link_is_mailed_once(invite, django_capture_on_commit_callbacks):
    invitation, _ = invite()
    [row] = OutgoingEmail.objects.filter(kind="speaker_invitation")
    assert (row.status, row.event_id, row.to) == ("sent", invitation.event_id, "amara@example.org")

    # Queuing the same link again, and the send task running again, mail nobody.
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(invitation=Invitation.objects.get(pk=invitation.pk))
    assert send_outgoing_email(email_id=row.pk) == "skipped"
    assert OutgoingEmail.objects.filter(kind="speaker_invitation").count() == 1
    assert len(mail.outbox) == 1


def test_a_redelivered_reminder_sends_one_email(invite, settings, django_capture_on_commit_callbacks):
    """Every message the reminder run publishes is delivered twice, as a
    broker does after a worker dies before acknowledging: still one email."""
    settings.SPEAKER_INVITATION_REMINDER_DAYS = [7]
    invitation, _ = invite()
    set_reply_by(invitation, 7)

    with django_capture_on_commit_callbacks(execute=False) as published:
        assert send_invitation_reminders() == {"expired": 0, "reminded": 1}
    for deliver in [*published, *published]:
        deliver()

    assert reminder_subjects() == ["Reminder: your invitation to speak at Policy Dialogue on Neurotechnology"]
    [row] = OutgoingEmail.objects.filter(kind="speaker_reminder")
    assert (row.status, row.attempts, row.event_id) == ("sent", 1, invitation.event_id)


def test_the_same_reminder_cannot_be_queued_twice(invite, settings, django_capture_on_commit_callbacks):
    """Even when its record on the invitation is lost (a run that crashed
    after queuing), the reminder's dedupe key keeps it to one email."""
    settings.SPEAKER_INVITATION_REMINDER_DAYS = [7]
    invitation, _ = invite()
    set_reply_by(invitation, 7)
    assert reminders(django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 1}
    Invitation.objects.filter(pk=invitation.pk).update(reminders_sent=[])

    assert reminders(django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 1}

    assert len(reminder_subjects()) == 1
    assert OutgoingEmail.objects.filter(kind="speaker_reminder").count() == 1


def test_an_extended_invitation_is_reminded_again_for_its_new_date(
    invite, settings, django_capture_on_commit_callbacks
):
    from speakers.services import invitation_extend

    settings.SPEAKER_INVITATION_REMINDER_DAYS = [7]
    invitation, _ = invite()
    set_reply_by(invitation, 7)
    assert reminders(django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 1}
    with django_capture_on_commit_callbacks(execute=True):
        invitation_extend(invitation=invitation, reply_by=timezone.localdate() + datetime.timedelta(days=6), by=None)

    assert reminders(django_capture_on_commit_callbacks) == {"expired": 0, "reminded": 1}
    assert len(reminder_subjects()) == 2


@pytest.mark.postgres
@pytest.mark.celery_worker
def test_real_worker_sends_the_invitation_and_each_reminder_once(celery_worker, invite):
    invitation, token = invite(email="worker.speaker@example.org")

    def subjects():
        parsed = [email.message_from_string(message.strip()) for message in celery_worker.sent_messages()]
        return sorted(" ".join(str(make_header(decode_header(message["Subject"]))).split()) for message in parsed)

    assert wait_for(lambda: len(subjects()) == 1), celery_worker.log()
    assert wait_for(lambda: Invitation.objects.get().sent_at is not None), celery_worker.log()
    set_reply_by(invitation, 2)
    # This process is the test, not a task: an eager task run earlier in the
    # suite may have left Celery's "inside a task" flag set.
    with allow_join_result():
        first = send_invitation_reminders.delay()
        second = send_invitation_reminders.delay()
        results = [first.get(timeout=30), second.get(timeout=30)]
        assert sorted(result["reminded"] for result in results) == [0, 1]
        assert wait_for(lambda: len(subjects()) == 2), celery_worker.log()
        # A third run finds nothing due; the resend of the first email is a no-op.
        assert send_invitation_reminders.delay().get(timeout=30) == {"expired": 0, "reminded": 0}
        [row] = OutgoingEmail.objects.filter(kind="speaker_invitation")
        assert send_outgoing_email.delay(email_id=row.pk).get(timeout=30) == "skipped"
    assert subjects() == [
        "Invitation to speak at Policy Dialogue on Neurotechnology",
        "Reminder: your invitation to speak at Policy Dialogue on Neurotechnology",
    ]
    bodies = [email.message_from_string(message.strip()) for message in celery_worker.sent_messages()]
    assert [
        part.get_payload(decode=True).decode().count(f"/speakers/invitation/{token}/")
        for part in (message.get_payload()[0] for message in bodies)
    ] == [1, 1]
    assert Invitation.objects.get().reminders_sent == [7, 2]
