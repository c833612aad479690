"""The race for a delegation's last seat, on PostgreSQL, through the real
service: the quota is counted under the delegation's lock."""

import pytest
from django.core.exceptions import ValidationError

from home.models import OutgoingEmail
from registration.delegations.models import DelegationLogEntry, Nomination
from registration.delegations.services import delegation_accept, delegation_create, nomination_create
from registration.models import Registration
from tests.factories import CategoryFactory, UserFactory, make_event
from tests.helpers import nominee, run_at_once

COUNTRIES = ["FR", "SN", "BR", "JP"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_nominations_racing_for_the_last_seat_one_wins(page_root):
    event = make_event()
    category = CategoryFactory(event=event, name="Member State delegation", is_public=False)
    delegations = []
    for country in COUNTRIES:
        delegation = delegation_create(
            event=event,
            country=country,
            focal_point_name=f"Focal point {country}",
            focal_point_email=f"focal.{country.lower()}@example.org",
            quotas={category: 2},
            by=None,
        )
        delegation = delegation_accept(delegation=delegation, user=UserFactory())
        # One seat of the two is taken: the last one is raced for.
        nomination_create(
            delegation=delegation,
            category=category,
            details=nominee(email=f"first.{country.lower()}@example.org"),
            by=delegation.focal_point,
        )
        delegations.append(delegation)

    def attempt(delegation, email):
        def call():
            try:
                nomination_create(
                    delegation=delegation, category=category, details=nominee(email=email), by=delegation.focal_point
                )
            except ValidationError as error:
                return error.message_dict
            return "nominated"

        return call

    racers = [
        (delegation, f"{side}.{delegation.country.code.lower()}@example.org")
        for delegation in delegations
        for side in ("left", "right")
    ]
    results = run_at_once([attempt(delegation, email) for delegation, email in racers])

    refusal = {"category": ["All 2 seats of your delegation in this category are taken."]}
    by_delegation = [sorted(map(str, results[index : index + 2])) for index in range(0, len(results), 2)]
    assert by_delegation == [sorted(["nominated", str(refusal)])] * len(COUNTRIES)
    for delegation in delegations:
        assert Nomination.objects.filter(delegation=delegation).count() == 2
        assert DelegationLogEntry.objects.filter(delegation=delegation, action="nominated").count() == 2
    # The refused nomination left nothing behind: no registration, no email.
    losers = [email for (_delegation, email), result in zip(racers, results, strict=True) if result != "nominated"]
    assert Registration.objects.filter(email__in=losers).count() == 0
    assert OutgoingEmail.objects.filter(to__in=losers).count() == 0
    assert Registration.objects.filter(event=event).count() == 2 * len(COUNTRIES)
