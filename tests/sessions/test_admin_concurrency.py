"""Two organisers saving clashing sessions through the admin at the same
instant, on PostgreSQL: the event lock covers the admin's checks and its
save, so exactly one session is saved and the other organiser sees why."""

import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from wagtail.models import GroupPagePermission

from sessions.models import Session
from tests.factories import RoomFactory, SessionFactory, UserFactory, local, make_event
from tests.helpers import SESSIONS, form_data, run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_content_types(transactional_db):
    """A flush renumbers content types: forget the cached ones. (make_event
    recreates the root page and the default locale.)"""
    ContentType.objects.clear_cache()


@pytest.fixture
def slow_room_check(monkeypatch):
    """Hold each request a moment after its room check, so the two requests
    would both pass the check before either saves unless a lock orders them."""
    check = Session.clean

    def clean_then_wait(session):
        check(session)
        time.sleep(0.3)

    monkeypatch.setattr(Session, "clean", clean_then_wait)


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
