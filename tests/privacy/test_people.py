"""A registration anonymised, and a person's own data: the download and
deleting their account (seats freed, the waiting list moved, the trail kept)."""

import datetime
import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from home.models import EmailStatus, OutgoingEmail
from registration.models import Answer, DetailChange, Question, Registration, RegistrationStatus
from registration.privacy import services
from registration.visas.models import VisaLetterRequest
from tests.factories import (
    PASSWORD,
    CategoryFactory,
    RegistrationFactory,
    RegistrationSettingsFactory,
    UserFactory,
    VisaLetterRequestFactory,
    make_event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event():
    """One seat, taken; one person waiting; the event still to come."""
    event = make_event(start_date=datetime.date(2027, 6, 23), end_date=datetime.date(2027, 6, 25))
    RegistrationSettingsFactory(event=event, capacity_in_person=1)
    category = CategoryFactory(event=event)
    seated = RegistrationFactory(
        event=event,
        category=category,
        organisation="Ministry of Foreign Affairs",
        position="Director",
        gender="female",
        dietary_needs="Halal",
        country="GH",
        checked_in_at=None,
    )
    waiting = RegistrationFactory(event=event, category=category, status=RegistrationStatus.WAITLISTED)
    return event, seated, waiting


def test_anonymising_frees_the_seat_for_the_first_waiting_and_erases_the_person(full_event):
    event, seated, waiting = full_event
    question = Question.objects.create(event=event, label="Topic?")
    Answer.objects.create(registration=seated, question=question, value="Ethics")
    DetailChange.objects.create(registration=seated, field="first_name", old_value="Adah", new_value="Ada")
    VisaLetterRequestFactory(registration=seated)
    OutgoingEmail.objects.create(kind="confirmed", event=event, registration=seated, to=seated.email, subject="Hi Ada")

    services.registration_anonymise(registration=seated, by=None, reason="")

    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    kept = (seated.event, seated.category_id, seated.status, str(seated.country), seated.attendance_mode)
    assert kept == (event, seated.category_id, RegistrationStatus.CANCELLED, "GH", "in_person")
    gone = (
        seated.first_name,
        seated.last_name,
        seated.email,
        seated.organisation,
        seated.position,
        seated.gender,
        seated.dietary_needs,
        seated.user_id,
    )
    assert gone == ("", "Anonymised", f"anonymised-{seated.reference.lower()}@invalid", "", "", "", "", None)
    assert seated.anonymised_at is not None
    assert (Answer.objects.count(), DetailChange.objects.count()) == (0, 0)
    assert VisaLetterRequest.objects.get().passport_number is None
    emails = OutgoingEmail.objects.filter(registration=seated)
    assert {(email.to, email.subject, email.text_body) for email in emails} == {(seated.email, "", "")}
    assert all(email.status != EmailStatus.QUEUED for email in emails)
    assert seated.log_entries.last().reason == "Personal data erased (anonymised)."
    # Again: nothing changes.
    before = seated.anonymised_at
    assert services.registration_anonymise(registration=seated, by=None).anonymised_at == before


def test_the_download_holds_the_persons_data_with_a_fixed_number_of_queries(client, django_assert_num_queries):
    user = UserFactory(first_name="Kwame", last_name="Mensah")
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    first = RegistrationFactory(user=user, dietary_needs="Vegan")
    RegistrationFactory(user=user)
    VisaLetterRequestFactory(registration=first, passport_number="G1234567")
    client.force_login(user)

    response = client.get("/my/data.json")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert sorted(data) == [
        "account",
        "delegations_as_focal_point",
        "emails_about_session_changes",
        "emails_received",
        "registrations",
        "speaker_profiles",
        "starred_sessions",
        "visa_letter_requests",
    ]
    assert data["account"]["email_addresses"] == [{"email": user.email, "verified": True, "primary": True}]
    assert data["emails_about_session_changes"] is True
    assert [row["reference"] for row in data["registrations"]] == [
        first.reference,
        Registration.objects.last().reference,
    ]
    assert data["registrations"][0]["dietary_needs"] == "Vegan"
    assert data["visa_letter_requests"][0]["passport_number"] == "G1234567"


def test_the_download_lists_mail_to_verified_addresses_only(client):
    user = UserFactory()
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    EmailAddress.objects.create(user=user, email="someone-else@example.org", verified=False)
    OutgoingEmail.objects.create(kind="confirmed", to=user.email, subject="Your place is confirmed")
    OutgoingEmail.objects.create(kind="confirmed", to="someone-else@example.org", subject="Their place")
    client.force_login(user)

    data = json.loads(client.get("/my/data.json").content)

    assert [email["subject"] for email in data["emails_received"]] == ["Your place is confirmed"]


@pytest.mark.parametrize("count", [1, 10])
def test_the_download_costs_the_same_for_1_and_10_registrations(client, count, django_assert_max_num_queries):
    user = UserFactory()
    for _ in range(count):
        RegistrationFactory(user=user)
    client.force_login(user)
    with django_assert_max_num_queries(16):
        response = client.get("/my/data.json")
    assert len(json.loads(response.content)["registrations"]) == count


def test_a_wrong_password_deletes_nothing(client):
    user = UserFactory()
    RegistrationFactory(user=user)
    client.force_login(user)
    response = client.post("/my/account/delete/", {"password": "not it"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"password": ["This is not your password."]}
    assert get_user_model().objects.filter(pk=user.pk).exists()
    assert Registration.objects.get().anonymised_at is None


def test_deleting_the_account_anonymises_and_cancels_and_moves_the_waiting_list(client, full_event):
    event, seated, waiting = full_event
    user = seated.user
    client.force_login(user)
    page = client.get("/my/account/delete/").content.decode()
    assert seated.reference in page

    response = client.post("/my/account/delete/", {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/my/account/deleted/"
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.status, seated.user_id, seated.last_name) == (RegistrationStatus.CANCELLED, None, "Anonymised")
    assert waiting.status == RegistrationStatus.CONFIRMED
    trail = list(seated.log_entries.values_list("to_status", "reason"))
    assert trail[-2:] == [("cancelled", ""), ("cancelled", "The person deleted their account.")]
    # Signed out.
    assert client.get("/my/registrations/").status_code == 302


def test_an_account_without_a_password_confirms_by_typing_the_word(client):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    response = client.post("/my/account/delete/", {"confirm": "delete"})
    assert response.context["form"].errors == {"confirm": ["Type DELETE, in capitals, to confirm."]}
    assert client.post("/my/account/delete/", {"confirm": "DELETE"}).status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()


def test_my_account_links_the_download_and_the_deletion(client):
    client.force_login(UserFactory())
    page = client.get("/account/").content.decode()
    assert 'href="/my/data.json"' in page
    assert 'href="/my/account/delete/"' in page


def test_the_organisers_anonymise_an_ended_event_only(client, django_capture_on_commit_callbacks, mailoutbox):
    from registration.visas.models import VisaLetterStatus
    from tests.helpers import make_event_organiser

    ended = make_event(start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 1, 2))
    coming = make_event(start_date=datetime.date(2099, 1, 1), end_date=datetime.date(2099, 1, 2))
    attended = RegistrationFactory(event=ended, checked_in_at=datetime.datetime(2025, 1, 1, 9, tzinfo=datetime.UTC))
    letter = VisaLetterRequestFactory(registration=attended, status=VisaLetterStatus.APPROVED, number="GF2025-0001")
    RegistrationFactory(event=coming)
    client.force_login(make_event_organiser(ended, coming))

    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(
            f"/admin/personal-data/{coming.pk}/", {"action": "anonymise", "confirm": "yes"}, follow=True
        )
        client.post(f"/admin/personal-data/{ended.pk}/", {"action": "anonymise"})  # not confirmed
    assert "The event has not ended yet: its registrations are still needed." in [
        str(message) for message in refused.context["messages"]
    ]
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/admin/personal-data/{ended.pk}/", {"action": "anonymise", "confirm": "yes"}, follow=True)

    assert "1 registration is being anonymised: reload this page to follow." in [
        str(message) for message in done.context["messages"]
    ]
    assert list(Registration.objects.filter(anonymised_at__isnull=False).values_list("event", flat=True)) == [ended.pk]
    # The figures keep who came; no one is told; the letter issued stays valid.
    attended.refresh_from_db()
    assert (attended.status, attended.checked_in_at is not None, attended.last_name) == (
        RegistrationStatus.CONFIRMED,
        True,
        "Anonymised",
    )
    assert mailoutbox == []
    letter = VisaLetterRequest.objects.get(pk=letter.pk)
    assert (letter.status, letter.passport_number) == (VisaLetterStatus.APPROVED, None)


def test_deleting_the_account_erases_what_other_parts_hold_about_the_person(client):
    from django.core.exceptions import ValidationError

    from registration.delegations.models import DelegationLogEntry
    from registration.delegations.services import delegation_invite
    from speakers.models import Invitation, Speaker
    from tests.factories import DelegationFactory, DelegationLogEntryFactory, InvitationFactory, SpeakerFactory

    user = UserFactory(email="claire@mission.example.org")
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    speaker = SpeakerFactory(
        user=user, email=user.email, gender="female", gender_consent=True, travel_needs="Visa", bio="<p>Ethicist</p>"
    )
    InvitationFactory(speaker=speaker, email=user.email, decline_reason="Travelling that week")
    delegation = DelegationFactory(focal_point=user, focal_point_email=user.email, focal_point_name="Claire Martin")
    DelegationLogEntryFactory(delegation=delegation, action=DelegationLogEntry.Action.ACCEPTED, detail=user.email)
    account_mail = OutgoingEmail.objects.create(kind="account", to=user.email, subject="Confirm your address")
    client.force_login(user)

    client.post("/my/account/delete/", {"password": PASSWORD})

    speaker = Speaker.objects.get(pk=speaker.pk)
    private = (speaker.user_id, speaker.email, speaker.gender, speaker.gender_consent, speaker.travel_needs)
    assert private == (None, "", "", False, "")
    assert (speaker.last_name, str(speaker.bio)) == (speaker.last_name, "<p>Ethicist</p>")  # the programme's
    assert (Invitation.objects.get().email, Invitation.objects.get().decline_reason) == ("deleted-account@invalid", "")
    delegation.refresh_from_db()
    assert (delegation.focal_point_id, delegation.focal_point_name, delegation.focal_point_email) == (None, "", "")
    assert list(DelegationLogEntry.objects.values_list("detail", flat=True)) == ["", ""]
    account_mail.refresh_from_db()
    assert (account_mail.to, account_mail.subject) == ("deleted-account@invalid", "")
    # The organisers name a new focal point before inviting again.
    with pytest.raises(ValidationError, match="no focal point"):
        delegation_invite(delegation=delegation, by=None)


def test_anonymising_a_delegate_keeps_the_delegations_log_by_reference():
    from registration.delegations.models import DelegationLogEntry
    from tests.factories import DelegationLogEntryFactory, NominationFactory

    nomination = NominationFactory()
    registration = nomination.registration
    name = registration.full_name
    DelegationLogEntryFactory(
        delegation=nomination.delegation, action=DelegationLogEntry.Action.NOMINATED, detail=f"{name} (Delegates)"
    )

    services.registration_anonymise(registration=registration, by=None)

    assert DelegationLogEntry.objects.get().detail == f"{registration.reference} (Delegates)"


def test_the_download_holds_a_speakers_profile_and_delegations(client):
    from tests.factories import DelegationFactory, SessionFactory, SessionSpeakerFactory, SpeakerFactory

    user = UserFactory()
    speaker = SpeakerFactory(user=user, travel_needs="Wheelchair at the airport")
    SessionSpeakerFactory(speaker=speaker, session=SessionFactory(title="Opening"))
    DelegationFactory(focal_point=user, extra_seats_reason="A large delegation")
    client.force_login(user)

    data = json.loads(client.get("/my/data.json").content)

    (profile,) = data["speaker_profiles"]
    assert (profile["travel_needs"], [row["session"] for row in profile["sessions"]]) == (
        "Wheelchair at the airport",
        ["Opening"],
    )
    assert [row["extra_seats_reason"] for row in data["delegations_as_focal_point"]] == ["A large delegation"]
