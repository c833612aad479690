"""Visa letter services: who may ask, what is checked, numbering, approval
with the letter emailed, rejection, withdrawal, erasing passport data."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from home.models import EmailStatus, OutgoingEmail
from registration.models import RegistrationStatus
from registration.services import registration_cancel
from registration.visas import services
from registration.visas.models import (
    PASSPORT_FIELDS,
    LetterNumberSequence,
    VisaLetterRequest,
    VisaLetterSettings,
    VisaLetterStatus,
)
from registration.visas.sending import EMAIL_LETTER
from tests.factories import RegistrationFactory, UserFactory, make_event
from tests.helpers import make_event_organiser

pytestmark = pytest.mark.django_db


def submit(registration, data, by=None):
    return services.visa_request_submit(registration=registration, by=by or registration.user, data=data)


def test_submit_stores_the_request_with_passport_data_encrypted_in_the_database(participant, passport):
    request = submit(participant, passport)

    assert request.status == VisaLetterStatus.REQUESTED
    assert request.language == "fr"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT passport_name, passport_number, nationality, date_of_birth, passport_issued_on, "
            "passport_expires_on, consulate_city FROM visas_visaletterrequest WHERE id = %s",
            [request.pk],
        )
        raw = cursor.fetchone()
    for column, clear in zip(
        raw[:6], ["KWAME KOFI MENSAH", "G1234567", "GH", "1985-03-14", "2022-01-10", "2032-01-09"], strict=True
    ):
        # A token is random base64: a two-letter value may turn up in it by
        # chance, so the column must be a token, and the value not its text.
        assert column != clear and column.startswith("gAAAAA")  # a Fernet token
        if len(clear) > 2:
            assert clear not in column
    assert raw[6] == "Accra"
    stored = VisaLetterRequest.objects.get(pk=request.pk)
    assert stored.passport_number == "G1234567"
    assert stored.date_of_birth == datetime.date(1985, 3, 14)
    assert stored.nationality == "GH"


def test_the_same_value_is_never_stored_twice_the_same_way(letter_event, passport):
    first = submit(RegistrationFactory(event=letter_event), passport)
    second = submit(RegistrationFactory(event=letter_event), passport)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT passport_number FROM visas_visaletterrequest WHERE id IN (%s, %s)", [first.pk, second.pk]
        )
        tokens = [row[0] for row in cursor.fetchall()]
    assert len(set(tokens)) == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"passport_expires_on": datetime.date(2021, 1, 1)},
            "passport_expires_on",
            "The expiry date must come after the issue date.",
        ),
        ({"date_of_birth": datetime.date(2030, 1, 1)}, "date_of_birth", "The date of birth must be in the past."),
        (
            {"passport_issued_on": datetime.date(2099, 1, 1), "passport_expires_on": datetime.date(2109, 1, 1)},
            "passport_issued_on",
            "The issue date cannot be in the future.",
        ),
        (
            {"stay_from": datetime.date(2026, 6, 28), "stay_until": datetime.date(2026, 6, 22)},
            "stay_until",
            "The departure cannot come before the arrival.",
        ),
        (
            {"stay_from": datetime.date(2026, 7, 1), "stay_until": datetime.date(2026, 7, 5)},
            "stay_from",
            "The stay must include at least one day of the event.",
        ),
        (
            {"passport_expires_on": datetime.date(2026, 6, 27)},
            "passport_expires_on",
            "The passport must still be valid on the day you leave.",
        ),
    ],
)
def test_dates_that_cannot_be_are_refused_beside_their_field_and_nothing_is_stored(
    participant, passport, changes, field, message
):
    with pytest.raises(ValidationError) as refused:
        submit(participant, {**passport, **changes})
    assert refused.value.message_dict == {field: [message]}
    assert VisaLetterRequest.objects.count() == 0


def test_only_the_account_holder_may_ask(participant, passport):
    with pytest.raises(ValidationError) as refused:
        submit(participant, passport, by=UserFactory())
    assert refused.value.messages == ["This is not your registration."]
    assert VisaLetterRequest.objects.count() == 0


def test_an_event_without_letters_refuses_the_request(passport):
    event = make_event()
    VisaLetterSettings.objects.create(event=event, offers_letters=False)
    registration = RegistrationFactory(event=event)
    with pytest.raises(ValidationError) as refused:
        submit(registration, passport)
    assert refused.value.messages == ["This event does not offer visa support letters."]
    assert VisaLetterRequest.objects.count() == 0


@pytest.mark.parametrize("status", [RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED])
def test_only_confirmed_participants_may_ask(letter_event, passport, status):
    registration = RegistrationFactory(event=letter_event, status=status)
    with pytest.raises(ValidationError) as refused:
        submit(registration, passport)
    assert refused.value.messages == ["Only confirmed participants can ask for a visa support letter."]


def test_approval_numbers_letters_per_prefix_and_year_and_emails_the_letter(
    letter_event, passport, django_capture_on_commit_callbacks
):
    organiser = make_event_organiser(letter_event)
    requests = [submit(RegistrationFactory(event=letter_event, preferred_language="en"), passport) for _ in range(3)]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        done, problems = services.visa_requests_approve(requests=requests, by=organiser)

    assert (done, problems) == (3, [])
    numbers = list(VisaLetterRequest.objects.order_by("pk").values_list("number", flat=True))
    assert numbers == ["GF2026-0001", "GF2026-0002", "GF2026-0003"]
    assert LetterNumberSequence.objects.get(prefix="GF", year=2026).last == 3
    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert message.to == [requests[0].registration.email]
    assert message.subject == "Your visa support letter for Global Forum on the Ethics of AI (GF2026-0001)"
    (filename, content, mimetype) = message.attachments[0]
    assert (filename, mimetype) == ("visa-letter-GF2026-0001.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    # Sent: the outbox forgets the attachment (it states the passport details).
    email = OutgoingEmail.objects.get(kind=EMAIL_LETTER, registration=requests[0].registration)
    assert (email.status, email.attachments, email.text_body) == ("sent", [], "")


def test_a_letter_is_emailed_once_whatever_the_task_is_run(letter_event, passport, django_capture_on_commit_callbacks):
    organiser = make_event_organiser(letter_event)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.visa_request_approve(
            request=submit(RegistrationFactory(event=letter_event), passport), by=organiser
        )
    from registration.visas.tasks import send_visa_letter

    send_visa_letter(request_id=request.pk)
    send_visa_letter(request_id=request.pk)

    assert OutgoingEmail.objects.filter(kind=EMAIL_LETTER).count() == 1


def test_another_events_organiser_may_not_approve(letter_event, passport):
    request = submit(RegistrationFactory(event=letter_event), passport)
    stranger = make_event_organiser(make_event())
    with pytest.raises(ValidationError) as refused:
        services.visa_request_approve(request=request, by=stranger)
    assert refused.value.messages == ["You do not manage this event."]
    request.refresh_from_db()
    assert (request.status, request.number) == (VisaLetterStatus.REQUESTED, None)


def test_rejection_needs_a_reason_which_is_emailed(participant, passport, django_capture_on_commit_callbacks):
    organiser = make_event_organiser(participant.event)
    request = submit(participant, passport)
    with pytest.raises(ValidationError) as refused:
        services.visa_request_reject(request=request, by=organiser, reason="  ")
    assert refused.value.message_dict == {"reason": ["Say why the request is rejected: the participant is told."]}
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.visa_request_reject(request=request, by=organiser, reason="Le numéro de passeport est illisible.")

    request.refresh_from_db()
    assert (request.status, request.reason) == (VisaLetterStatus.REJECTED, "Le numéro de passeport est illisible.")
    assert len(mail.outbox) == 1
    assert "Le numéro de passeport est illisible." in mail.outbox[0].body
    # Asked again, corrected: waiting again, the reason gone.
    again = submit(participant, {**passport, "passport_number": "G7654321"})
    assert (again.pk, again.status, again.reason, again.passport_number) == (
        request.pk,
        VisaLetterStatus.REQUESTED,
        "",
        "G7654321",
    )


def test_an_issued_letter_cannot_be_changed_by_the_participant(participant, passport):
    services.visa_request_approve(request=submit(participant, passport), by=make_event_organiser(participant.event))
    with pytest.raises(ValidationError) as refused:
        submit(participant, {**passport, "passport_number": "X0000000"})
    assert refused.value.messages == ["Your letter has been issued. To change it, write to the organisers."]
    assert VisaLetterRequest.objects.get().passport_number == "G1234567"


def test_cancelling_the_registration_withdraws_its_letter(participant, passport):
    request = services.visa_request_approve(
        request=submit(participant, passport), by=make_event_organiser(participant.event)
    )
    registration_cancel(registration=participant, by=participant.user)
    request.refresh_from_db()
    assert request.status == VisaLetterStatus.WITHDRAWN
    assert request.number == "GF2026-0001"


def test_withdrawing_an_issued_letter_tells_the_participant(participant, passport, django_capture_on_commit_callbacks):
    organiser = make_event_organiser(participant.event)
    request = services.visa_request_approve(request=submit(participant, passport), by=organiser)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.visa_letter_withdraw(request=request, by=organiser, reason="Registration withdrawn by the delegation.")
    request.refresh_from_db()
    assert request.status == VisaLetterStatus.WITHDRAWN
    assert len(mail.outbox) == 1
    assert "GF2026-0001" in mail.outbox[0].subject
    with pytest.raises(ValidationError):
        services.visa_letter_withdraw(request=request, by=organiser)


def test_erasing_passport_data_keeps_the_number_and_status(participant, passport):
    request = services.visa_request_approve(
        request=submit(participant, passport), by=make_event_organiser(participant.event)
    )
    assert services.passport_data_erase(request=request) is True
    assert services.passport_data_erase(request=request) is False
    stored = VisaLetterRequest.objects.get(pk=request.pk)
    assert [getattr(stored, field) for field in PASSPORT_FIELDS] == [None] * 6
    assert (stored.number, stored.status, stored.consulate_city) == ("GF2026-0001", VisaLetterStatus.APPROVED, "Accra")
    assert stored.passport_erased_at is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT passport_number FROM visas_visaletterrequest WHERE id = %s", [request.pk])
        assert cursor.fetchone() == (None,)


def test_erasing_passport_data_clears_a_letter_email_not_sent_yet(participant, passport):
    request = services.visa_request_approve(
        request=submit(participant, passport), by=make_event_organiser(participant.event)
    )
    from registration.visas.sending import visa_letter_send

    email = visa_letter_send(request=request)  # written; its sending waits for the commit
    assert len(OutgoingEmail.objects.get(pk=email.pk).attachments) == 1

    services.passport_data_erase(request=request)

    assert OutgoingEmail.objects.get(pk=email.pk).attachments == []
    assert OutgoingEmail.objects.get(pk=email.pk).status == EmailStatus.CANCELLED


def test_a_withdrawn_letter_whose_email_failed_cannot_be_resent(participant, passport):
    """The letter's email failed (its server refused it); the letter is then
    withdrawn: the email is cancelled, its PDF gone, and "resend" leaves it."""
    from home.outbox import email_resend
    from registration.visas.sending import visa_letter_send

    organiser = make_event_organiser(participant.event)
    request = services.visa_request_approve(request=submit(participant, passport), by=organiser)
    email = visa_letter_send(request=request)
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.FAILED, last_error="550 refused")

    services.visa_letter_withdraw(request=request, by=organiser, reason="Sent to the wrong person.")

    email = OutgoingEmail.objects.get(pk=email.pk)
    assert (email.status, email.attachments, email.text_body) == (EmailStatus.CANCELLED, [], "")
    assert email_resend(email=email).status == EmailStatus.CANCELLED


def test_a_withdrawn_letter_cannot_be_asked_again_and_its_number_stays_withdrawn(client, participant, passport):
    organiser = make_event_organiser(participant.event)
    request = services.visa_request_approve(request=submit(participant, passport), by=organiser)
    services.visa_letter_withdraw(request=request, by=organiser, reason="Wrong passport.")

    with pytest.raises(ValidationError) as refused:
        submit(participant, passport)
    assert "withdrawn" in refused.value.messages[0]
    stored = VisaLetterRequest.objects.get(pk=request.pk)
    assert (stored.number, stored.status) == ("GF2026-0001", VisaLetterStatus.WITHDRAWN)
    from registration.visas.verification import verification_path

    page = client.get(verification_path("GF2026-0001"))
    assert page.status_code == 200 and page.context["valid"] is False


def test_a_request_whose_key_is_gone_can_still_be_cancelled_and_erased(participant, passport, settings):
    """An old key dropped too early: reading the passport details fails
    loudly, but the registration can still be cancelled (its letter
    withdrawn) and the details erased."""
    from cryptography.fernet import Fernet

    organiser = make_event_organiser(participant.event)
    request = services.visa_request_approve(request=submit(participant, passport), by=organiser)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    registration_cancel(registration=participant, by=participant.user)

    stored = VisaLetterRequest.objects.defer(*PASSPORT_FIELDS).get(pk=request.pk)
    assert stored.status == VisaLetterStatus.WITHDRAWN
    assert services.passport_data_erase(request=stored) is True
    assert VisaLetterRequest.objects.get(pk=request.pk).passport_number is None


def test_the_site_s_withdrawal_reason_is_in_the_participant_s_language(participant, passport):
    organiser = make_event_organiser(participant.event)  # participant.preferred_language is "fr"
    request = services.visa_request_approve(request=submit(participant, passport), by=organiser)
    registration_cancel(registration=participant, by=participant.user)
    request.refresh_from_db()
    assert request.reason == "L’inscription a été annulée ou refusée."
