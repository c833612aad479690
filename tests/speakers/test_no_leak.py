"""A pending (or declined, revoked, expired) invitation never shows the
invitee on the public pages that engineer A's agenda capability serves: the
agenda, the session page, the event's speaker index and speaker pages, the
event and speaker calendar feeds, and page search. Accepting makes the
speaker appear on the same pages."""

import pytest
from wagtail.models import Page

from speakers.models import Invitation
from speakers.services import invitation_accept
from tests.factories import SessionSpeakerFactory, SpeakerFactory
from tests.helpers import profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_pages(invite_event, sessions):
    SessionSpeakerFactory(session=sessions[0], speaker=SpeakerFactory(first_name="Visible", last_name="Confirmed"))
    base = invite_event.url
    return [
        f"{base}agenda/",
        f"{base}sessions/{sessions[0].uid}/",
        f"{base}sessions/{sessions[1].uid}/",
        f"{base}speakers/",
        f"{base}calendar.ics",
        f"{base}sessions/{sessions[0].uid}.ics",
    ]


def fetch(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


@pytest.mark.parametrize("status", ["pending", "declined", "revoked", "expired"])
def test_unaccepted_invitee_appears_on_no_public_page(client, invite, sessions, public_pages, status):
    invitation, _ = invite(first_name="Secretia", last_name="Pendingham", sessions=sessions)
    Invitation.objects.filter(pk=invitation.pk).update(status=status)
    profile_speaker = SpeakerFactory(first_name="Profiled", last_name="Invitee", email="profiled@example.org")
    invite(speaker=profile_speaker, first_name="", last_name="", email="", sessions=sessions)
    for url in public_pages:
        text = fetch(client, url)
        assert "Pendingham" not in text, url
        assert "Profiled" not in text, url
    assert "Visible Confirmed" in fetch(client, public_pages[3])
    base = sessions[0].event.url
    assert client.get(f"{base}speakers/{profile_speaker.slug}/").status_code == 404
    assert client.get(f"{base}speakers/secretia-pendingham/").status_code == 404
    assert client.get("/calendar/speakers/secretia-pendingham.ics").status_code == 404
    assert list(Page.objects.live().search("Pendingham")) == []


def test_accepted_speaker_appears_on_the_public_pages(client, invite, sessions, public_pages):
    invitation, _ = invite(first_name="Secretia", last_name="Pendingham", sessions=sessions[:1])
    invitation_accept(invitation=invitation, profile=profile(first_name="Secretia", last_name="Pendingham"))
    speaker = Invitation.objects.get().speaker
    assert "Pendingham" in fetch(client, public_pages[3])
    assert "Pendingham" in fetch(client, public_pages[1])
    assert "Pendingham" not in fetch(client, public_pages[2])
    assert "Pendingham" in fetch(client, f"{sessions[0].event.url}speakers/{speaker.slug}/")
