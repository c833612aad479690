"""Claiming a registration made for someone: the service, its triggers
(signing in, confirming an address, "My registrations"), the claim link's
token and page, and consent that only the person gives."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from home.emails import absolute_url
from registration.claim_tokens import claim_token, registration_for_claim_token
from registration.models import HONORIFICS, Registration, RegistrationLogEntry
from registration.services import (
    CLAIM_REASON,
    registration_cancel,
    registration_give_consent,
    registration_register,
    registration_update,
    registrations_claim,
)
from registration.views.claim import masked_email
from tests.factories import PASSWORD, CategoryFactory, RegistrationFactory, UserFactory, make_event
from tests.helpers import (
    CONFIRM_EMAIL_LINK,
    claim_link_path,
    details,
    register,
    sign_up_and_confirm,
    signed_in,
)

pytestmark = pytest.mark.django_db

INDEX = "wagtailsnippets_registration_registration:list"
EDIT = "wagtailsnippets_registration_registration:edit"
ADD = "wagtailsnippets_registration_registration:add"


def made_for(event, category, email="kofi@example.org", *, by=None, **overrides) -> Registration:
    """A registration an organiser made for ``email`` (no account linked)."""
    return registration_register(
        event=event, category=category, details=details(email=email, **overrides), by=by or UserFactory()
    )


def claims_of(registration) -> list[tuple]:
    return list(
        RegistrationLogEntry.objects.filter(registration=registration, reason=str(CLAIM_REASON)).values_list(
            "from_status", "to_status", "by"
        )
    )


def claim_path(registration) -> str:
    return reverse("registration:claim", kwargs={"token": claim_token(registration)})


# --- the service -------------------------------------------------------------------------


def test_claim_takes_the_registrations_of_verified_addresses_only(event, reg_settings, category):
    other_event = make_event()
    first = made_for(event, category, "Kofi@Example.org")
    second = made_for(other_event, CategoryFactory(event=other_event), "kofi@example.org")
    someone_elses = made_for(event, category, "ama@example.org")
    person = UserFactory(email="kofi@example.org")

    claimed = registrations_claim(user=person)

    assert sorted(r.reference for r in claimed) == sorted([first.reference, second.reference])
    assert set(Registration.objects.filter(user=person).values_list("reference", flat=True)) == {
        first.reference,
        second.reference,
    }
    someone_elses.refresh_from_db()
    assert (someone_elses.user, someone_elses.claimed_at) == (None, None)
    first.refresh_from_db()
    assert first.claimed_at is not None
    assert claims_of(first) == [("confirmed", "confirmed", person.pk)]


def test_claim_is_idempotent(event, reg_settings, category):
    registration = made_for(event, category)
    person = UserFactory(email="kofi@example.org")

    registrations_claim(user=person)
    again = registrations_claim(user=person)

    assert again == []
    assert claims_of(registration) == [("confirmed", "confirmed", person.pk)]


def test_unverified_address_does_not_claim(event, reg_settings, category):
    registration = made_for(event, category)
    person = UserFactory(email="someone@example.org")
    EmailAddress.objects.create(user=person, email="kofi@example.org", verified=False)

    assert registrations_claim(user=person) == []
    signed_in(person).get(reverse("registration:my_registrations"))

    registration.refresh_from_db()
    assert (registration.user, registration.claimed_at) == (None, None)
    assert claims_of(registration) == []


def test_account_already_registered_keeps_its_registration_and_the_other_stays_unclaimed(event, reg_settings, category):
    person = UserFactory(email="kofi@example.org")
    own = register(event, category, user=person)
    made = made_for(event, category, "kofi@example.org")
    elsewhere = make_event()
    other = made_for(elsewhere, CategoryFactory(event=elsewhere), "kofi@example.org")

    claimed = registrations_claim(user=person)

    made.refresh_from_db()
    assert [r.reference for r in claimed] == [other.reference]
    assert (made.user, made.claimed_at) == (None, None)
    assert list(Registration.objects.filter(user=person, event=event)) == [own]


def test_two_addresses_registered_for_one_event_claim_the_first_only(event, reg_settings, category):
    person = UserFactory(email="kofi@example.org")
    EmailAddress.objects.create(user=person, email="k.mensah@mission.example.org", verified=True)
    first = made_for(event, category, "kofi@example.org")
    second = made_for(event, category, "k.mensah@mission.example.org")

    claimed = registrations_claim(user=person)

    second.refresh_from_db()
    assert [r.reference for r in claimed] == [first.reference]
    assert second.user is None


def test_signing_in_through_allauth_claims(client, event, reg_settings, category):
    registration = made_for(event, category)
    person = UserFactory(email="kofi@example.org")

    refused = client.post(reverse("account_login"), {"login": "kofi@example.org", "password": "not-the-password"})
    registration.refresh_from_db()
    assert (refused.status_code, registration.user) == (200, None)

    response = client.post(reverse("account_login"), {"login": "kofi@example.org", "password": PASSWORD})

    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.user == person
    assert claims_of(registration) == [("confirmed", "confirmed", person.pk)]


def test_adding_and_confirming_the_address_claims(event, reg_settings, category, django_capture_on_commit_callbacks):
    registration = made_for(event, category)
    person = UserFactory(email="someone@example.org")
    client = signed_in(person)

    refused = client.get(claim_path(registration))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_email"), {"action_add": "", "email": "kofi@example.org"})
    link = CONFIRM_EMAIL_LINK.search(mail.outbox[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)

    registration.refresh_from_db()
    assert refused.status_code == 403
    assert registration.user == person
    response = client.get(claim_path(registration))
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("registration:detail", args=[registration.reference]),
    )


# --- the claim link ----------------------------------------------------------------------


def test_every_email_of_an_unclaimed_registration_carries_the_claim_link(
    event, reg_settings, category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = made_for(event, category)

    (message,) = mail.outbox
    html = message.alternatives[0][0]
    links = re.findall(r"https?://\S+", message.body)
    assert links == [absolute_url(claim_path(registration)), absolute_url(event.url)]
    assert f'href="{absolute_url(claim_path(registration))}"' in html
    assert "/badge/" not in html
    assert f'href="{absolute_url(reverse("registration:my_registrations"))}"' not in html


def test_resend_confirmation_carries_the_claim_link_until_claimed(
    organiser_client, event, reg_settings, category, django_capture_on_commit_callbacks
):
    registration = made_for(event, category)
    url = reverse("registration_resend", kwargs={"registration_id": registration.pk})

    page = organiser_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(url)
    before_claim = mail.outbox[-1]
    registrations_claim(user=UserFactory(email="kofi@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(url)
    after_claim = mail.outbox[-1]

    assert b"<p data-claim-link>This person has not yet taken up the registration" in page.content
    assert claim_link_path(before_claim) == claim_path(registration)
    assert "/my/registrations/claim/" not in after_claim.body
    assert absolute_url(reverse("badges:badge", args=[registration.reference])) in after_claim.body


def test_claim_link_not_signed_in_explains_with_the_address_masked(client, event, reg_settings, category):
    registration = made_for(event, category, "kofi.mensah@example.org")
    path = claim_path(registration)

    page = client.get(path)

    html = page.content.decode()
    assert page.status_code == 200
    assert "<strong>k•••@example.org</strong>" in html
    assert f'href="{reverse("account_login")}?next={path.replace("/", "%2F")}"' in html
    assert f'href="{reverse("account_signup")}?next={path.replace("/", "%2F")}"' in html
    assert "kofi.mensah" not in html


def test_claim_link_used_by_another_address_explains_and_changes_nothing(event, reg_settings, category):
    registration = made_for(event, category)
    other = UserFactory(email="ama@example.org")

    page = signed_in(other).get(claim_path(registration))

    registration.refresh_from_db()
    html = page.content.decode()
    assert page.status_code == 403
    assert page.context["address_unverified"] is False
    assert (
        "This registration was made for <strong>k•••@example.org</strong>, and you are signed in as ama@example.org."
        in html
    )
    assert f'href="{reverse("account_email")}"' in html
    assert f'action="{reverse("account_logout")}"' in html
    assert (registration.user, registration.claimed_at) == (None, None)
    assert claims_of(registration) == []


def test_claim_link_with_the_address_unverified_says_to_confirm_it(event, reg_settings, category):
    registration = made_for(event, category)
    person = UserFactory(email="ama@example.org")
    EmailAddress.objects.create(user=person, email="kofi@example.org", verified=False)

    page = signed_in(person).get(claim_path(registration))

    registration.refresh_from_db()
    assert page.status_code == 403
    assert page.context["address_unverified"] is True
    assert "not confirmed yet" in page.content.decode()
    assert registration.user is None


def test_claim_link_signed_in_with_the_address_claims_and_goes_on(event, reg_settings, category):
    registration = made_for(event, category)
    person = UserFactory(email="kofi@example.org")

    response = signed_in(person).get(claim_path(registration), follow=True)

    registration.refresh_from_db()
    consent = reverse("registration:consent", args=[registration.reference])
    detail = reverse("registration:detail", args=[registration.reference])
    assert registration.user == person
    assert response.redirect_chain == [(detail, 302), (f"{consent}?next={detail.replace('/', '%2F')}", 302)]
    assert [str(m) for m in response.context["messages"]] == ["This registration is now linked to your account."]


def test_claim_link_when_the_account_has_a_registration_for_the_event(event, reg_settings, category):
    person = UserFactory(email="kofi@example.org")
    own = register(event, category, user=person)
    made = made_for(event, category, "kofi@example.org")

    response = signed_in(person).get(claim_path(made), follow=True)

    made.refresh_from_db()
    assert made.user is None
    assert response.redirect_chain == [(reverse("registration:detail", args=[own.reference]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"Your account already has a registration for this event ({own.reference}), so the one made for you "
        f"({made.reference}) was not added to it. Please write to the organisers if you need it."
    ]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.split(".")[0],
        lambda token: "ZZZZZZZZ." + token.split(".")[1],
        lambda token: "not-a-token",
        lambda token: token.upper(),
    ],
    ids=["signature", "no-signature", "other-reference", "garbage", "case"],
)
def test_tampered_claim_token_is_a_clear_404(client, event, reg_settings, category, tamper):
    registration = made_for(event, category)
    token = claim_token(registration)

    response = client.get(reverse("registration:claim", kwargs={"token": tamper(token)}))

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert registration_for_claim_token(tamper(token)) is None


def test_token_of_one_registration_does_not_open_another(client, event, reg_settings, category):
    mine = made_for(event, category, "kofi@example.org")
    other = made_for(event, category, "ama@example.org")
    signature = claim_token(mine).split(".")[1]

    assert registration_for_claim_token(f"{other.reference}.{signature}") is None
    assert registration_for_claim_token(claim_token(mine)) == mine


def test_changing_the_email_kills_the_old_link(organiser_client, event, reg_settings, category):
    registration = made_for(event, category, "kofi@example.org")
    old_path = claim_path(registration)

    registration_update(registration=registration, details={"email": "kofi.mensah@example.org"}, by=UserFactory())
    registration.refresh_from_db()

    assert organiser_client.get(old_path).status_code == 404
    assert Client().get(claim_path(registration)).status_code == 200
    # Only the case of the address changed: the link still works.
    registration_update(registration=registration, details={"email": "Kofi.Mensah@Example.org"}, by=UserFactory())
    registration.refresh_from_db()
    assert Client().get(reverse("registration:claim", kwargs={"token": claim_token(registration)})).status_code == 200


def test_masked_email():
    assert [masked_email(e) for e in ("ama@example.org", "k@un.org", "nope")] == [
        "a•••@example.org",
        "k•••@un.org",
        "•••",
    ]


# --- consent: the person's own ------------------------------------------------------------


def test_consent_can_only_be_given_by_the_person(event, reg_settings, category):
    registration = made_for(event, category)
    person = UserFactory(email="kofi@example.org")
    registrations_claim(user=person)
    registration.refresh_from_db()

    with pytest.raises(ValidationError):
        registration_give_consent(registration=registration, by=UserFactory(), privacy_accepted=True)
    given = registration_give_consent(
        registration=registration, by=person, privacy_accepted=True, list_consent=True, gender="woman"
    )

    assert (given.list_consent, given.gender, given.photo_consent) == (True, "woman", False)
    assert given.privacy_accepted_at is not None


def test_unclaimed_registration_has_no_consent_and_is_listed_nowhere(event, reg_settings, category):
    registration = made_for(event, category, photo_consent=True, list_consent=True, gender="woman")

    assert (registration.privacy_accepted_at, registration.photo_consent, registration.list_consent) == (
        None,
        False,
        False,
    )
    assert registration.gender == ""
    assert registration.awaits_consent is True


def test_organiser_update_cannot_set_consent(event, reg_settings, category, event_organiser):
    person = UserFactory(email="kofi@example.org")
    registration = register(event, category, user=person)

    for field, value in (("photo_consent", True), ("list_consent", True), ("gender", "woman")):
        with pytest.raises(ValidationError) as error:
            registration_update(registration=registration, details={field: value}, by=event_organiser)
        assert error.value.message_dict == {field: ["Only the person can give or change this consent."]}
    with pytest.raises(ValidationError):
        registration_update(registration=registration, details={"list_consent": True}, by=None)

    registration_update(registration=registration, details={"list_consent": True, "gender": "woman"}, by=person)
    registration.refresh_from_db()
    assert (registration.list_consent, registration.gender) == (True, "woman")


def admin_form(event, category, **overrides) -> dict:
    data = {
        "event": event.pk,
        "category": category.pk,
        "honorific": "Dr",
        "first_name": "Kofi",
        "last_name": "Mensah",
        "email": "kofi@example.org",
        "organisation": "Permanent Delegation of Ghana",
        "position": "",
        "country": "GH",
        "attendance_mode": "in_person",
        "preferred_language": "en",
        "dietary_needs": "",
        "accessibility_needs": "",
        "interpretation_needs": "",
    }
    data.update(overrides)
    return data


CONSENT_POSTED = {"photo_consent": "on", "list_consent": "on", "gender": "woman"}


def test_organisers_admin_forms_cannot_set_consent(organiser_client, event, reg_settings, category):
    add = organiser_client.get(reverse(ADD))
    response = organiser_client.post(reverse(ADD), admin_form(event, category, **CONSENT_POSTED))
    registration = Registration.objects.get(email="kofi@example.org")
    person = UserFactory(email="kofi@example.org")
    registrations_claim(user=person)
    registration_give_consent(registration=registration, by=person, privacy_accepted=True, photo_consent=False)

    edit_url = reverse(EDIT, args=[registration.pk])
    edit = organiser_client.get(edit_url)
    data = admin_form(event, category, **CONSENT_POSTED, organisation="Ministry of Foreign Affairs")
    del data["event"], data["category"]
    saved = organiser_client.post(edit_url, data)

    registration.refresh_from_db()
    assert response.status_code == 302 and saved.status_code == 302
    assert [name for name in ("photo_consent", "list_consent", "gender") if name in add.context["form"].fields] == []
    assert [name for name in ("photo_consent", "list_consent", "gender") if name in edit.context["form"].fields] == []
    assert registration.organisation == "Ministry of Foreign Affairs"
    assert (registration.photo_consent, registration.list_consent, registration.gender) == (False, False, "")


def test_organisers_see_the_persons_consents_read_only(organiser_client, event, reg_settings, category):
    registration = made_for(event, category)
    unclaimed = organiser_client.get(reverse(EDIT, args=[registration.pk])).content.decode()
    person = UserFactory(email="kofi@example.org")
    registrations_claim(user=person)
    registration_give_consent(registration=registration, by=person, privacy_accepted=True, list_consent=True)

    claimed = organiser_client.get(reverse(EDIT, args=[registration.pk])).content.decode()

    assert (
        '<dd data-consent="claimed">Not claimed yet: the person has not signed in with this address.</dd>' in unclaimed
    )
    assert '<dd data-consent="privacy">Not accepted yet</dd>' in unclaimed
    assert '<dd data-consent="list">Agrees to be listed</dd>' in claimed
    assert '<dd data-consent="photo">Does not agree, or not asked yet</dd>' in claimed
    assert '<dd data-consent="claimed">Claimed by the person on ' in claimed


# --- the participant's own forms -------------------------------------------------------


def register_form(category, **overrides) -> dict:
    data = {
        "category": category.pk,
        "honorific": "Prof.",
        "first_name": "Amina",
        "last_name": "Diallo",
        "email": "amina@example.org",
        "organisation": "Ministry of Digital Affairs",
        "country": "SN",
        "attendance_mode": "in_person",
        "preferred_language": "en",
        "privacy_accepted": "on",
    }
    data.update(overrides)
    return data


def test_participant_form_offers_list_consent_and_stores_gender_only_with_consent(user_client, user, event, category):
    url = reverse("registration:register", kwargs={"event_id": event.pk})

    refused = user_client.post(url, register_form(category, gender="woman"))
    user_client.post(url, register_form(category, gender="woman", gender_consent="on", list_consent="on"))

    registration = Registration.objects.get(user=user)
    assert refused.context["form"].errors == {
        "gender_consent": ["Tick this box to store your gender, or leave the gender blank."]
    }
    assert (registration.honorific, registration.list_consent, registration.gender) == ("Prof.", True, "woman")
    assert (registration.photo_consent, registration.claimed_at is not None) == (False, True)


@pytest.mark.parametrize("url_name", ["participant", "admin"])
def test_honorific_is_free_text_with_the_usual_honorifics_offered(url_name, user_client, organiser_client, event):
    client = user_client if url_name == "participant" else organiser_client
    url = reverse("registration:register", kwargs={"event_id": event.pk}) if url_name == "participant" else reverse(ADD)

    html = client.get(url).content.decode()

    options = "".join(f'<option value="{honorific}"></option>' for honorific in HONORIFICS)
    assert re.search(r'<input type="text" name="honorific"[^>]* list="id_honorific_options"', html)
    assert f'<datalist id="id_honorific_options">{options}</datalist>' in html


# --- the organisers' listing ---------------------------------------------------------


def test_listing_shows_and_filters_who_has_claimed(organiser_client, event, reg_settings, category):
    claimed = RegistrationFactory(event=event, category=category)
    unclaimed = made_for(event, category)

    everyone = organiser_client.get(reverse(INDEX))
    yes = organiser_client.get(reverse(INDEX), {"claimed": "yes"})
    no = organiser_client.get(reverse(INDEX), {"claimed": "no"})

    assert [r.reference for r in yes.context["object_list"]] == [claimed.reference]
    assert [r.reference for r in no.context["object_list"]] == [unclaimed.reference]
    claimed_column = next(column for column in everyone.context["table"].columns.values() if column.label == "Claimed")
    assert [claimed_column.get_value(r) for r in (claimed, unclaimed)] == [True, False]


QUERIES_MY_REGISTRATIONS_CLAIMING = 22


@pytest.mark.parametrize("count", [1, 10])
def test_my_registrations_claims_in_the_same_queries_for_1_and_10(count, django_assert_num_queries):
    person = UserFactory(email="kofi@example.org")
    for _ in range(count):
        RegistrationFactory(user=None, email="kofi@example.org")
    client = signed_in(person)

    with django_assert_num_queries(QUERIES_MY_REGISTRATIONS_CLAIMING):
        response = client.get(reverse("registration:my_registrations"))

    assert len(response.context["registrations"]) == count
    assert len(response.context["awaiting_consent"]) == count
    assert Registration.objects.filter(user=person, claimed_at__isnull=False).count() == count
    assert RegistrationLogEntry.objects.filter(reason=str(CLAIM_REASON), by=person).count() == count


def test_new_account_with_the_address_claims_on_confirmation(event, reg_settings, category):
    registration = made_for(event, category)

    sign_up_and_confirm(Client(), "kofi@example.org")

    registration.refresh_from_db()
    assert registration.user.email == "kofi@example.org"


# --- what review found ----------------------------------------------------------------------


def test_a_cancelled_registration_is_not_claimed_and_the_person_can_register(event, reg_settings, category):
    cancelled = made_for(event, category)
    registration_cancel(registration=cancelled, by=None)
    person = UserFactory(email="kofi@example.org")

    assert registrations_claim(user=person) == []

    own = register(event, category, user=person, email="kofi@example.org")
    cancelled.refresh_from_db()
    assert (own.user, cancelled.user) == (person, None)


def test_the_active_registration_is_claimed_before_an_older_cancelled_one(event, reg_settings, category):
    person = UserFactory(email="kofi@example.org")
    EmailAddress.objects.create(user=person, email="k.mensah@example.org", verified=True)
    old = made_for(event, category, email="k.mensah@example.org")
    registration_cancel(registration=old, by=None)
    current = made_for(event, category, email="kofi@example.org")

    assert registrations_claim(user=person) == [current]


def test_a_speaker_without_a_country_can_give_consent(event, reg_settings, category):
    registration = made_for(event, category)
    Registration.objects.filter(pk=registration.pk).update(country="")  # as a speaker's is saved without one
    person = UserFactory(email="kofi@example.org")
    registrations_claim(user=person)

    response = signed_in(person).post(
        reverse("registration:consent", args=[registration.reference]), {"privacy_accepted": "on"}
    )

    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.privacy_accepted_at is not None


def test_a_person_cannot_move_out_of_the_category_they_were_given(event, reg_settings, category):
    given = CategoryFactory(event=event, name="Member State delegation", slug="ms", is_public=True)
    registration = made_for(event, given)
    registration.status = "pending"
    registration.save(update_fields=["status"])
    person = UserFactory(email="kofi@example.org")
    registrations_claim(user=person)
    registration_give_consent(registration=registration, by=person, privacy_accepted=True)

    page = signed_in(person).get(reverse("registration:edit", args=[registration.reference]))
    with pytest.raises(ValidationError) as refused:
        registration_update(registration=registration, details={}, category=category, by=person)

    assert "category" not in page.context["form"].fields
    assert refused.value.message_dict == {"category": ["This category was given to you: it cannot be changed here."]}
    registration.refresh_from_db()
    assert registration.category == given
