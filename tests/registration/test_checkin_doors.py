"""Scans at a session's door (registration/checkin/doors.py through
scan_record): who a closed session admits, the room's seats, entry and
exit, inside now, and what stays as it was."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from registration.badges import tokens as badge_tokens
from registration.checkin.models import Scan, SessionAccess, SessionAttendance
from registration.checkin.services import ScanContext, scan_record, scan_undo
from registration.checkin.session_access import session_access_save
from registration.models import RegistrationStatus
from tests.factories import (
    CategoryFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def press(door_event):
    return CategoryFactory(event=door_event, name="Press")


@pytest.fixture
def gatekeeper(db):
    return UserFactory()


def at_door(registration, session, *, staff, direction="entry", **kwargs):
    """One scan of the registration's badge at the session's door."""
    return scan_record(
        code=badge_tokens.badge_token(registration),
        staff=staff,
        allowed_event_ids=kwargs.pop("allowed_event_ids", None),
        event_id=kwargs.pop("event_id", session.event_id),
        context=ScanContext(session_id=session.pk, direction=direction),
        **kwargs,
    )


def person(event, category, **fields):
    return RegistrationFactory(event=event, category=category, user=None, **fields)


def test_an_open_session_admits_a_confirmed_participant_and_counts_them_inside(
    door_event, press, round_table, gatekeeper
):
    amina = person(door_event, press, first_name="Amina", last_name="Diallo")

    answer = at_door(amina, round_table, staff=gatekeeper)

    assert (answer.result, answer.message) == ("ok", "Admitted to this session.")
    assert answer.as_json()["session"] == {
        "id": round_table.pk,
        "title": "Round table",
        "inside": 1,
        "capacity": 40,
    }
    attendance = SessionAttendance.objects.get()
    assert (attendance.registration, attendance.inside, attendance.entries) == (amina, True, 1)
    scan = Scan.objects.get()
    assert (scan.session, scan.direction, scan.event_id, scan.result) == (round_table, "entry", door_event.pk, "ok")
    amina.refresh_from_db()
    assert amina.checked_in_at is None  # the entrance check-in is not the door's


def test_a_closed_session_admits_its_categories_only(door_event, ministers, press, round_table, gatekeeper):
    session_access_save(session=round_table, closed=True, categories=[ministers])
    minister = person(door_event, ministers)
    journalist = person(door_event, press)

    refused = at_door(journalist, round_table, staff=gatekeeper)
    admitted = at_door(minister, round_table, staff=gatekeeper)

    assert (refused.result, refused.message) == ("not_admitted", "Not admitted to this session.")
    assert refused.as_json()["session"]["inside"] == 0
    assert admitted.result == "ok"
    assert list(SessionAttendance.objects.values_list("registration", flat=True)) == [minister.pk]


def test_a_closed_session_admits_the_people_invited(door_event, ministers, press, round_table, gatekeeper):
    invited = person(door_event, press)
    session_access_save(session=round_table, closed=True, categories=[ministers], registrations=[invited])

    assert at_door(invited, round_table, staff=gatekeeper).result == "ok"
    assert at_door(person(door_event, press), round_table, staff=gatekeeper).result == "not_admitted"


def test_a_closed_session_admits_its_speakers_by_account_or_address(door_event, press, round_table, gatekeeper):
    session_access_save(session=round_table, closed=True)
    account = UserFactory()
    by_account = RegistrationFactory(event=door_event, category=press, user=account)
    by_address = person(door_event, press, email="Grace.Speaker@example.org")
    SessionSpeakerFactory(session=round_table, speaker=SpeakerFactory(user=account, email=""))
    SessionSpeakerFactory(session=round_table, speaker=SpeakerFactory(email="grace.speaker@example.org"))
    # A speaker of another session of the event is not one of this one's.
    elsewhere = person(door_event, press, email="other.speaker@example.org")
    SessionSpeakerFactory(
        session=SessionFactory(event=door_event), speaker=SpeakerFactory(email="other.speaker@example.org")
    )

    assert at_door(by_account, round_table, staff=gatekeeper).result == "ok"
    assert at_door(by_address, round_table, staff=gatekeeper).result == "ok"
    assert at_door(elsewhere, round_table, staff=gatekeeper).result == "not_admitted"


def test_the_badge_checks_of_the_entrance_come_first(door_event, ministers, round_table, gatekeeper):
    session_access_save(session=round_table, closed=True, categories=[ministers])
    cancelled = person(door_event, ministers, status=RegistrationStatus.CANCELLED)
    pending = person(door_event, ministers, status=RegistrationStatus.PENDING)
    other_event = RegistrationFactory(user=None)

    assert at_door(cancelled, round_table, staff=gatekeeper).result == "cancelled"
    assert at_door(pending, round_table, staff=gatekeeper).result == "not_confirmed"
    wrong = at_door(other_event, round_table, staff=gatekeeper)
    assert wrong.result == "wrong_event"
    forged = scan_record(
        code=badge_tokens.badge_token(person(door_event, ministers))[:-3] + "AAA",
        staff=gatekeeper,
        allowed_event_ids=None,
        context=ScanContext(session_id=round_table.pk),
    )
    assert forged.result == "invalid"
    assert forged.as_json()["session"]["id"] == round_table.pk
    assert not SessionAttendance.objects.exists()
    assert Scan.objects.get(result="wrong_event").code.startswith("wrong-event:")


def test_a_full_room_keeps_the_next_person_out_until_someone_leaves(door_event, press, gatekeeper):
    session = SessionFactory(event=door_event, room=RoomFactory(event=door_event, capacity=2))
    first, second, third = (person(door_event, press) for _ in range(3))
    at_door(first, session, staff=gatekeeper)
    at_door(second, session, staff=gatekeeper)

    full = at_door(third, session, staff=gatekeeper)
    left = at_door(first, session, staff=gatekeeper, direction="exit")
    admitted = at_door(third, session, staff=gatekeeper)

    assert (full.result, full.message) == ("room_full", "The room is full (2 places): wait until someone leaves.")
    assert full.as_json()["session"]["inside"] == 2
    assert (left.result, left.message, left.as_json()["session"]["inside"]) == ("left", "Left the session.", 1)
    assert (admitted.result, admitted.as_json()["session"]["inside"]) == ("ok", 2)


def test_the_session_capacity_is_used_before_the_room_and_none_means_no_limit(door_event, press, gatekeeper):
    small = SessionFactory(event=door_event, capacity=1, room=RoomFactory(event=door_event, capacity=100))
    unlimited = SessionFactory(event=door_event, room=None)
    at_door(person(door_event, press), small, staff=gatekeeper)

    assert at_door(person(door_event, press), small, staff=gatekeeper).result == "room_full"
    answers = [at_door(person(door_event, press), unlimited, staff=gatekeeper) for _ in range(3)]
    assert [answer.result for answer in answers] == ["ok"] * 3
    assert answers[-1].as_json()["session"] == {
        "id": unlimited.pk,
        "title": unlimited.title,
        "inside": 3,
        "capacity": None,
    }


def test_entering_again_while_inside_is_already_inside_and_reentry_counts(door_event, press, round_table, gatekeeper):
    amina = person(door_event, press)
    entered = timezone.now() - datetime.timedelta(minutes=30)
    first = at_door(amina, round_table, staff=gatekeeper, scanned_at=entered)
    again = at_door(amina, round_table, staff=gatekeeper)
    at_door(amina, round_table, staff=gatekeeper, direction="exit")
    back = at_door(amina, round_table, staff=gatekeeper)

    assert first.result == "ok"
    local = timezone.localtime(entered, door_event.tz).strftime("%H:%M")
    assert (again.result, again.message) == ("already_checked_in", f"Already inside since {local}.")
    assert again.as_json()["session"]["inside"] == 1
    assert back.result == "ok"
    attendance = SessionAttendance.objects.get()
    assert (attendance.entries, attendance.first_entry_at, attendance.inside) == (2, entered, True)


def test_an_exit_uploaded_after_a_later_entry_does_not_put_the_person_outside(
    door_event, press, round_table, gatekeeper
):
    amina = person(door_event, press)
    now = timezone.now()
    at_door(amina, round_table, staff=gatekeeper, scanned_at=now - datetime.timedelta(minutes=5))
    # A device that was offline uploads an exit made before that entry.
    stale = at_door(
        amina, round_table, staff=gatekeeper, direction="exit", scanned_at=now - datetime.timedelta(minutes=20)
    )

    assert stale.result == "left"
    assert SessionAttendance.objects.get().inside is True


def test_an_exit_uploaded_before_its_entry_keeps_the_person_outside(door_event, press, round_table, gatekeeper):
    """Door A, offline, queued the entry; door B, online, scanned the exit;
    A uploads afterwards: the person is out, and attended."""
    amina = person(door_event, press)
    now = timezone.now()
    at_door(amina, round_table, staff=gatekeeper, direction="exit", scanned_at=now - datetime.timedelta(minutes=5))
    assert (SessionAttendance.objects.get().entries, round_table.attendance.filter(entries__gt=0).count()) == (0, 0)

    late = at_door(amina, round_table, staff=gatekeeper, scanned_at=now - datetime.timedelta(minutes=30))

    attendance = SessionAttendance.objects.get()
    assert late.result == "ok"
    assert (attendance.inside, attendance.entries) == (False, 1)
    assert attendance.first_entry_at == now - datetime.timedelta(minutes=30)


def test_a_person_whose_registration_was_cancelled_inside_can_still_leave(door_event, press, round_table, gatekeeper):
    amina = person(door_event, press)
    at_door(amina, round_table, staff=gatekeeper)
    amina.status = RegistrationStatus.CANCELLED
    amina.save()

    answer = at_door(amina, round_table, staff=gatekeeper, direction="exit")

    assert answer.result == "left"
    assert SessionAttendance.objects.get().inside is False


def test_an_entry_after_an_exit_only_record_starts_the_attendance_then(door_event, press, round_table, gatekeeper):
    amina = person(door_event, press)
    now = timezone.now()
    at_door(amina, round_table, staff=gatekeeper, direction="exit", scanned_at=now - datetime.timedelta(minutes=20))

    at_door(amina, round_table, staff=gatekeeper, scanned_at=now - datetime.timedelta(minutes=10))

    attendance = SessionAttendance.objects.get()
    assert (attendance.inside, attendance.entries) == (True, 1)
    assert attendance.first_entry_at == now - datetime.timedelta(minutes=10)


def test_a_cancelled_session_admits_nobody(door_event, ministers, gatekeeper):
    session = SessionFactory(event=door_event, is_cancelled=True)

    answer = at_door(person(door_event, ministers), session, staff=gatekeeper)

    assert (answer.result, answer.message) == ("not_admitted", "This session is cancelled: nobody is admitted.")
    assert not SessionAttendance.objects.exists()


def test_a_session_of_another_event_is_refused_and_records_nothing(door_event, press, round_table, gatekeeper):
    amina = person(door_event, press)
    elsewhere = SessionFactory()

    with pytest.raises(ValidationError) as error:
        at_door(amina, elsewhere, staff=gatekeeper, event_id=door_event.pk)
    assert error.value.messages == ["There is no such session at this event."]
    # Without an event, the session must still be of one the caller works at.
    with pytest.raises(ValidationError):
        at_door(amina, round_table, staff=gatekeeper, event_id=None, allowed_event_ids={elsewhere.event_id})
    assert not Scan.objects.exists()


def test_a_retried_door_scan_replays_its_answer_and_counts_once(door_event, press, round_table, gatekeeper):
    amina = person(door_event, press)

    first = at_door(amina, round_table, staff=gatekeeper, nonce="door-1")
    again = at_door(amina, round_table, staff=gatekeeper, nonce="door-1")

    assert (again.result, again.message, again.scan_id) == ("ok", "Admitted to this session.", first.scan_id)
    assert again.as_json()["session"]["inside"] == 1
    assert (Scan.objects.count(), SessionAttendance.objects.get().entries) == (1, 1)


def test_a_door_scan_cannot_be_undone_as_a_check_in(door_event, press, round_table, gatekeeper):
    answer = at_door(person(door_event, press), round_table, staff=gatekeeper)

    with pytest.raises(ValidationError):
        scan_undo(scan=Scan.objects.get(pk=answer.scan_id), by=gatekeeper)


def test_session_access_refuses_another_events_categories_and_people(door_event, round_table):
    stranger = RegistrationFactory(user=None)

    with pytest.raises(ValidationError) as error:
        session_access_save(session=round_table, closed=True, categories=[CategoryFactory()], registrations=[stranger])
    assert set(error.value.message_dict) == {"categories", "registrations"}
    assert not SessionAccess.objects.exists()


def test_changing_the_lists_moves_the_access_updated_at(door_event, ministers, round_table):
    access = session_access_save(session=round_table, closed=True)
    before = access.updated_at
    SessionAccess.objects.filter(pk=access.pk).update(updated_at=before - datetime.timedelta(hours=1))

    access.categories.add(ministers)

    access.refresh_from_db()
    assert access.updated_at > before - datetime.timedelta(minutes=1)


def test_the_demo_forum_has_a_closed_round_table_with_a_capacity(demo):
    from registration.checkin import demo as doors_demo
    from sessions.models import EventPage, Session

    forum = EventPage.objects.get(title="Global Forum on the Ethics of AI 2026")
    round_table = Session.objects.select_related("room").get(event=forum, title=doors_demo.ROUND_TABLE_TITLE)
    access = SessionAccess.objects.get(session=round_table)

    assert access.closed is True
    assert sorted(access.categories.values_list("slug", flat=True)) == ["member-state", "un-system"]
    assert [registration.category.slug for registration in access.registrations.all()] == ["civil-society"]
    assert (round_table.capacity or round_table.room.capacity) > 0
    doors_demo.load_demo({"forum": forum})  # again: the same rule, nothing added
    assert SessionAccess.objects.count() == 1
    assert access.registrations.count() == 1
