"""A registration made for someone, end to end, for each way one is made
(an organiser's "Add registration", a delegation list imported as CSV, a
speaker's acceptance, a focal point's nomination approved by the organisers): the email's claim link, allauth's real signup and
email confirmation with that address, the registration in "My
registrations", the consent asked first, the badge whose QR code decodes
to the registration's token, then editing and cancelling."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from home.emails import absolute_url
from home.models import PrivacyNoticeVersion
from registration.badges import tokens as badge_tokens
from registration.delegations.services import delegation_accept, delegation_approve, delegation_create
from registration.models import Registration, RegistrationLogEntry, RegistrationStatus
from registration.services import CLAIM_REASON
from speakers.services import invitation_accept
from tests.factories import InvitationFactory, UserFactory, make_content_page
from tests.helpers import claim_link_path, decoded_codes, profile, rasterise, sign_up_and_confirm, signed_in

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_registration_registration:add"


def registration_emails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address] and "Registration" in message.subject]


def add_through_admin(organiser_client, event, category, django_capture_on_commit_callbacks) -> Registration:
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            reverse(ADD),
            {
                "event": event.pk,
                "category": category.pk,
                "honorific": "H.E.",
                "first_name": "Kofi",
                "last_name": "Mensah",
                "email": "Kofi.Mensah@example.org",
                "organisation": "Permanent Delegation of Ghana",
                "country": "GH",
                "attendance_mode": "in_person",
                "preferred_language": "en",
            },
        )
    assert response.status_code == 302
    return Registration.objects.get(last_name="Mensah")


def import_through_view(organiser_client, event, category, django_capture_on_commit_callbacks) -> Registration:
    rows = (
        "first_name,last_name,email,organisation,country,honorific\n"
        "Kofi,Mensah,Kofi.Mensah@example.org,Permanent Delegation of Ghana,gh,H.E.\n"
        "Ama,Owusu,ama.owusu@example.org,Permanent Delegation of Ghana,GH,\n"
    )
    upload = SimpleUploadedFile("ghana.csv", rows.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(reverse("registration_import_list"), {"category": category.pk, "file": upload})
    assert response.status_code == 302
    return Registration.objects.get(last_name="Mensah")


def accept_as_speaker(organiser_client, event, category, django_capture_on_commit_callbacks) -> Registration:
    invitation = InvitationFactory(event=event, email="Kofi.Mensah@example.org", first_name="Kofi")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_accept(
            invitation=invitation,
            profile=profile(honorific="H.E.", first_name="Kofi", last_name="Mensah", gender="", gender_consent=False),
        )
    return Registration.objects.get(last_name="Mensah")


def nominate_as_focal_point(organiser_client, event, category, django_capture_on_commit_callbacks) -> Registration:
    organiser = get_user_model().objects.get(pk=organiser_client.session["_auth_user_id"])
    focal_point = UserFactory(email="focal.point@ghana-mission.example.org")
    delegation = delegation_create(
        event=event,
        country="GH",
        focal_point_name="Abena Boateng",
        focal_point_email=focal_point.email,
        language="en",
        quotas={category: 3},
        by=organiser,
    )
    delegation = delegation_accept(delegation=delegation, user=focal_point)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(focal_point).post(
            reverse("delegations:nominate", args=[delegation.pk]),
            {
                "category": category.pk,
                "honorific": "H.E.",
                "first_name": "Kofi",
                "last_name": "Mensah",
                "position": "Ambassador",
                "email": "Kofi.Mensah@example.org",
                "organisation": "Permanent Delegation of Ghana",
                "country": "GH",
                "attendance_mode": "in_person",
                "preferred_language": "en",
            },
        )
    assert response.status_code == 302
    registration = Registration.objects.get(last_name="Mensah")
    assert registration.status == RegistrationStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        assert delegation_approve(delegation=delegation, by=organiser) == (1, [])
    return Registration.objects.get(pk=registration.pk)


MADE_FOR_THEM = {
    "admin": add_through_admin,
    "import": import_through_view,
    "speaker": accept_as_speaker,
    "nomination": nominate_as_focal_point,
}


@pytest.mark.parametrize("made_by", MADE_FOR_THEM)
def test_person_registered_by_someone_else_signs_up_claims_consents_and_gets_the_badge(
    made_by, organiser_client, event, reg_settings, category, django_capture_on_commit_callbacks, tmp_path
):
    registration = MADE_FOR_THEM[made_by](organiser_client, event, category, django_capture_on_commit_callbacks)
    assert (registration.user, registration.claimed_at, registration.privacy_accepted_at) == (None, None, None)
    assert (registration.photo_consent, registration.list_consent, registration.gender) == (False, False, "")
    assert registration.status == RegistrationStatus.CONFIRMED

    # Each email carries the claim link, and no link that needs an account
    # (a nomination is received, then confirmed: two emails).
    emails = registration_emails_to("Kofi.Mensah@example.org")
    assert len(emails) == (2 if made_by == "nomination" else 1)
    link = claim_link_path(emails[-1])
    for email in emails:
        assert re.findall(r"https?://\S+", email.body) == [absolute_url(link), absolute_url(event.url)]

    # Not signed in, the link explains and offers to sign in or up, coming back.
    person = Client()
    page = person.get(link)
    assert page.status_code == 200
    assert page.context["masked_email"] == "K•••@example.org"
    assert page.context["signup_url"] == f"{reverse('account_signup')}?next={link.replace('/', '%2F')}"

    # allauth's own signup and confirmation, with the address on the list (any case).
    confirmed = sign_up_and_confirm(person, "kofi.mensah@example.org", next_url=link)
    assert confirmed.status_code == 302

    registration.refresh_from_db()
    account = registration.user
    assert account is not None and account.email == "kofi.mensah@example.org"
    assert registration.claimed_at is not None
    assert registration.status == RegistrationStatus.CONFIRMED
    claims = RegistrationLogEntry.objects.filter(registration=registration, reason=str(CLAIM_REASON))
    assert [(c.from_status, c.to_status, c.by) for c in claims] == [("confirmed", "confirmed", account)]

    # "My registrations" lists it, with the call to complete it.
    listing = person.get(reverse("registration:my_registrations"))
    assert [r.reference for r in listing.context["registrations"]] == [registration.reference]
    assert [r.reference for r in listing.context["awaiting_consent"]] == [registration.reference]
    consent_url = reverse("registration:consent", args=[registration.reference])
    assert f'<a class="button" href="{consent_url}">Complete your registration'.encode() in listing.content

    # Detail, edit and badge all ask for the consent first.
    badge_url = reverse("badges:badge", args=[registration.reference])
    edit_url = reverse("registration:edit", args=[registration.reference])
    for url in (reverse("registration:detail", args=[registration.reference]), edit_url, badge_url):
        response = person.get(url)
        assert (response.status_code, response["Location"]) == (302, f"{consent_url}?next={url.replace('/', '%2F')}")

    # The consent: the privacy notice, photos, the list, gender with its consent.
    response = person.post(
        f"{consent_url}?next={badge_url}",
        {
            "privacy_accepted": "on",
            "photo_consent": "on",
            "list_consent": "on",
            "gender": "man",
            "gender_consent": "on",
            "next": badge_url,
        },
    )
    assert (response.status_code, response["Location"]) == (302, badge_url)
    registration.refresh_from_db()
    assert registration.privacy_accepted_at is not None
    assert (registration.photo_consent, registration.list_consent, registration.gender) == (True, True, "man")

    # The badge: a PDF whose QR code decodes to the registration's token.
    badge = person.get(badge_url)
    assert (badge.status_code, badge["Content-Type"]) == (200, "application/pdf")
    (page_image,) = rasterise(badge.content, tmp_path)
    assert decoded_codes(page_image) == [badge_tokens.badge_token(registration)]

    # Editing: their details and their consents, now theirs to change.
    assert person.get(edit_url).status_code == 200
    response = person.post(
        edit_url,
        {
            "honorific": "H.E.",
            "first_name": "Kofi",
            "last_name": "Mensah",
            "email": "kofi.mensah@example.org",
            "organisation": "Ministry of Foreign Affairs of Ghana",
            "position": "Ambassador",
            "country": "GH",
            "attendance_mode": "in_person",
            "preferred_language": "fr",
            "photo_consent": "",
            "list_consent": "on",
            "gender": "",
        },
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.organisation, registration.position, registration.preferred_language) == (
        "Ministry of Foreign Affairs of Ghana",
        "Ambassador",
        "fr",
    )
    assert (registration.photo_consent, registration.list_consent, registration.gender) == (False, True, "")

    # Cancelling.
    with django_capture_on_commit_callbacks(execute=True):
        response = person.post(reverse("registration:cancel", args=[registration.reference]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_cancelling_needs_no_consent(
    organiser_client, event, reg_settings, category, django_capture_on_commit_callbacks
):
    registration = add_through_admin(organiser_client, event, category, django_capture_on_commit_callbacks)
    person = Client()
    sign_up_and_confirm(person, "kofi.mensah@example.org")

    cancel_url = reverse("registration:cancel", args=[registration.reference])
    assert person.get(cancel_url).status_code == 200
    response = person.post(cancel_url, follow=True)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.privacy_accepted_at is None
    # Once cancelled, its page shows without asking for consent.
    assert response.redirect_chain == [(reverse("registration:detail", args=[registration.reference]), 302)]
    assert response.status_code == 200


def test_confirmation_link_opened_brings_the_person_back_to_the_claim_link(
    organiser_client, event, reg_settings, category, django_capture_on_commit_callbacks
):
    registration = add_through_admin(organiser_client, event, category, django_capture_on_commit_callbacks)
    (email,) = registration_emails_to("Kofi.Mensah@example.org")
    link = claim_link_path(email)
    person = Client()

    confirmed = sign_up_and_confirm(person, "kofi.mensah@example.org", next_url=link)
    followed = person.get(confirmed["Location"], follow=True)

    consent_url = reverse("registration:consent", args=[registration.reference])
    detail_url = reverse("registration:detail", args=[registration.reference])
    assert confirmed["Location"] == link
    assert followed.redirect_chain == [
        (detail_url, 302),
        (f"{consent_url}?next={detail_url.replace('/', '%2F')}", 302),
    ]
    assert followed.status_code == 200


def test_consent_needs_the_privacy_notice_and_gender_its_own_consent(
    organiser_client, event, reg_settings, category, django_capture_on_commit_callbacks
):
    registration = add_through_admin(organiser_client, event, category, django_capture_on_commit_callbacks)
    person = Client()
    sign_up_and_confirm(person, "kofi.mensah@example.org")
    consent_url = reverse("registration:consent", args=[registration.reference])

    response = person.post(consent_url, {"photo_consent": "on", "gender": "man"})

    registration.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "privacy_accepted": ["Please accept the privacy notice to go on."],
        "gender_consent": ["Tick this box to store your gender, or leave the gender blank."],
    }
    assert (registration.privacy_accepted_at, registration.photo_consent, registration.gender) == (None, False, "")


def test_consent_page_links_the_sites_privacy_notice(
    organiser_client, event, reg_settings, category, django_capture_on_commit_callbacks, home
):
    privacy = make_content_page(parent=home, title="Privacy notice", slug="privacy")
    registration = add_through_admin(organiser_client, event, category, django_capture_on_commit_callbacks)
    person = Client()
    sign_up_and_confirm(person, "kofi.mensah@example.org")

    page = person.get(reverse("registration:consent", args=[registration.reference]))

    # The link is to the version being read now, the one stored on acceptance.
    version = PrivacyNoticeVersion.objects.get(translation_key=privacy.translation_key, language="en")
    assert (version.number, version.title) == (1, "Privacy notice")
    expected = reverse("privacy_notice_version", args=[version.pk])
    assert page.context["privacy_url"] == expected
    assert f'<a href="{expected}">Read the privacy notice</a>'.encode() in page.content

    # Accepting stores that version.
    consent_url = reverse("registration:consent", args=[registration.reference])
    person.post(consent_url, {"privacy_accepted": "on", "privacy_notice_version": str(version.pk)})
    registration.refresh_from_db()
    assert registration.privacy_notice_version == version


def test_unclaimed_import_carries_the_claim_link_in_every_email(
    organiser_client, event, reg_settings, category, django_capture_on_commit_callbacks
):
    import_through_view(organiser_client, event, category, django_capture_on_commit_callbacks)

    links = {message.to[0]: claim_link_path(message) for message in mail.outbox}

    assert sorted(links) == ["Kofi.Mensah@example.org", "ama.owusu@example.org"]
    assert len(set(links.values())) == 2
    assert [message.body.count("/my/registrations/claim/") for message in mail.outbox] == [1, 1]


def test_speaker_with_an_account_is_linked_at_once_and_asked_for_consent(
    event, reg_settings, django_capture_on_commit_callbacks
):
    account = UserFactory(email="amara@example.org")
    invitation = InvitationFactory(event=event, email="amara@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_accept(invitation=invitation, profile=profile())
    registration = Registration.objects.get(email="amara@example.org")

    response = signed_in(account).get(reverse("registration:detail", args=[registration.reference]))

    assert (registration.user, registration.claimed_at is not None) == (account, True)
    assert registration.gender == "woman"  # given with consent on the speaker's profile
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("registration:consent", args=[registration.reference]))
    (email,) = registration_emails_to("amara@example.org")
    assert "/my/registrations/claim/" not in email.body


def test_register_page_takes_up_the_registration_made_for_the_person(
    event, reg_settings, category, django_capture_on_commit_callbacks, organiser_client
):
    registration = add_through_admin(organiser_client, event, category, django_capture_on_commit_callbacks)
    person = UserFactory(email="kofi.mensah@example.org")

    response = signed_in(person).get(reverse("registration:register", kwargs={"event_id": event.pk}))

    registration.refresh_from_db()
    assert registration.user == person
    assert response["Location"] == reverse("registration:detail", args=[registration.reference])
    assert Registration.objects.filter(event=event).count() == 1
