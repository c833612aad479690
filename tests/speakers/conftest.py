"""Fixtures for the speakers tests: an event with sessions, an organiser
with edit rights on it, and a helper that creates an invitation through the
service and returns it with its link token."""

import datetime

import pytest
from django.utils import timezone

from speakers.services import invitation_create, invitation_link_token
from tests.factories import RoomFactory, SessionFactory, UserFactory, local, make_event
from tests.helpers import grant_event_rights


@pytest.fixture
def invite_event(db):
    event = make_event(title="Policy Dialogue on Neurotechnology", contact_email="dialogue@example.org")
    room = RoomFactory(event=event, name="Room XI")
    SessionFactory(event=event, room=room, title="Mental privacy", starts_at=local(event, 0, 9))
    SessionFactory(event=event, room=room, title="Neurorights in law", starts_at=local(event, 0, 14))
    return event


@pytest.fixture
def sessions(invite_event):
    return list(invite_event.sessions.order_by("starts_at"))


@pytest.fixture
def invite_organiser(invite_event):
    return grant_event_rights(
        UserFactory(first_name="Olga", last_name="Organiser", email="olga@example.org"), invite_event
    )


@pytest.fixture
def invite_organiser_client(client, invite_organiser):
    client.force_login(invite_organiser)
    return client


@pytest.fixture
def reply_by():
    return timezone.localdate() + datetime.timedelta(days=10)


@pytest.fixture
def invite(invite_event, sessions, invite_organiser, reply_by, django_capture_on_commit_callbacks):
    """``invite(**overrides) -> (invitation, token)``, through the service."""

    def make(**overrides):
        fields = {
            "event": invite_event,
            "sessions": sessions[:1],
            "role": "panellist",
            "reply_by": reply_by,
            "by": invite_organiser,
            "first_name": "Amara",
            "last_name": "Nwosu",
            "email": "amara@example.org",
            "message": "We would be delighted to hear you.",
            **overrides,
        }
        with django_capture_on_commit_callbacks(execute=True):
            invitation = invitation_create(**fields)
        return invitation, invitation_link_token(invitation)

    return make


@pytest.fixture(autouse=True)
def _root_collection(db):
    """Photos go into the root image collection, which migrations create and
    a transactional test run before this one may have flushed."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded photos go to a temporary folder, not the project's media/."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
