"""The check-in API at a session's door: the scan's ``session`` and
``direction``, its answer's session block, the counts of a session, the
upload of door scans, and the door rules in the roster."""

import datetime
import gzip
import json

import pytest
from django.utils import timezone

from registration.badges import tokens as badge_tokens
from registration.checkin.models import Scan, SessionAccess, SessionAttendance
from registration.checkin.session_access import session_access_save
from registration.models import Registration
from tests.factories import (
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
)
from tests.helpers import post_scan as scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_round_table(round_table, ministers):
    """The round table, closed: ministers only."""
    session_access_save(session=round_table, closed=True, categories=[ministers])
    return round_table


def test_a_door_scan_answers_with_the_session_block(door_staff_client, door_event, ministers, closed_round_table):
    minister = RegistrationFactory(event=door_event, category=ministers, user=None)

    response = scan(
        door_staff_client,
        {
            "code": badge_tokens.badge_token(minister),
            "event": door_event.pk,
            "session": closed_round_table.pk,
            "direction": "entry",
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["result"], body["message"]) == ("ok", "Admitted to this session.")
    assert body["session"] == {"id": closed_round_table.pk, "title": "Round table", "inside": 1, "capacity": 40}
    assert body["registration"]["reference"] == minister.reference


def test_a_door_scan_without_an_event_takes_the_sessions_and_exit_defaults_to_entry(
    door_staff_client, door_event, ministers
):
    session = SessionFactory(event=door_event)
    person = RegistrationFactory(event=door_event, category=ministers, user=None)
    code = badge_tokens.badge_token(person)

    entered = scan(door_staff_client, {"code": code, "session": session.pk}).json()
    left = scan(door_staff_client, {"code": code, "session": session.pk, "direction": "exit"}).json()

    assert (entered["result"], entered["session"]["inside"]) == ("ok", 1)
    assert (left["result"], left["session"]["inside"]) == ("left", 0)
    assert list(Scan.objects.order_by("pk").values_list("direction", flat=True)) == ["entry", "exit"]


def test_the_entrance_answer_has_no_session_block(door_staff_client, door_event, ministers):
    person = RegistrationFactory(event=door_event, category=ministers, user=None)

    body = scan(door_staff_client, {"code": badge_tokens.badge_token(person), "event": door_event.pk}).json()

    assert body["result"] == "ok"
    assert "session" not in body


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"session": "12"}, "session must be the number of a session."),
        ({"session": True}, "session must be the number of a session."),
        ({"session": -3}, "session must be the number of a session."),
        ({"session": 2**70}, "session must be the number of a session."),
        ({"direction": "sideways"}, "direction must be “entry” or “exit”."),
        ({"direction": ["exit"]}, "direction must be “entry” or “exit”."),
    ],
)
def test_bad_session_or_direction_is_a_400_with_the_reason(
    door_staff_client, door_event, ministers, closed_round_table, fields, message
):
    person = RegistrationFactory(event=door_event, category=ministers, user=None)
    payload = {
        "code": badge_tokens.badge_token(person),
        "event": door_event.pk,
        "session": closed_round_table.pk,
        **fields,
    }

    response = scan(door_staff_client, payload)

    assert response.status_code == 400
    assert response.json() == {"result": "invalid", "registration": None, "message": message}
    assert not Scan.objects.exists()
    assert not SessionAttendance.objects.exists()


def test_a_session_of_another_event_is_a_400_that_does_not_tell_what_it_is(door_staff_client, door_event, ministers):
    person = RegistrationFactory(event=door_event, category=ministers, user=None)
    other = SessionFactory(title="Secret board meeting")
    missing = SessionFactory(event=door_event).pk + 1000

    answers = [
        scan(
            door_staff_client, {"code": badge_tokens.badge_token(person), "event": door_event.pk, "session": session_id}
        )
        for session_id in (other.pk, missing)
    ]
    # Without an event, a session of an event the caller does not work at.
    unnamed = scan(door_staff_client, {"code": badge_tokens.badge_token(person), "session": other.pk})

    for response in (*answers, unnamed):
        assert response.status_code == 400
        assert response.json()["message"] == "There is no such session at this event."
    assert not Scan.objects.exists()


def test_counts_of_a_session_give_inside_now_and_attended(door_staff_client, door_event, ministers, closed_round_table):
    people = [RegistrationFactory(event=door_event, category=ministers, user=None) for _ in range(3)]
    for person in people:
        scan(door_staff_client, {"code": badge_tokens.badge_token(person), "session": closed_round_table.pk})
    scan(
        door_staff_client,
        {"code": badge_tokens.badge_token(people[0]), "session": closed_round_table.pk, "direction": "exit"},
    )

    body = door_staff_client.get(
        "/api/checkin/counts/", {"event": door_event.pk, "session": closed_round_table.pk}
    ).json()

    assert body["session"] == {
        "id": closed_round_table.pk,
        "title": "Round table",
        "inside": 2,
        "attended": 3,
        "capacity": 40,
    }
    assert body["checked_in"] == 0  # the door is not the entrance


@pytest.mark.parametrize("session", ["abc", "-1", "99999999999999999999"])
def test_counts_refuse_a_malformed_session(door_staff_client, door_event, session):
    response = door_staff_client.get("/api/checkin/counts/", {"event": door_event.pk, "session": session})

    assert (response.status_code, response.json()["message"]) == (400, "session must be the number of a session.")


def test_counts_refuse_a_session_of_another_event(door_staff_client, door_event):
    response = door_staff_client.get("/api/checkin/counts/", {"event": door_event.pk, "session": SessionFactory().pk})

    assert (response.status_code, response.json()["message"]) == (400, "There is no such session at this event.")


@pytest.mark.parametrize("count", [1, 10])
def test_session_counts_query_count_does_not_grow_with_attendees(
    door_staff_client, door_event, closed_round_table, ministers, django_assert_max_num_queries, count
):
    for _ in range(count):
        SessionAttendance.objects.create(
            session=closed_round_table,
            registration=RegistrationFactory(event=door_event, category=ministers, user=None),
            first_entry_at=timezone.now(),
            last_scan_at=timezone.now(),
        )

    with django_assert_max_num_queries(7):
        body = door_staff_client.get(
            "/api/checkin/counts/", {"event": door_event.pk, "session": closed_round_table.pk}
        ).json()

    assert body["session"]["attended"] == count


def test_uploaded_door_scans_go_through_the_same_verdict(door_staff_client, door_event, ministers, closed_round_table):
    minister = RegistrationFactory(event=door_event, category=ministers, user=None)
    outsider = RegistrationFactory(event=door_event, user=None)
    when = (timezone.now() - datetime.timedelta(minutes=10)).isoformat()
    scans = [
        {
            "code": badge_tokens.badge_token(minister),
            "nonce": "n1",
            "scanned_at": when,
            "session": closed_round_table.pk,
        },
        {
            "code": badge_tokens.badge_token(outsider),
            "nonce": "n2",
            "scanned_at": when,
            "session": closed_round_table.pk,
        },
        {"code": badge_tokens.badge_token(minister), "nonce": "n3", "scanned_at": when, "session": "x"},
    ]

    response = door_staff_client.post(
        "/api/checkin/sync/",
        json.dumps({"event": door_event.pk, "device": "door-1", "scans": scans}),
        "application/json",
    )

    results = response.json()["results"]
    assert [result.get("result") for result in results] == ["ok", "not_admitted", None]
    assert results[0]["session"]["inside"] == 1
    assert results[2] == {"nonce": "n3", "error": "session must be the number of a session.", "status": 400}
    assert SessionAttendance.objects.get().registration == minister


# --- the door rules in the roster ------------------------------------------------------


def roster(client, event, since=None):
    params = {"event": event.pk, **({"since": since} if since else {})}
    response = client.get("/api/checkin/roster/", params, HTTP_ACCEPT_ENCODING="gzip")
    compressed = response.get("Content-Encoding") == "gzip"  # a few bytes are sent as they are
    return response, json.loads(gzip.decompress(response.content) if compressed else response.content)


def test_the_full_roster_carries_the_door_rules(door_staff_client, door_event, ministers, closed_round_table):
    invited = RegistrationFactory(event=door_event, user=None)
    speaker_registration = RegistrationFactory(event=door_event, user=None, email="Speaker@example.org")
    SessionSpeakerFactory(session=closed_round_table, speaker=SpeakerFactory(email="speaker@example.org"))
    session_access_save(session=closed_round_table, closed=True, categories=[ministers], registrations=[invited])
    open_door = SessionFactory(event=door_event, title="Plenary", capacity=500)
    SessionFactory(event=door_event, title="Networking", room=None)  # no rule: not listed
    cancelled = SessionFactory(event=door_event, title="Dropped", is_cancelled=True)

    _response, body = roster(door_staff_client, door_event)

    assert sorted(body["sessions"], key=lambda rule: rule["id"]) == [
        {
            "id": closed_round_table.pk,
            "title": "Round table",
            "closed": True,
            "categories": [ministers.pk],
            "people": sorted([invited.reference, speaker_registration.reference]),
            "capacity": 40,
        },
        {"id": open_door.pk, "title": "Plenary", "closed": False, "categories": [], "people": [], "capacity": 500},
        {"id": cancelled.pk, "title": "Dropped", "closed": True, "categories": [], "people": [], "capacity": None},
    ]


def _cursor_at(cursor: str, moment: datetime.datetime) -> str:
    """The scanner's cursor with its time moved (the door rules' fingerprint kept)."""
    return moment.isoformat() + "~" + cursor.partition("~")[2]


def test_an_unchanged_refresh_has_no_door_rules_and_stays_tiny(door_staff_client, door_event, closed_round_table):
    _response, first = roster(door_staff_client, door_event)
    Registration.objects.update(updated_at=timezone.now() - datetime.timedelta(minutes=5))

    response, refresh = roster(door_staff_client, door_event, since=first["cursor"])

    assert "sessions" in first
    assert "sessions" not in refresh
    assert len(response.content) < 1024


def test_a_refresh_after_an_access_change_carries_the_door_rules(
    door_staff_client, door_event, ministers, closed_round_table
):
    _response, first = roster(door_staff_client, door_event)
    cursor = _cursor_at(first["cursor"], timezone.now() - datetime.timedelta(minutes=1))
    _response, before = roster(door_staff_client, door_event, since=cursor)
    newcomer = RegistrationFactory(event=door_event, user=None)

    SessionAccess.objects.get().registrations.add(newcomer)
    _response, after = roster(door_staff_client, door_event, since=cursor)

    assert "sessions" not in before
    assert after["sessions"][0]["people"] == [newcomer.reference]


def test_a_speaker_added_or_a_room_made_smaller_reaches_the_scanners(
    door_staff_client, door_event, ministers, closed_round_table
):
    """Door rules change without their session or access row changing: the
    fingerprint in the cursor sees it anyway."""
    _response, first = roster(door_staff_client, door_event)
    speaker_registration = RegistrationFactory(event=door_event, user=None, email="late.speaker@example.org")
    Registration.objects.update(updated_at=timezone.now() - datetime.timedelta(minutes=5))
    SessionSpeakerFactory(session=closed_round_table, speaker=SpeakerFactory(email="late.speaker@example.org"))

    _response, after_speaker = roster(door_staff_client, door_event, since=first["cursor"])
    closed_round_table.room.capacity = 12
    closed_round_table.room.save()
    _response, after_room = roster(door_staff_client, door_event, since=after_speaker["cursor"])
    _response, unchanged = roster(door_staff_client, door_event, since=after_room["cursor"])

    assert speaker_registration.reference in after_speaker["sessions"][0]["people"]
    assert after_room["sessions"][0]["capacity"] == 12
    assert "sessions" not in unchanged


@pytest.mark.parametrize("count", [1, 8])
def test_the_door_rules_query_count_does_not_grow_with_sessions(
    door_staff_client, door_event, ministers, django_assert_max_num_queries, count
):
    for n in range(count):
        session = SessionFactory(event=door_event, room=RoomFactory(event=door_event, capacity=30))
        invited = RegistrationFactory(event=door_event, user=None)
        session_access_save(session=session, closed=True, categories=[ministers], registrations=[invited])
        SessionSpeakerFactory(session=session, speaker=SpeakerFactory(email=f"speaker{n}@example.org"))

    with django_assert_max_num_queries(18):
        _response, body = roster(door_staff_client, door_event)

    assert len(body["sessions"]) == count
    assert all(len(rule["people"]) == 1 for rule in body["sessions"])


def test_a_person_found_by_the_search_goes_through_the_door_not_the_entrance(
    door_staff_client, door_event, ministers, closed_round_table
):
    minister = RegistrationFactory(event=door_event, category=ministers, user=None)
    outsider = RegistrationFactory(event=door_event, user=None)

    def manual(registration):
        payload = {"event": door_event.pk, "reference": registration.reference, "session": closed_round_table.pk}
        return door_staff_client.post("/api/checkin/manual/", json.dumps(payload), "application/json").json()

    admitted, refused = manual(minister), manual(outsider)

    assert (admitted["result"], admitted["session"]["inside"]) == ("ok", 1)
    assert (refused["result"], refused["message"]) == ("not_admitted", "Not admitted to this session.")
    minister.refresh_from_db()
    assert minister.checked_in_at is None
    assert SessionAttendance.objects.get().registration == minister
