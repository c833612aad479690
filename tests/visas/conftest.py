import datetime

import pytest

from registration.visas.models import VisaLetterSettings
from tests.factories import RegistrationFactory, make_event


@pytest.fixture
def letter_event(db):
    """An event that offers visa letters, numbered GF2026-...."""
    event = make_event(
        title="Global Forum on the Ethics of AI",
        start_date=datetime.date(2026, 6, 24),
        end_date=datetime.date(2026, 6, 26),
    )
    VisaLetterSettings.objects.create(
        event=event,
        offers_letters=True,
        number_prefix="GF",
        signatory_name="Dr Amina Diallo",
        signatory_title="Secretary of the Forum",
    )
    return event


@pytest.fixture
def participant(letter_event):
    """A confirmed registration of ``letter_event`` with its own account."""
    return RegistrationFactory(event=letter_event, first_name="Kwame", last_name="Mensah", preferred_language="fr")


@pytest.fixture
def passport():
    """Valid request data for a stay around ``letter_event``."""
    return {
        "passport_name": "KWAME KOFI MENSAH",
        "passport_number": "G1234567",
        "nationality": "GH",
        "date_of_birth": datetime.date(1985, 3, 14),
        "passport_issued_on": datetime.date(2022, 1, 10),
        "passport_expires_on": datetime.date(2032, 1, 9),
        "consulate_city": "Accra",
        "stay_from": datetime.date(2026, 6, 22),
        "stay_until": datetime.date(2026, 6, 28),
    }
