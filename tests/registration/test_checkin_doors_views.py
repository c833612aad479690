"""Choosing a session's door on the scanner's start page, and the scanner
page at that door (interface 4 of issue 13)."""

import datetime
import re

import pytest
from django.utils import timezone

from registration.checkin.models import SessionAttendance
from tests.factories import RegistrationFactory, RoomFactory, SessionFactory, make_event

pytestmark = pytest.mark.django_db

START = "/checkin/"


def at(event, days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=event.tz)


def session_at(event, days, hour, **fields):
    starts = at(event, days, hour)
    return SessionFactory(event=event, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), **fields)


def test_the_start_page_offers_the_entrance_or_a_sessions_door(door_staff_client):
    page = door_staff_client.get(START).content.decode()

    assert '<input type="radio" name="place" value="entrance" checked> Entrance</label>' in page
    assert '<input type="radio" name="place" value="door"> Door of a session' in page


def test_choosing_a_door_lists_todays_and_upcoming_sessions_by_day(door_staff_client, door_event):
    room = RoomFactory(event=door_event, name="Room II")
    yesterday = session_at(door_event, -1, 10, title="Yesterday's panel")
    today = session_at(door_event, 0, 23, title="Late round table", room=room)
    tomorrow = session_at(door_event, 1, 9, title="Closing plenary")
    session_at(door_event, 1, 11, title="Dropped", is_cancelled=True)

    response = door_staff_client.get(START, {"event": door_event.pk, "place": "door", "gate": "North"})

    assert response.status_code == 200
    days = response.context["days"]
    assert [[session.pk for session in sessions] for _day, sessions in days] == [[today.pk], [tomorrow.pk]]
    page = response.content.decode()
    assert '<label for="checkin-session">Session</label>' in page
    assert "Room II · Late round table" in page
    assert yesterday.title not in page and "Dropped" not in page


def test_a_chosen_door_opens_the_scanner_of_that_session(door_staff_client, door_event):
    session = session_at(door_event, 0, 23)

    response = door_staff_client.get(
        START, {"event": door_event.pk, "place": "door", "session": session.pk, "gate": "N"}
    )

    assert (response.status_code, response["Location"]) == (
        302,
        f"/checkin/{door_event.pk}/?session={session.pk}&gate=N",
    )


def test_a_door_of_another_event_is_not_offered_nor_opened(door_staff_client, door_event):
    other = session_at(make_event(), 0, 23)

    response = door_staff_client.get(START, {"event": door_event.pk, "place": "door", "session": other.pk})

    assert response.status_code == 400
    assert response.context["error"] == "Choose one of the sessions in the list."


def test_the_scanner_at_a_door_carries_the_session_and_its_controls(door_staff_client, door_event):
    session = session_at(
        door_event, 0, 23, title="Round table", room=RoomFactory(event=door_event, name="Room II", capacity=40)
    )
    SessionAttendance.objects.create(
        session=session,
        registration=RegistrationFactory(event=door_event, user=None),
        first_entry_at=timezone.now(),
        last_scan_at=timezone.now(),
    )

    page = door_staff_client.get(f"/checkin/{door_event.pk}/", {"session": session.pk}).content.decode()

    assert f'data-session="{session.pk}"' in page
    assert 'data-session-title="Round table"' in page
    assert 'data-session-capacity="40"' in page
    assert '<input type="radio" name="direction" value="entry" checked> Entry</label>' in page
    assert '<input type="radio" name="direction" value="exit"> Exit</label>' in page
    assert re.search(r'<output id="session-inside"[^>]*>1 / 40</output>', page)
    assert "Room II · 40 places" in page


def test_the_entrance_scanner_has_no_door(door_staff_client, door_event):
    page = door_staff_client.get(f"/checkin/{door_event.pk}/").content.decode()

    assert "data-session=" not in page
    assert 'id="session-inside"' not in page


@pytest.mark.parametrize("value", ["other", "abc", "1" * 30])
def test_the_scanner_of_a_session_not_of_the_event_is_404(door_staff_client, door_event, value):
    other = session_at(make_event(), 0, 23)

    response = door_staff_client.get(f"/checkin/{door_event.pk}/", {"session": other.pk if value == "other" else value})

    assert response.status_code == 404
