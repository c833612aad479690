"""Writers of one agenda at the same instant, on PostgreSQL: two organisers
saving clashing sessions through the admin, and an organiser and a speaker
accepting an invitation booking one speaker at once. Every agenda write
goes through the sessions services, whose locks (the event, then the
speakers) cover the checks and the save: exactly one write wins and the
other side is told why."""

import datetime
import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from wagtail.models import GroupPagePermission

from sessions import services
from sessions.models import Session, SessionSpeaker
from tests.factories import RoomFactory, SessionFactory, SpeakerFactory, UserFactory, local, make_event
from tests.helpers import SESSIONS, form_data, run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_content_types(transactional_db):
    """A flush renumbers content types: forget the cached ones. (make_event
    recreates the root page and the default locale.)"""
    ContentType.objects.clear_cache()


def _slow(monkeypatch, name: str) -> None:
    """Hold each writer a moment after the check ``name`` of the sessions
    services, so both would pass it before either saves unless a lock orders
    them."""
    check = getattr(services, name)

    def check_then_wait(*args, **kwargs):
        found = check(*args, **kwargs)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(services, name, check_then_wait)


@pytest.fixture
def slow_room_check(monkeypatch):
    _slow(monkeypatch, "_room_errors")


@pytest.fixture
def slow_speaker_check(monkeypatch):
    _slow(monkeypatch, "_speaker_errors")


def organiser_of(event):
    """A user with admin access, the agenda permissions and edit rights on
    the event's page (built from permissions: the flush removed the
    migrations' Organisers group)."""
    group, _created = Group.objects.get_or_create(name=f"Organisers of {event.slug}")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="agenda")
        | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    GroupPagePermission.objects.get_or_create(
        group=group,
        page=event,
        permission=Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page"),
    )
    user = UserFactory()
    user.groups.add(group)
    return user


def post_at_once(posts: list[tuple[Client, str, dict]]) -> list[tuple[int, dict]]:
    """POST every admin form from its own thread, all released at once; each
    result is the response's status and the form's errors."""

    def post(client: Client, url: str, data: dict) -> tuple[int, dict]:
        response = client.post(url, data)
        return response.status_code, dict(response.context["form"].errors) if response.status_code == 200 else {}

    return run_at_once([lambda post_args=post_args: post(*post_args) for post_args in posts])


@pytest.fixture
def race_event():
    return make_event(time_zone="Asia/Bangkok")


@pytest.fixture
def race_room(race_event):
    return RoomFactory(event=race_event, name="Plenary Hall")


@pytest.fixture
def organiser_clients(race_event) -> list[Client]:
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(organiser_of(race_event))
        clients.append(client)
    return clients


def taken(title: str, times: str) -> tuple[int, dict]:
    return (200, {"room": [f"Plenary Hall is already taken by “{title}” from {times}."]})


SAVED = (302, {})


def test_two_organisers_adding_clashing_sessions_at_once_save_one(
    slow_room_check, race_event, race_room, organiser_clients
):
    morning = form_data(
        race_event, race_room, title="Morning panel", starts_at="2026-06-25 09:00", ends_at="2026-06-25 10:30"
    )
    late_morning = form_data(
        race_event, race_room, title="Late morning panel", starts_at="2026-06-25 10:00", ends_at="2026-06-25 11:00"
    )

    results = post_at_once(
        [(organiser_clients[0], SESSIONS + "add/", morning), (organiser_clients[1], SESSIONS + "add/", late_morning)]
    )

    assert Session.objects.count() == 1
    saved = Session.objects.get().title
    if saved == "Morning panel":
        assert results == [SAVED, taken("Morning panel", "09:00 to 10:30")]
    else:
        assert results == [taken("Late morning panel", "10:00 to 11:00"), SAVED]


def test_two_organisers_moving_sessions_into_one_slot_at_once_move_one(
    slow_room_check, race_event, race_room, organiser_clients
):
    opening = SessionFactory(event=race_event, room=race_room, title="Opening", starts_at=local(race_event, 1, 9))
    closing = SessionFactory(event=race_event, room=race_room, title="Closing", starts_at=local(race_event, 1, 16))
    move_opening = form_data(
        race_event, race_room, title="Opening", starts_at="2026-06-25 14:00", ends_at="2026-06-25 15:00"
    )
    move_closing = form_data(
        race_event, race_room, title="Closing", starts_at="2026-06-25 14:30", ends_at="2026-06-25 15:30"
    )

    results = post_at_once(
        [
            (organiser_clients[0], f"{SESSIONS}edit/{opening.pk}/", move_opening),
            (organiser_clients[1], f"{SESSIONS}edit/{closing.pk}/", move_closing),
        ]
    )

    opening.refresh_from_db()
    closing.refresh_from_db()
    if opening.starts_at == local(race_event, 1, 14):
        assert results == [SAVED, taken("Opening", "14:00 to 15:00")]
        assert closing.starts_at == local(race_event, 1, 16)
    else:
        assert results == [taken("Closing", "14:30 to 15:30"), SAVED]
        assert (opening.starts_at, closing.starts_at) == (local(race_event, 1, 9), local(race_event, 1, 14, 30))


def test_a_post_to_the_copy_view_checks_the_room_under_the_lock(race_event, race_room, organiser_clients):
    """The copy view is a create view too: its POST runs in a transaction, so
    the lock can be taken and a clash is an error beside the room, not a 500."""
    original = SessionFactory(event=race_event, room=race_room, title="Opening", starts_at=local(race_event, 1, 9))
    SessionFactory(event=race_event, room=race_room, title="Closing", starts_at=local(race_event, 1, 16))
    copy = form_data(
        race_event, race_room, title="Opening again", starts_at="2026-06-25 16:30", ends_at="2026-06-25 17:00"
    )

    response = organiser_clients[0].post(f"{SESSIONS}copy/{original.pk}/", copy)

    assert (response.status_code, dict(response.context["form"].errors)) == taken("Closing", "16:00 to 17:30")
    assert sorted(Session.objects.values_list("title", flat=True)) == ["Closing", "Opening"]


def test_an_organiser_and_an_accepting_speaker_booking_one_speaker_at_once_book_once(
    slow_speaker_check, race_event, race_room, organiser_clients
):
    """The organiser puts the speaker on a session of their event while the
    speaker accepts an invitation to another event's session at the same
    time: two events' locks, so only the speaker's row orders them."""
    from speakers.services import invitation_accept, invitation_create

    speaker = SpeakerFactory(first_name="Amara", last_name="Nwosu", email="amara@example.org")
    other_event = make_event(time_zone="Asia/Bangkok")
    elsewhere = SessionFactory(
        event=other_event, title="Neural data", starts_at=local(other_event, 1, 9), ends_at=local(other_event, 1, 10)
    )
    invitation = invitation_create(
        event=other_event,
        sessions=[elsewhere],
        role="panellist",
        reply_by=timezone.localdate() + datetime.timedelta(days=10),
        by=None,
        speaker=speaker,
    )
    here = form_data(
        race_event,
        race_room,
        title="Morning panel",
        starts_at="2026-06-25 09:30",
        ends_at="2026-06-25 10:30",
        speakers=[(speaker, "moderator")],
    )

    def accept():
        try:
            invitation_accept(invitation=invitation, profile={"first_name": "Amara", "last_name": "Nwosu"})
        except ValidationError as error:
            return error.message_dict
        return "accepted"

    def add():
        response = organiser_clients[0].post(SESSIONS + "add/", here)
        if response.status_code == 302:
            return "added"
        return response.context["form"].formsets["session_speakers"].forms[0].errors

    admin_result, accept_result = run_at_once([add, accept])

    assert SessionSpeaker.objects.filter(speaker=speaker).count() == 1
    if admin_result == "added":
        assert accept_result == {"speaker": ["Amara Nwosu already speaks at another event from 09:30 to 10:30."]}
        assert list(Session.objects.filter(event=race_event).values_list("title", flat=True)) == ["Morning panel"]
    else:
        assert (admin_result, accept_result) == (
            {"speaker": ["Amara Nwosu already speaks at another event from 09:00 to 10:00."]},
            "accepted",
        )
        assert Session.objects.filter(event=race_event).count() == 0
