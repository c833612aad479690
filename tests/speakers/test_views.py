import datetime

import pytest
from django.core import mail
from django.utils import timezone

from registration.models import Registration, RegistrationStatus
from sessions.models import SessionSpeaker
from speakers.models import Invitation, InvitationStatus, Speaker
from tests.helpers import png_declaring, png_upload, profile

pytestmark = pytest.mark.django_db


def url(token: str, action: str = "") -> str:
    return f"/speakers/invitation/{token}/" + (f"{action}/" if action else "")


def test_invitation_page_shows_event_sessions_role_and_message(client, invite, sessions):
    _, token = invite(sessions=sessions, role="keynote")
    response = client.get(url(token))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    assert "<h1>Invitation to speak at Policy Dialogue on Neurotechnology</h1>" in html
    assert "Amara Nwosu, you are invited as Keynote speaker." in html
    assert "<strong>Mental privacy</strong>" in html and "<strong>Neurorights in law</strong>" in html
    assert "Wednesday 24 June 2026, 09:00" in html and "room Room XI" in html
    assert "We would be delighted to hear you." in html
    assert '<label for="id_photo">Photo</label>' in html


def test_unknown_token_gets_a_clear_404_page(client, invite):
    invite()
    response = client.get(url("not-a-real-token"))
    assert response.status_code == 404
    assert "<h1>This link is not valid</h1>" in response.content.decode()
    assert client.post(url("not-a-real-token", "accept"), profile()).status_code == 404
    assert Invitation.objects.get().status == InvitationStatus.PENDING


@pytest.mark.parametrize(
    ("status", "heading"),
    [
        (InvitationStatus.REVOKED, "This invitation has been withdrawn"),
        (InvitationStatus.EXPIRED, "This invitation has expired"),
    ],
)
def test_closed_invitation_gets_a_410_page_and_changes_nothing(client, invite, status, heading):
    invitation, token = invite()
    Invitation.objects.filter(pk=invitation.pk).update(status=status)
    response = client.get(url(token))
    assert response.status_code == 410
    assert f"<h1>{heading}</h1>" in response.content.decode()
    assert client.post(url(token, "accept"), profile()).status_code == 410
    assert client.post(url(token, "decline"), {"reason": "x"}).status_code == 410
    assert Invitation.objects.get().status == status
    assert SessionSpeaker.objects.count() == 0


def test_pending_invitation_past_its_expiry_is_shown_expired(client, invite):
    invitation, token = invite()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.post(url(token, "accept"), profile())
    assert response.status_code == 410
    assert "<h1>This invitation has expired</h1>" in response.content.decode()
    assert SessionSpeaker.objects.count() == 0


def test_accept_with_photo_creates_speaker_session_link_and_registration(client, invite, invite_event, sessions):
    invitation, token = invite()
    response = client.post(url(token, "accept"), {**profile(), "photo": png_upload()})
    assert response.status_code == 302
    assert response["Location"] == url(token)
    speaker = Speaker.objects.get()
    assert (speaker.photo.width, speaker.photo.height) == (40, 40)
    assert list(SessionSpeaker.objects.values_list("session__title", "speaker__last_name", "role")) == [
        ("Mental privacy", "Nwosu", "panellist")
    ]
    assert Registration.objects.get(event=invite_event).status == RegistrationStatus.CONFIRMED
    page = client.get(url(token))
    assert page.status_code == 200
    assert "<h1>Thank you: you have accepted</h1>" in page.content.decode()


def test_accept_twice_is_idempotent(client, invite, invite_event):
    _, token = invite()
    client.post(url(token, "accept"), profile())
    second = client.post(url(token, "accept"), profile(organisation="Something else"))
    assert second.status_code == 200
    assert "<h1>Thank you: you have accepted</h1>" in second.content.decode()
    assert Speaker.objects.get().organisation == "University of Lagos"
    assert (SessionSpeaker.objects.count(), Registration.objects.filter(event=invite_event).count()) == (1, 1)


def test_photo_too_large_is_a_form_error(client, invite, settings):
    settings.SPEAKER_PHOTO_MAX_BYTES = 100
    _, token = invite()
    response = client.post(url(token, "accept"), {**profile(), "photo": png_upload()})
    assert response.status_code == 400
    size = len(png_upload().read())
    assert response.context["accept_form"].errors["photo"] == [
        f"The photo is too large ({size}\xa0bytes); the limit is 100\xa0bytes."
    ]
    assert 'id="id_photo_error"' in response.content.decode()
    assert (Invitation.objects.get().status, Speaker.objects.count()) == (InvitationStatus.PENDING, 0)


def test_photo_declaring_huge_dimensions_is_a_form_error(client, invite):
    _, token = invite()
    response = client.post(url(token, "accept"), {**profile(), "photo": png_declaring(100_000, 100_000)})
    assert response.status_code == 400
    assert response.context["accept_form"].errors["photo"] == [
        "The photo has too many pixels; the limit is 40 million. Upload a smaller image."
    ]
    assert 'id="id_photo_error"' in response.content.decode()
    assert (Invitation.objects.get().status, Speaker.objects.count()) == (InvitationStatus.PENDING, 0)


def test_photo_over_the_pixel_limit_is_a_form_error(client, invite, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    _, token = invite()
    response = client.post(url(token, "accept"), {**profile(), "photo": png_upload(size=(1001, 1000))})
    assert response.status_code == 400
    assert response.context["accept_form"].errors["photo"] == [
        "The photo has too many pixels; the limit is 1 million. Upload a smaller image."
    ]
    accepted = client.post(url(token, "accept"), {**profile(), "photo": png_upload(size=(1000, 1000))})
    assert accepted.status_code == 302
    assert (Speaker.objects.get().photo.width, Speaker.objects.get().photo.height) == (1000, 1000)


def test_photo_that_is_not_an_image_is_a_form_error(client, invite):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, token = invite()
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client.post(url(token, "accept"), {**profile(), "photo": fake})
    assert response.status_code == 400
    assert response.context["accept_form"].errors["photo"] == [
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ]
    assert (Invitation.objects.get().status, Speaker.objects.count(), SessionSpeaker.objects.count()) == (
        InvitationStatus.PENDING,
        0,
        0,
    )


def test_gender_without_consent_is_a_form_error(client, invite):
    _, token = invite()
    response = client.post(url(token, "accept"), profile(gender="man", gender_consent=""))
    assert response.status_code == 400
    assert response.context["accept_form"].errors == {
        "gender_consent": ["Tick this box to store your gender, or leave the gender blank."]
    }


def test_missing_required_profile_fields_are_form_errors(client, invite):
    _, token = invite()
    response = client.post(url(token, "accept"), profile(organisation="", country=""))
    assert response.status_code == 400
    assert response.context["accept_form"].errors == {
        "organisation": ["This field is required."],
        "country": ["This field is required."],
    }


def test_decline_with_reason_notifies_organiser_once(client, invite, django_capture_on_commit_callbacks):
    invitation, token = invite()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(token, "decline"), {"reason": "Clash with a council meeting."})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url(token, "decline"), {"reason": "Second try"})
    assert again.status_code == 200
    assert "<h1>You have declined this invitation</h1>" in again.content.decode()
    invitation.refresh_from_db()
    assert (invitation.status, invitation.decline_reason) == (
        InvitationStatus.DECLINED,
        "Clash with a council meeting.",
    )
    assert [message.to for message in mail.outbox] == [["olga@example.org"]]


def test_accept_after_decline_changes_nothing(client, invite):
    _, token = invite()
    client.post(url(token, "decline"), {"reason": ""})
    response = client.post(url(token, "accept"), profile())
    assert response.status_code == 200
    assert "<h1>You have declined this invitation</h1>" in response.content.decode()
    assert (Invitation.objects.get().status, SessionSpeaker.objects.count()) == (InvitationStatus.DECLINED, 0)


def test_get_on_answer_urls_is_not_allowed(client, invite):
    _, token = invite()
    assert client.get(url(token, "accept")).status_code == 405
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_account_page_lists_the_users_invitations_with_the_answer_link(client, invite):
    from tests.factories import UserFactory

    _, token = invite(email="amara@example.org")
    invite(email="someone.else@example.org", first_name="Other", last_name="Person")
    client.force_login(UserFactory(email="Amara@example.org"))
    html = client.get("/account/").content.decode()
    assert '<h2 id="account-speaker-invitations">My speaker invitations</h2>' in html
    assert f'<a href="/speakers/invitation/{token}/">Answer the invitation</a>' in html
    assert html.count("/speakers/invitation/") == 1


def test_account_page_has_no_section_without_invitations(client, invite):
    from tests.factories import UserFactory

    invite(email="amara@example.org")
    client.force_login(UserFactory(email="nobody@example.org"))
    html = client.get("/account/").content.decode()
    assert "My speaker invitations" not in html


@pytest.mark.parametrize("count", [1, 10])
def test_account_section_query_count_does_not_grow(rf, invite, count, django_assert_num_queries):
    from speakers.views import account_section
    from tests.factories import UserFactory

    user = UserFactory(email="amara@example.org")
    for n in range(count):
        invite(email="amara@example.org" if n == 0 else f"amara+{n}@example.org")
    from allauth.account.models import EmailAddress

    for n in range(1, count):
        EmailAddress.objects.create(user=user, email=f"amara+{n}@example.org", verified=True)
    request = rf.get("/account/")
    request.user = user
    with django_assert_num_queries(3):
        html = account_section(request)
    assert html.count("Answer the invitation") == count
