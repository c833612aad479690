"""The participant's pages: asking for a letter from their registration
(errors beside the fields, nothing stored), its status, and the download."""

import pytest

from registration.models import RegistrationStatus
from registration.visas import services
from registration.visas.models import VisaLetterRequest, VisaLetterSettings
from tests.factories import RegistrationFactory, UserFactory, make_event
from tests.helpers import make_event_organiser

pytestmark = pytest.mark.django_db


def form_data(passport, **changes):
    data = {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in passport.items()}
    return {**data, "consent": "on", **changes}


def url(registration, name="visa-letter/"):
    return f"/my/registrations/{registration.reference}/{name}"


def test_the_registration_page_links_the_letter_when_the_event_offers_letters(client, participant):
    client.force_login(participant.user)
    page = client.get(f"/my/registrations/{participant.reference}/").content.decode()
    assert f'href="/my/registrations/{participant.reference}/visa-letter/"' in page


def test_no_link_when_the_event_offers_no_letters(client):
    registration = RegistrationFactory(event=make_event())
    client.force_login(registration.user)
    page = client.get(f"/my/registrations/{registration.reference}/").content.decode()
    assert "visa-letter" not in page


def test_a_participant_asks_for_a_letter(client, participant, passport):
    client.force_login(participant.user)
    response = client.post(url(participant), form_data(passport))
    assert response.status_code == 302
    assert response["Location"] == url(participant)
    request = VisaLetterRequest.objects.get()
    assert (request.registration, request.passport_number, request.nationality) == (participant, "G1234567", "GH")
    page = client.get(url(participant))
    assert page["Cache-Control"] == "private, no-store"
    assert 'data-visa-status="requested"' in page.content.decode()


def test_an_expiry_before_the_issue_date_is_shown_beside_its_field_and_nothing_is_stored(client, participant, passport):
    client.force_login(participant.user)
    response = client.post(url(participant), form_data(passport, passport_expires_on="2021-01-01"))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "passport_expires_on": ["The expiry date must come after the issue date."]
    }
    assert VisaLetterRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"nationality": "XX"}, "nationality", "Choose a country from the list."),
        ({"date_of_birth": "not a date"}, "date_of_birth", "Enter a valid date."),
        ({"passport_number": "G12-34"}, "passport_number", "Letters and digits only, 5 to 20 of them."),
        ({"consent": ""}, "consent", "Your consent is needed to keep these details."),
    ],
)
def test_bad_input_is_refused_beside_the_field(client, participant, passport, changes, field, message):
    client.force_login(participant.user)
    response = client.post(url(participant), form_data(passport, **changes))
    assert response.context["form"].errors == {field: [message]}
    assert VisaLetterRequest.objects.count() == 0


def test_someone_elses_registration_is_a_404(client, participant, passport):
    client.force_login(UserFactory())
    assert client.get(url(participant)).status_code == 404
    assert client.post(url(participant), form_data(passport)).status_code == 404
    assert client.get(url(participant, "visa-letter.pdf")).status_code == 404
    assert VisaLetterRequest.objects.count() == 0


def test_an_event_without_letters_says_so_and_stores_nothing(client, passport):
    event = make_event()
    VisaLetterSettings.objects.create(event=event, offers_letters=False)
    registration = RegistrationFactory(event=event)
    client.force_login(registration.user)
    response = client.post(url(registration), form_data(passport))
    assert response.status_code == 200
    assert response.context["refusal"] == "This event does not offer visa support letters."
    assert response.context["form"] is None
    assert VisaLetterRequest.objects.count() == 0


def test_a_waitlisted_participant_cannot_ask(client, letter_event, passport):
    registration = RegistrationFactory(event=letter_event, status=RegistrationStatus.WAITLISTED)
    client.force_login(registration.user)
    response = client.post(url(registration), form_data(passport))
    assert response.context["refusal"] == "Only confirmed participants can ask for a visa support letter."
    assert VisaLetterRequest.objects.count() == 0


def test_the_letter_downloads_once_issued_only(client, participant, passport):
    client.force_login(participant.user)
    client.post(url(participant), form_data(passport))
    assert client.get(url(participant, "visa-letter.pdf")).status_code == 404

    services.visa_request_approve(request=VisaLetterRequest.objects.get(), by=make_event_organiser(participant.event))
    response = client.get(url(participant, "visa-letter.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="visa-letter-GF2026-0001.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")
    assert "data-download-letter" in client.get(url(participant)).content.decode()

    services.passport_data_erase(request=VisaLetterRequest.objects.get())
    assert client.get(url(participant, "visa-letter.pdf")).status_code == 404


def test_ticking_visa_letter_when_registering_prompts_the_request_until_it_is_made(client, letter_event, passport):
    registration = RegistrationFactory(event=letter_event, visa_letter_requested=True)
    client.force_login(registration.user)
    detail = f"/my/registrations/{registration.reference}/"
    assert "data-visa-letter-prompt" in client.get(detail).content.decode()
    client.post(url(registration), form_data(passport))
    assert VisaLetterRequest.objects.count() == 1
    assert "data-visa-letter-prompt" not in client.get(detail).content.decode()
