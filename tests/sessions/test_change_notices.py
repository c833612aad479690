"""Change notices: the people who starred a session, and its speakers, get
one email per fifteen minutes of changes, in their language, with a
calendar file that updates their calendar; none after they turn them off
(speakers always)."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from home.models import OutgoingEmail
from sessions.models import ChangeNotice, ChangeNoticeOptOut, Session, Visibility
from sessions.notices import NOTICE_DELAY, due_notice_ids, notice_send
from sessions.services import session_create, session_update
from sessions.tasks import send_change_notices
from tests.factories import (
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    StarredSessionFactory,
    UserFactory,
    local,
)


def send_due(capture, *, after=NOTICE_DELAY + datetime.timedelta(minutes=1)) -> int:
    """Send the notices due ``after`` from now, as the beat task does then."""
    later = timezone.now() + after
    with capture(execute=True):
        return sum(notice_send(notice_id=pk, now=later) for pk in due_notice_ids(now=later))


def move(session, *, hours: int, **changes):
    session = Session.objects.get(pk=session.pk)
    return session_update(
        session=session,
        starts_at=session.starts_at + datetime.timedelta(hours=hours),
        ends_at=session.ends_at + datetime.timedelta(hours=hours),
        **changes,
    )


def calendar_of(message) -> Calendar:
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    return Calendar.from_ical(attachment[1])


@pytest.fixture
def followers(forum, session):
    """Two people who starred ``session`` (one reads French) and a second
    session of the same event starred by the first."""
    ada = UserFactory(email="ada@example.org")
    lucie = UserFactory(email="lucie@example.org")
    RegistrationFactory(event=forum, user=lucie, preferred_language="fr", status="confirmed")
    StarredSessionFactory(user=ada, session=session)
    StarredSessionFactory(user=lucie, session=session)
    other = SessionFactory(
        event=forum, title="Data for development", starts_at=local(forum, 1, 14), ends_at=local(forum, 1, 15)
    )
    StarredSessionFactory(user=ada, session=other)
    return ada, lucie, other


def test_three_changes_in_ten_minutes_make_one_email_per_person(
    forum, session, followers, django_capture_on_commit_callbacks
):
    ada, lucie, other = followers
    hall_b = RoomFactory(event=forum, name="Hall B")
    speaker = session.session_speakers.get().speaker
    speaker.email, speaker.language = "amara@example.org", "es"
    speaker.save()

    move(session, hours=2)
    session_update(session=Session.objects.get(pk=session.pk), room=hall_b)
    session_update(session=Session.objects.get(pk=other.pk), is_cancelled=True, cancellation_reason="Speaker unwell")

    assert send_due(django_capture_on_commit_callbacks, after=NOTICE_DELAY - datetime.timedelta(minutes=1)) == 0
    assert mail.outbox == []
    assert send_due(django_capture_on_commit_callbacks) == 3

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["ada@example.org", "amara@example.org", "lucie@example.org"]
    to_ada = by_address["ada@example.org"]
    assert to_ada.subject == "Global Forum 2026: 2 sessions on your programme changed"
    assert "Now: Wednesday 24 June 2026, 11:00–12:30, Hall B" in to_ada.body
    assert "Before: Wednesday 24 June 2026, 09:00–10:30, Plenary Hall" in to_ada.body
    assert "Data for development\n  Cancelled: Speaker unwell" in to_ada.body
    assert "Times in Asia/Bangkok time." in to_ada.body
    assert "http://127.0.0.1:8000/agenda/mine/" in to_ada.body
    events = {str(e["SUMMARY"]): e for e in calendar_of(to_ada).walk("VEVENT")}
    assert events["Facial recognition in public spaces"]["SEQUENCE"] == 2
    assert events["Facial recognition in public spaces"]["DTSTART"].dt.hour == 11
    assert str(events["Data for development"]["STATUS"]) == "CANCELLED"

    to_lucie = by_address["lucie@example.org"]
    assert to_lucie.subject == "Global Forum 2026 : une session de votre programme a changé"
    assert "Maintenant" in to_lucie.body and "Data for development" not in to_lucie.body
    to_speaker = by_address["amara@example.org"]
    assert "Ahora" in to_speaker.body
    assert "/agenda/mine/" not in to_speaker.body  # a speaker cannot turn these off

    # The log: who was told, through which outbox row.
    logged = ChangeNotice.objects.filter(event=forum, sent_at__isnull=False)
    assert logged.count() == 3
    assert set(OutgoingEmail.objects.filter(kind="session_change").values_list("to", flat=True)) == set(by_address)

    # Sent once: the beat task running again finds nothing due.
    assert send_due(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 3


def test_a_change_after_the_notice_went_opens_a_new_one(forum, session, followers, django_capture_on_commit_callbacks):
    move(session, hours=1)
    assert send_due(django_capture_on_commit_callbacks) == 2
    move(session, hours=1)
    assert send_due(django_capture_on_commit_callbacks) == 2
    second = [m for m in mail.outbox if m.to == ["ada@example.org"]][-1]
    assert "Now: Wednesday 24 June 2026, 11:00–12:30" in second.body
    assert "Before: Wednesday 24 June 2026, 10:00–11:30" in second.body


def test_no_email_after_opting_out_but_speakers_always_hear(
    forum, session, followers, django_capture_on_commit_callbacks
):
    ada, lucie, _other = followers
    speaker = session.session_speakers.get().speaker
    speaker.user = lucie
    speaker.save()
    ChangeNoticeOptOut.objects.create(user=ada)
    ChangeNoticeOptOut.objects.create(user=lucie)

    move(session, hours=3)
    assert send_due(django_capture_on_commit_callbacks) == 1
    assert [message.to for message in mail.outbox] == [["lucie@example.org"]]
    assert "Vous intervenez dans cette session." in mail.outbox[0].body


def test_opting_out_while_a_notice_waits_stops_it(forum, session, followers, django_capture_on_commit_callbacks):
    ada, _lucie, _other = followers
    move(session, hours=1)
    ChangeNoticeOptOut.objects.create(user=ada)
    assert send_due(django_capture_on_commit_callbacks) == 1
    assert [message.to for message in mail.outbox] == [["lucie@example.org"]]
    assert ChangeNotice.objects.get(user=ada).sent_at is not None  # closed, without an email


def test_a_session_moved_back_where_it_was_is_not_news(forum, session, followers, django_capture_on_commit_callbacks):
    move(session, hours=1)
    move(session, hours=-1)
    assert send_due(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    assert not ChangeNotice.objects.filter(sent_at__isnull=True).exists()


def test_renames_drafts_and_new_sessions_tell_nobody(forum, session, followers):
    session_update(session=Session.objects.get(pk=session.pk), title="A new title", description="<p>New</p>")
    speaker = session.session_speakers.get().speaker
    speaker.email = "amara@example.org"
    speaker.save()
    session_create(
        event=forum,
        title="A new panel",
        starts_at=local(forum, 2, 9),
        ends_at=local(forum, 2, 10),
        speakers=[(speaker, "panellist")],
    )
    draft = SessionFactory(event=forum, visibility=Visibility.DRAFT)
    StarredSessionFactory(session=draft)
    move(draft, hours=2)
    assert not ChangeNotice.objects.exists()


def test_a_speaker_without_an_account_is_told_by_the_profile_address(
    forum, session, django_capture_on_commit_callbacks
):
    SessionSpeakerFactory(session=session, speaker=SpeakerFactory(email="kwame@example.org", language="fr"))
    SessionSpeakerFactory(session=session, speaker=SpeakerFactory(email=""))  # no address: nobody to tell
    move(session, hours=1)
    assert send_due(django_capture_on_commit_callbacks) == 1
    assert [message.to for message in mail.outbox] == [["kwame@example.org"]]
    assert mail.outbox[0].subject == "Global Forum 2026 : une session de votre programme a changé"


def test_the_beat_task_sends_what_is_due(forum, session, followers, django_capture_on_commit_callbacks):
    move(session, hours=1)
    ChangeNotice.objects.update(due_at=timezone.now() - datetime.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_change_notices.delay().get() == {"sent": 2, "failed": 0}
    assert sorted(message.to[0] for message in mail.outbox) == ["ada@example.org", "lucie@example.org"]


def test_recording_a_change_takes_the_same_queries_for_10_or_300_followers(forum, session):
    def queries_to_move(followers: int) -> list[str]:
        moved = SessionFactory(event=forum, starts_at=local(forum, 2, 9), ends_at=local(forum, 2, 10))
        for user in UserFactory.create_batch(followers):
            StarredSessionFactory(user=user, session=moved)
        with CaptureQueriesContext(connection) as captured:
            move(moved, hours=1)
        assert ChangeNotice.objects.filter(items__session=moved).count() == followers
        return [query["sql"] for query in captured.captured_queries]

    few, many = queries_to_move(10), queries_to_move(300)
    # Only the bulk inserts may split into batches (SQLite takes 999
    # parameters a statement); every read stays one query.
    reads = [q for q in many if not q.startswith("INSERT")]
    assert len(reads) == len([q for q in few if not q.startswith("INSERT")])
    limit = connection.features.max_query_params or 10**9
    assert len(many) - len(reads) <= 2 * (1 + 300 * 7 // limit)


def test_a_person_turns_the_emails_off_and_on_from_their_agenda(client, forum, session, followers):
    ada, _lucie, _other = followers
    client.force_login(ada)
    page = client.get("/agenda/mine/")
    assert 'name="enabled" checked' in page.content.decode()

    response = client.post("/agenda/mine/change-emails/", {})
    assert response.status_code == 302
    assert ChangeNoticeOptOut.objects.filter(user=ada).exists()
    assert 'name="enabled" checked' not in client.get("/agenda/mine/").content.decode()
    move(session, hours=1)
    assert not ChangeNotice.objects.filter(user=ada).exists()

    client.post("/agenda/mine/change-emails/", {"enabled": "on"})
    assert not ChangeNoticeOptOut.objects.filter(user=ada).exists()


def test_turning_the_emails_off_needs_a_signed_in_post(client, followers):
    assert client.get("/agenda/mine/change-emails/").status_code in (302, 405)
    response = client.post("/agenda/mine/change-emails/", {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ChangeNoticeOptOut.objects.exists()
