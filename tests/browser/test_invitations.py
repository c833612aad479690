"""An organiser invites two speakers from a session's edit view; one accepts
with a photo and appears on the public session page, the other declines."""

import datetime
import io

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from PIL import Image
from wagtail.models import Collection

from registration.models import Registration
from speakers.models import Invitation
from tests.factories import RoomFactory, SessionFactory, UserFactory, local, make_event
from tests.helpers import grant_event_rights, link_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def link_for(email: str) -> str:
    return link_path(next(message for message in mail.outbox if message.to == [email]))


def test_organiser_invites_one_accepts_with_photo_one_declines(page, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Earlier transactional tests flush what migrations made, such as the
    # root image collection that the speaker's photo goes into.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    event = make_event(title="Policy Dialogue on Neurotechnology")
    session = SessionFactory(
        event=event, title="Mental privacy", room=RoomFactory(event=event, name="Room XI"), starts_at=local(event, 0, 9)
    )
    organiser = grant_event_rights(UserFactory(email="olga@example.org"), event)
    sign_in(page, live_server, organiser)

    # The organiser opens the session in the admin and invites two speakers at once.
    page.goto(f"/admin/agenda/sessions/edit/{session.pk}/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("link", name="Invite speakers").click()
    page.wait_for_url(f"{live_server.url}/admin/speakers/invitations/session/{session.pk}/")
    page.get_by_label("New speakers").fill("Amara, Nwosu, amara@example.org\nBruno, Keller, bruno@example.org")
    page.get_by_label("Role").select_option("moderator")
    page.get_by_label("Personal message").fill("We would be delighted to hear you.")
    page.get_by_label("Reply by").fill((timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Create and send the invitations").click()
    page.wait_for_url(f"{live_server.url}/admin/speakers/invitations/")
    assert page.locator('[data-status="pending"] strong').inner_text() == "2"
    assert sorted(message.to[0] for message in mail.outbox) == ["amara@example.org", "bruno@example.org"]

    # The first speaker opens the link from the email, signed out, and accepts with a photo.
    page.context.clear_cookies()
    page.goto(link_for("amara@example.org"))
    assert page.locator("h1").inner_text() == "Invitation to speak at Policy Dialogue on Neurotechnology"
    assert page.get_by_text("We would be delighted to hear you.").is_visible()
    page.get_by_label("Honorific").fill("Dr")
    page.get_by_label("Position").fill("Professor of Law")
    page.get_by_label("Organisation").fill("University of Lagos")
    page.get_by_label("Country").select_option("NG")
    page.get_by_label("Short biography").fill("Works on neurorights.")
    photo = tmp_path / "amara.png"
    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), (31, 95, 139)).save(buffer, format="PNG")
    photo.write_bytes(buffer.getvalue())
    page.get_by_label("Photo").set_input_files(str(photo))
    page.get_by_label("Gender (optional)").select_option("woman")
    page.get_by_label("I agree that my gender is stored").check()
    page.get_by_role("button", name="Accept the invitation").click()
    assert page.locator("h1").inner_text() == "Thank you: you have accepted"

    # She now shows on the public session page, with her photo and role.
    page.goto(f"{event.url}sessions/{session.uid}/")
    speakers = page.get_by_role("region", name="Speakers")
    assert speakers.get_by_role("link", name="Dr Amara Nwosu").is_visible()
    assert speakers.locator(".speaker-list__role").inner_text() == "Moderator"
    assert speakers.locator("img.speaker-photo").count() == 1
    assert Registration.objects.get(event=event, email="amara@example.org").status == "confirmed"

    # The second speaker declines with a reason; the organiser is told.
    page.goto(link_for("bruno@example.org"))
    page.get_by_label("Reason (optional)").fill("I am at another summit that week.")
    page.get_by_role("button", name="Decline the invitation").click()
    assert page.locator("h1").inner_text() == "You have declined this invitation"
    notice = next(message for message in mail.outbox if message.to == ["olga@example.org"])
    assert notice.subject == "Bruno Keller declined to speak at Policy Dialogue on Neurotechnology"
    assert dict(Invitation.objects.values_list("email", "status")) == {
        "amara@example.org": "accepted",
        "bruno@example.org": "declined",
    }
    page.goto(f"{event.url}sessions/{session.uid}/")
    assert page.get_by_text("Bruno Keller").count() == 0
