"""A registration anonymised, and a person's own data: the download and
deleting their account (seats freed, the waiting list moved, the trail kept)."""

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
    """One seat, taken; one person waiting."""
    event = make_event()
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
        "emails_received",
        "registrations",
        "speaker_profiles",
        "starred_sessions",
        "visa_letter_requests",
    ]
    assert data["account"]["email_addresses"] == [{"email": user.email, "verified": True, "primary": True}]
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


def test_the_organisers_anonymise_an_ended_event_only(client):
    import datetime

    from tests.helpers import make_event_organiser

    ended = make_event(start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 1, 2))
    coming = make_event(start_date=datetime.date(2099, 1, 1), end_date=datetime.date(2099, 1, 2))
    for event in (ended, coming):
        RegistrationFactory(event=event)
    client.force_login(make_event_organiser(ended, coming))

    client.post(f"/admin/personal-data/{coming.pk}/", {"action": "anonymise", "confirm": "yes"})
    client.post(f"/admin/personal-data/{ended.pk}/", {"action": "anonymise"})  # not confirmed
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 0

    client.post(f"/admin/personal-data/{ended.pk}/", {"action": "anonymise", "confirm": "yes"})
    assert list(Registration.objects.filter(anonymised_at__isnull=False).values_list("event", flat=True)) == [ended.pk]
