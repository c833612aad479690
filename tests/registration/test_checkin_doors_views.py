"""Choosing a session's door on the scanner's start page, and the scanner
page at that door (interface 4 of issue 13)."""

import datetime
import re

import pytest
from django.utils import timezone

from registration.checkin.models import SessionAttendance
from tests.factories import RegistrationFactory, RoomFactory, SessionFactory, make_event
from tests.helpers import make_checkin_staff, signed_in

pytestmark = pytest.mark.django_db

START = "/checkin/"


@pytest.fixture
def forum():
    """Held yesterday, today and tomorrow, in Paris."""
    today = timezone.localdate()
    return make_event(
        title="Global Forum",
        time_zone="Europe/Paris",
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )


@pytest.fixture
def staff_client(forum):
    return signed_in(make_checkin_staff(forum))


def at(event, days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=event.tz)


def session_at(event, days, hour, **fields):
    starts = at(event, days, hour)
    return SessionFactory(event=event, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), **fields)


def test_the_start_page_offers_the_entrance_or_a_sessions_door(staff_client):
    page = staff_client.get(START).content.decode()

    assert '<input type="radio" name="place" value="entrance" checked> Entrance</label>' in page
    assert '<input type="radio" name="place" value="door"> Door of a session' in page


def test_choosing_a_door_lists_todays_and_upcoming_sessions_by_day(staff_client, forum):
    room = RoomFactory(event=forum, name="Room II")
    yesterday = session_at(forum, -1, 10, title="Yesterday's panel")
    today = session_at(forum, 0, 23, title="Late round table", room=room)
    tomorrow = session_at(forum, 1, 9, title="Closing plenary")
    session_at(forum, 1, 11, title="Dropped", is_cancelled=True)

    response = staff_client.get(START, {"event": forum.pk, "place": "door", "gate": "North"})

    assert response.status_code == 200
    days = response.context["days"]
    assert [[session.pk for session in sessions] for _day, sessions in days] == [[today.pk], [tomorrow.pk]]
    page = response.content.decode()
    assert '<label for="checkin-session">Session</label>' in page
    assert "Room II · Late round table" in page
    assert yesterday.title not in page and "Dropped" not in page


def test_a_chosen_door_opens_the_scanner_of_that_session(staff_client, forum):
    session = session_at(forum, 0, 23)

    response = staff_client.get(START, {"event": forum.pk, "place": "door", "session": session.pk, "gate": "N"})

    assert (response.status_code, response["Location"]) == (302, f"/checkin/{forum.pk}/?session={session.pk}&gate=N")


def test_a_door_of_another_event_is_not_offered_nor_opened(staff_client, forum):
    other = session_at(make_event(), 0, 23)

    response = staff_client.get(START, {"event": forum.pk, "place": "door", "session": other.pk})

    assert response.status_code == 400
    assert response.context["error"] == "Choose one of the sessions in the list."


def test_the_scanner_at_a_door_carries_the_session_and_its_controls(staff_client, forum):
    session = session_at(forum, 0, 23, title="Round table", room=RoomFactory(event=forum, name="Room II", capacity=40))
    SessionAttendance.objects.create(
        session=session,
        registration=RegistrationFactory(event=forum, user=None),
        first_entry_at=timezone.now(),
        last_scan_at=timezone.now(),
    )

    page = staff_client.get(f"/checkin/{forum.pk}/", {"session": session.pk}).content.decode()

    assert f'data-session="{session.pk}"' in page
    assert 'data-session-title="Round table"' in page
    assert 'data-session-capacity="40"' in page
    assert '<input type="radio" name="direction" value="entry" checked> Entry</label>' in page
    assert '<input type="radio" name="direction" value="exit"> Exit</label>' in page
    assert re.search(r'<output id="session-inside"[^>]*>1 / 40</output>', page)
    assert "Room II · 40 places" in page


def test_the_entrance_scanner_has_no_door(staff_client, forum):
    page = staff_client.get(f"/checkin/{forum.pk}/").content.decode()

    assert "data-session=" not in page
    assert 'id="session-inside"' not in page


@pytest.mark.parametrize("value", ["other", "abc", "1" * 30])
def test_the_scanner_of_a_session_not_of_the_event_is_404(staff_client, forum, value):
    other = session_at(make_event(), 0, 23)

    response = staff_client.get(f"/checkin/{forum.pk}/", {"session": other.pk if value == "other" else value})

    assert response.status_code == 404
