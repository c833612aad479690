import pytest

from home.models import OutgoingEmail
from registration.models import Registration, RegistrationLogEntry, RegistrationStatus
from registration.services import registration_register_speaker
from tests.factories import RegistrationFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_register_speaker_creates_confirmed_registration_in_speaker_category(
    event, reg_settings, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory()
    speaker = SpeakerFactory(first_name="Grace", last_name="Hopper", email="grace@example.org", country="US", user=user)

    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_register_speaker(event=event, speaker=speaker)

    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.category.slug == "speaker"
    assert registration.category.is_public is False
    assert (registration.first_name, registration.last_name, registration.email) == (
        "Grace",
        "Hopper",
        "grace@example.org",
    )
    assert registration.organisation == "University of Nairobi"
    assert registration.country.code == "US"
    assert registration.user == user
    assert registration.capacity_override is False
    assert list(OutgoingEmail.objects.values_list("kind", "status")) == [("confirmed", "sent")]
    assert [m.to for m in mailoutbox] == [["grace@example.org"]]


def test_register_speaker_twice_returns_the_same_registration(event, reg_settings):
    speaker = SpeakerFactory(email="ada@example.org")

    first = registration_register_speaker(event=event, speaker=speaker)
    second = registration_register_speaker(event=event, speaker=speaker)

    assert first.pk == second.pk
    assert Registration.objects.filter(event=event).count() == 1
    assert OutgoingEmail.objects.count() == 1


def test_register_speaker_on_full_event_overrides_capacity_and_records_why(event, reg_settings):
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)
    speaker = SpeakerFactory(email="alan@example.org")

    registration = registration_register_speaker(event=event, speaker=speaker)

    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.capacity_override is True
    change = RegistrationLogEntry.objects.get(registration=registration)
    assert (change.from_status, change.to_status) == ("", "confirmed")
    assert change.reason == "Speaker at the event; confirmed over capacity."


def test_register_speaker_confirms_an_existing_waitlisted_registration(event, reg_settings):
    user = UserFactory()
    existing = RegistrationFactory(event=event, user=user, status=RegistrationStatus.WAITLISTED)
    speaker = SpeakerFactory(user=user, email=user.email)

    registration = registration_register_speaker(event=event, speaker=speaker)

    assert registration.pk == existing.pk
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.category.slug == "speaker"
    assert RegistrationLogEntry.objects.get(registration=registration).from_status == "waitlisted"
