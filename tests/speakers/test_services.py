import datetime
import hashlib

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from home.tokens import hash_token
from registration.models import Registration, RegistrationStatus
from sessions.models import SessionSpeaker
from speakers.models import Invitation, InvitationStatus, Speaker
from speakers.services import (
    InvitationClosed,
    invitation_accept,
    invitation_decline,
    invitation_expire_overdue,
    invitation_extend,
    invitation_link_token,
    invitation_resend,
    invitation_revoke,
)
from tests.factories import SessionFactory, SpeakerFactory, make_event
from tests.helpers import link_path, profile

pytestmark = pytest.mark.django_db


def test_invitation_create_stores_only_the_hash_and_sends_the_link(invite):
    invitation, token = invite()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {invitation.token_salt, invitation.token_hash}
    assert len(token) == 43  # 256-bit HMAC, base64url without padding
    assert [message.to for message in mail.outbox] == [["amara@example.org"]]
    assert link_path(mail.outbox[0]) == f"/speakers/invitation/{token}/"
    assert mail.outbox[0].subject == "Invitation to speak at Policy Dialogue on Neurotechnology"
    html = mail.outbox[0].alternatives[0][0]
    assert f'<a href="{settings.SITE_URL}/speakers/invitation/{token}/">Answer the invitation</a>' in html
    assert invitation.sent_token_hash == invitation.token_hash


def test_invitation_create_sends_in_the_speakers_language(invite):
    invite(language="fr")
    html = mail.outbox[0].alternatives[0][0]
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert mail.outbox[0].to == ["amara@example.org"]


def test_invitation_create_expires_at_end_of_reply_by_day_in_event_zone(invite, invite_event, reply_by):
    invitation, _ = invite()
    assert invitation.expires_at == datetime.datetime.combine(
        reply_by + datetime.timedelta(days=1), datetime.time.min, tzinfo=invite_event.tz
    )


def test_invitation_create_creates_no_session_speaker(invite, sessions):
    invite()
    assert SessionSpeaker.objects.filter(session__in=sessions).count() == 0


def test_invitation_create_rejects_bad_input_without_writing(invite, invite_event, reply_by):
    other_session = SessionFactory(event=make_event())
    with pytest.raises(ValidationError) as error:
        invite(sessions=[other_session], email="", reply_by=timezone.localdate() - datetime.timedelta(days=1))
    assert set(error.value.message_dict) == {"sessions", "email", "reply_by"}
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_invitation_create_refuses_a_second_pending_invitation(invite):
    invite()
    with pytest.raises(ValidationError) as error:
        invite(email="AMARA@example.org")
    assert error.value.message_dict == {"email": ["This person already has a pending invitation to this event."]}
    assert Invitation.objects.count() == 1


def test_invitation_create_from_an_existing_profile(invite):
    speaker = SpeakerFactory(first_name="Li", last_name="Wei", email="li.wei@example.org", language="es")
    invitation, _ = invite(speaker=speaker, first_name="", last_name="", email="", language="")
    assert (invitation.full_name, invitation.email, invitation.language) == ("Li Wei", "li.wei@example.org", "es")


def test_invitation_accept_completes_profile_links_sessions_and_registers(invite, sessions, invite_event):
    invitation, _ = invite(sessions=sessions, role="moderator")
    invitation_accept(invitation=invitation, profile=profile())
    invitation.refresh_from_db()
    speaker = invitation.speaker
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.answered_at is not None
    assert (speaker.full_name, speaker.organisation, speaker.country.code) == (
        "Dr Amara Nwosu",
        "University of Lagos",
        "NG",
    )
    assert speaker.bio == "<p>Works on neurorights.</p><p>Chairs a national ethics committee.</p>"
    assert (speaker.gender, speaker.gender_consent) == ("woman", True)
    assert (speaker.travel_needs, speaker.accessibility_needs) == ("Visa letter", "Step-free access")
    assert speaker.email == "amara@example.org"
    assert sorted(SessionSpeaker.objects.filter(speaker=speaker).values_list("session__title", "role")) == [
        ("Mental privacy", "moderator"),
        ("Neurorights in law", "moderator"),
    ]
    registration = Registration.objects.get(event=invite_event, email="amara@example.org")
    assert (registration.status, registration.category.slug) == (RegistrationStatus.CONFIRMED, "speaker")


def test_invitation_accept_twice_is_idempotent(invite, sessions, invite_event):
    invitation, _ = invite()
    invitation_accept(invitation=invitation, profile=profile())
    answered_at = Invitation.objects.get().answered_at
    invitation_accept(invitation=invitation, profile=profile(organisation="Changed"))
    assert Invitation.objects.get().answered_at == answered_at
    assert Speaker.objects.get().organisation == "University of Lagos"
    assert SessionSpeaker.objects.count() == 1
    assert Registration.objects.filter(event=invite_event).count() == 1


def test_invitation_accept_without_consent_drops_gender(invite):
    invitation, _ = invite()
    invitation_accept(invitation=invitation, profile=profile(gender="woman", gender_consent=False))
    speaker = Speaker.objects.get()
    assert (speaker.gender, speaker.gender_consent) == ("", False)


def test_invitation_accept_links_a_verified_account_with_the_same_email(invite, invite_event):
    from tests.factories import UserFactory

    user = UserFactory(email="amara@example.org")
    invitation, _ = invite()
    invitation_accept(invitation=invitation, profile=profile())
    assert Speaker.objects.get().user == user
    assert Registration.objects.get(event=invite_event).user == user


def test_invitation_decline_records_reason_and_notifies_the_organiser(invite, django_capture_on_commit_callbacks):
    invitation, _ = invite()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_decline(invitation=invitation, reason="Another summit that week.")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.decline_reason) == (InvitationStatus.DECLINED, "Another summit that week.")
    assert [message.to for message in mail.outbox] == [["olga@example.org"]]
    assert mail.outbox[0].subject == "Amara Nwosu declined to speak at Policy Dialogue on Neurotechnology"
    assert "Another summit that week." in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        invitation_decline(invitation=invitation, reason="Again")
    assert len(mail.outbox) == 1
    assert Invitation.objects.get().decline_reason == "Another summit that week."
    assert SessionSpeaker.objects.count() == 0


@pytest.mark.parametrize("status", [InvitationStatus.DECLINED, InvitationStatus.REVOKED, InvitationStatus.EXPIRED])
def test_invitation_accept_refuses_a_closed_invitation(invite, status):
    invitation, _ = invite()
    Invitation.objects.filter(pk=invitation.pk).update(status=status)
    with pytest.raises(InvitationClosed) as closed:
        invitation_accept(invitation=invitation, profile=profile())
    assert closed.value.status == status
    assert Invitation.objects.get().status == status
    assert SessionSpeaker.objects.count() == 0
    assert Registration.objects.count() == 0


def test_invitation_accept_after_the_link_expired_changes_nothing(invite):
    invitation, _ = invite()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(InvitationClosed) as closed:
        invitation_accept(invitation=invitation, profile=profile())
    assert closed.value.status == InvitationStatus.EXPIRED
    assert Invitation.objects.get().status == InvitationStatus.PENDING
    assert SessionSpeaker.objects.count() == 0


def test_invitation_revoke_then_accept_is_refused(invite, invite_organiser):
    invitation, _ = invite()
    invitation_revoke(invitation=invitation, by=invite_organiser)
    assert Invitation.objects.get().status == InvitationStatus.REVOKED
    invitation_revoke(invitation=invitation, by=invite_organiser)
    assert Invitation.objects.get().status == InvitationStatus.REVOKED
    with pytest.raises(InvitationClosed):
        invitation_decline(invitation=invitation)


def test_invitation_revoke_refuses_an_answered_invitation(invite, invite_organiser):
    invitation, _ = invite()
    invitation_accept(invitation=invitation, profile=profile())
    with pytest.raises(ValidationError) as error:
        invitation_revoke(invitation=invitation, by=invite_organiser)
    assert error.value.messages == ["An answered invitation cannot be revoked."]
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED


def test_invitation_resend_rotates_the_link(invite, invite_organiser, django_capture_on_commit_callbacks):
    invitation, old_token = invite()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=invitation, by=invite_organiser)
    invitation.refresh_from_db()
    new_token = invitation_link_token(invitation)
    assert new_token != old_token
    assert invitation.token_hash == hash_token(new_token)
    assert [link_path(message) for message in mail.outbox] == [
        f"/speakers/invitation/{old_token}/",
        f"/speakers/invitation/{new_token}/",
    ]


def test_invitation_resend_refuses_an_answered_invitation(invite, invite_organiser):
    invitation, _ = invite()
    invitation_decline(invitation=invitation)
    with pytest.raises(ValidationError):
        invitation_resend(invitation=invitation, by=invite_organiser)


def test_invitation_extend_reopens_an_expired_invitation(invite, invite_organiser, invite_event):
    invitation, _ = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        status=InvitationStatus.EXPIRED, reminders_sent=[7, 2], expires_at=timezone.now()
    )
    new_date = timezone.localdate() + datetime.timedelta(days=20)
    invitation_extend(invitation=invitation, reply_by=new_date, by=invite_organiser)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.reply_by, invitation.reminders_sent) == (
        InvitationStatus.PENDING,
        new_date,
        [],
    )
    assert invitation.expires_at == datetime.datetime.combine(
        new_date + datetime.timedelta(days=1), datetime.time.min, tzinfo=invite_event.tz
    )


def test_invitation_extend_refuses_a_past_date(invite, invite_organiser, reply_by):
    invitation, _ = invite()
    with pytest.raises(ValidationError) as error:
        invitation_extend(
            invitation=invitation, reply_by=timezone.localdate() - datetime.timedelta(days=1), by=invite_organiser
        )
    assert error.value.message_dict == {"reply_by": ["The reply-by date cannot be in the past."]}
    assert Invitation.objects.get().reply_by == reply_by


def test_invitation_expire_overdue_marks_only_overdue_pending(invite):
    overdue, _ = invite(email="late@example.org")
    current, _ = invite(email="current@example.org")
    answered, _ = invite(email="answered@example.org")
    invitation_decline(invitation=answered)
    Invitation.objects.filter(pk__in=[overdue.pk, answered.pk]).update(expires_at=timezone.now())
    assert invitation_expire_overdue() == 1
    assert dict(Invitation.objects.values_list("email", "status")) == {
        "late@example.org": "expired",
        "current@example.org": "pending",
        "answered@example.org": "declined",
    }


def test_invitation_accept_refuses_a_session_at_the_same_time_as_one_already_accepted(invite, sessions, invite_event):
    overlapping = SessionFactory(
        event=invite_event, title="Brain data markets", starts_at=sessions[0].starts_at, ends_at=sessions[0].ends_at
    )
    first, _ = invite(sessions=sessions[:1])
    invitation_accept(invitation=first, profile=profile())
    second, _ = invite(sessions=[overlapping], speaker=Speaker.objects.get())

    with pytest.raises(ValidationError) as refused:
        invitation_accept(invitation=second, profile=profile())

    assert refused.value.message_dict == {
        "speaker": [
            "Dr Amara Nwosu already speaks at “Mental privacy” from "
            f"{local_hhmm(sessions[0].starts_at, invite_event)} to "
            f"{local_hhmm(sessions[0].ends_at, invite_event)}."
        ]
    }
    second.refresh_from_db()
    assert second.status == InvitationStatus.PENDING
    assert list(SessionSpeaker.objects.values_list("session__title", flat=True)) == ["Mental privacy"]


def local_hhmm(moment, event) -> str:
    return timezone.localtime(moment, event.tz).strftime("%H:%M")


def test_accepting_invitations_of_two_events_to_overlapping_sessions_books_the_speaker_once(
    invite, sessions, invite_event, invite_organiser
):
    other_event = make_event(title="Workshop on neural data", time_zone=invite_event.time_zone)
    same_time = SessionFactory(
        event=other_event, title="Neural data", starts_at=sessions[0].starts_at, ends_at=sessions[0].ends_at
    )
    first, _ = invite()
    invitation_accept(invitation=first, profile=profile())
    speaker = Speaker.objects.get()
    second, _ = invite(event=other_event, sessions=[same_time], speaker=speaker)

    with pytest.raises(ValidationError) as refused:
        invitation_accept(invitation=second, profile=profile())

    times = f"{local_hhmm(sessions[0].starts_at, invite_event)} to {local_hhmm(sessions[0].ends_at, invite_event)}"
    assert refused.value.message_dict == {"speaker": [f"Dr Amara Nwosu already speaks at another event from {times}."]}
    second.refresh_from_db()
    assert second.status == InvitationStatus.PENDING
    assert list(SessionSpeaker.objects.values_list("session__title", flat=True)) == ["Mental privacy"]
    assert list(Registration.objects.values_list("event_id", flat=True)) == [invite_event.pk]


def test_an_invitation_to_two_overlapping_sessions_is_refused_whole(invite, sessions, invite_event):
    same_time = SessionFactory(
        event=invite_event, title="Brain data markets", starts_at=sessions[0].starts_at, ends_at=sessions[0].ends_at
    )
    invitation, _ = invite(sessions=[sessions[0], same_time])

    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, profile=profile())

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert (SessionSpeaker.objects.count(), Speaker.objects.count(), Registration.objects.count()) == (0, 0, 0)
