"""Claims at the same moment, on PostgreSQL: a sign-in and a page visit
claim once; a claim and the person registering themselves for the same
event leave them one registration there, and nothing breaks."""

import pytest

from registration.models import Registration, RegistrationLogEntry
from registration.services import CLAIM_REASON, AlreadyRegistered, registration_register, registrations_claim
from tests.factories import CategoryFactory, RegistrationSettingsFactory, UserFactory, make_event
from tests.helpers import details, run_at_once


def made_for(event, category, email):
    return registration_register(event=event, category=category, details=details(email=email), by=UserFactory())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_claims_claim_once(page_root):
    event = make_event()
    RegistrationSettingsFactory(event=event)
    registration = made_for(event, CategoryFactory(event=event), "kofi@example.org")
    person = UserFactory(email="kofi@example.org")

    results = run_at_once([lambda: registrations_claim(user=person) for _ in range(4)])

    assert sorted(len(claimed) for claimed in results) == [0, 0, 0, 1]
    registration.refresh_from_db()
    assert registration.user == person
    assert RegistrationLogEntry.objects.filter(registration=registration, reason=str(CLAIM_REASON)).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(5))
def test_claim_and_registering_oneself_for_the_event_leave_one_registration(page_root, round_):
    event = make_event()
    RegistrationSettingsFactory(event=event)
    category = CategoryFactory(event=event)
    made = made_for(event, category, "kofi@example.org")
    person = UserFactory(email="kofi@example.org")

    def register_oneself():
        try:
            return registration_register(
                event=event, category=category, user=person, details=details(email=person.email), privacy_accepted=True
            )
        except AlreadyRegistered as already:
            return already

    claimed, registered = run_at_once([lambda: registrations_claim(user=person), register_oneself])

    mine = list(Registration.objects.filter(event=event, user=person))
    assert len(mine) == 1
    made.refresh_from_db()
    if claimed:
        # The claim came first: registering found the claimed registration.
        assert isinstance(registered, AlreadyRegistered) and mine == [made]
    else:
        # Registering came first: the one made for them stays unclaimed.
        assert made.user is None and mine == [registered]
