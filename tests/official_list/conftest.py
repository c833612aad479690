from dataclasses import dataclass

import pytest

from registration.models import RegistrationStatus
from tests.factories import CategoryFactory, DelegationFactory, RegistrationFactory, UserFactory, make_event
from tests.helpers import make_event_organiser, make_listed_person


@dataclass
class ProtocolEvent:
    """An event whose list has something of every rule of precedence."""

    event: object
    member_states: object
    observers: object
    civil_society: object


@pytest.fixture
def protocol_event(db) -> ProtocolEvent:
    """Categories made out of their order; delegations of countries whose
    names sort differently in English and French (Germany / Allemagne,
    United States / États-Unis, Côte d'Ivoire among the C's); people without
    a delegation; an organisation's delegation; and registrations the list
    leaves out (no consent, a registration nobody claimed, pending,
    cancelled, waitlisted, another event's)."""
    event = make_event(title="Forum on the ethics of AI")
    civil_society = CategoryFactory(event=event, name="Civil society", sort_order=3)
    observers = CategoryFactory(event=event, name="Observers", sort_order=2)
    member_states = CategoryFactory(event=event, name="Member States", sort_order=1)

    united_states = DelegationFactory(event=event, country="US")
    for last_name, first_name, honorific, is_head in [
        ("Ávila", "Ana", "Ms", False),
        ("Zimmerman", "Laura", "H.E. Ms", True),
        ("Adams", "John", "Mr", False),
    ]:
        make_listed_person(
            event,
            member_states,
            delegation=united_states,
            is_head=is_head,
            honorific=honorific,
            first_name=first_name,
            last_name=last_name,
            position="Ambassador" if is_head else "Adviser",
            organisation="Permanent Mission of the United States",
            country="US",
        )
    germany = DelegationFactory(event=event, country="DE")
    make_listed_person(event, member_states, delegation=germany, first_name="Lena", last_name="Becker", country="DE")
    make_listed_person(
        event,
        member_states,
        delegation=germany,
        is_head=True,
        honorific="H.E. Mr",
        first_name="Karl",
        last_name="Schmidt",
        position="Minister of Research",
        organisation="Federal Ministry of Research",
        country="DE",
    )
    # Came without the delegation, from the same country: under its heading.
    make_listed_person(event, member_states, first_name="Jonas", last_name="Wagner", country="DE")
    ivory_coast = DelegationFactory(event=event, country="CI")
    make_listed_person(event, member_states, delegation=ivory_coast, first_name="Awa", last_name="Traoré", country="CI")
    make_listed_person(
        event, member_states, delegation=ivory_coast, is_head=True, first_name="Yao", last_name="Kouassi", country="CI"
    )
    brazil = DelegationFactory(event=event, country="BR")
    make_listed_person(event, member_states, delegation=brazil, first_name="João", last_name="Silva", country="BR")
    make_listed_person(event, member_states, first_name="Camila", last_name="Gómez", country="CO")
    make_listed_person(event, member_states, first_name="Ivan", last_name="Horvat", country="HR")
    make_listed_person(event, member_states, first_name="Claire", last_name="Martin", country="FR")

    unesco = DelegationFactory(event=event, country="", organisation="UNESCO")
    make_listed_person(event, observers, delegation=unesco, first_name="Audrey", last_name="Azoulay", country="FR")
    african_union = DelegationFactory(event=event, country="", organisation="African Union")
    make_listed_person(
        event, observers, delegation=african_union, first_name="Moussa", last_name="Mahamat", country="TD"
    )
    make_listed_person(event, observers, first_name="Amina", last_name="Diallo", country="SN")
    make_listed_person(event, civil_society, first_name="Chidi", last_name="Okafor", country="NG")

    # Left out.
    make_listed_person(event, member_states, delegation=germany, last_name="Declined", country="DE", list_consent=False)
    make_listed_person(
        event,
        member_states,
        delegation=united_states,
        last_name="Unclaimed",
        country="US",
        list_consent=False,
        registered_by=UserFactory(),
    )
    for status in (RegistrationStatus.PENDING, RegistrationStatus.CANCELLED, RegistrationStatus.WAITLISTED):
        make_listed_person(event, member_states, delegation=germany, last_name=f"Is {status}", status=status)
    elsewhere = make_event(title="Another forum")
    make_listed_person(elsewhere, CategoryFactory(event=elsewhere), last_name="Elsewhere", country="DE")
    return ProtocolEvent(event=event, member_states=member_states, observers=observers, civil_society=civil_society)


@dataclass
class ListVisitors:
    """Everyone who may ask for an event's list (``event``), by kind."""

    stranger: object
    participant_elsewhere: object
    participant: object
    pending_participant: object
    organiser_elsewhere: object
    organiser: object

    def get(self, kind: str):
        return None if kind == "anonymous" else getattr(self, kind)


@pytest.fixture
def list_visitors(event, other_event) -> ListVisitors:
    participant, pending, elsewhere = UserFactory(), UserFactory(), UserFactory()
    RegistrationFactory(event=event, user=participant)
    RegistrationFactory(event=event, user=pending, status=RegistrationStatus.PENDING)
    RegistrationFactory(event=other_event, user=elsewhere)
    return ListVisitors(
        stranger=UserFactory(),
        participant_elsewhere=elsewhere,
        participant=participant,
        pending_participant=pending,
        organiser_elsewhere=make_event_organiser(other_event),
        organiser=make_event_organiser(event),
    )
