"""Letter numbers on a real PostgreSQL: organisers approving at the same
moment take each number once, without gaps, and a request approved twice
at once gets one number."""

import pytest

from registration.visas import services
from registration.visas.models import LetterNumberSequence, VisaLetterRequest
from tests.factories import RegistrationFactory
from tests.helpers import make_event_organiser, run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def submitted(event, passport):
    registration = RegistrationFactory(event=event)
    return services.visa_request_submit(registration=registration, by=registration.user, data=passport)


@pytest.mark.usefixtures("page_root")
def test_simultaneous_approvals_take_each_number_once(letter_event, passport):
    requests = [submitted(letter_event, passport) for _ in range(8)]
    organisers = [make_event_organiser(letter_event) for _ in range(8)]

    run_at_once(
        [
            lambda request=request, by=by: services.visa_request_approve(request=request, by=by)
            for request, by in zip(requests, organisers, strict=True)
        ]
    )

    numbers = sorted(VisaLetterRequest.objects.values_list("number", flat=True))
    assert numbers == [f"GF2026-{n:04d}" for n in range(1, 9)]
    assert LetterNumberSequence.objects.get(prefix="GF", year=2026).last == 8


@pytest.mark.usefixtures("page_root")
def test_one_request_approved_twice_at_once_gets_one_number(letter_event, passport):
    request = submitted(letter_event, passport)
    organisers = [make_event_organiser(letter_event) for _ in range(2)]

    def approve(by):
        try:
            return services.visa_request_approve(request=request, by=by).number
        except Exception as error:  # noqa: BLE001 - the second is refused
            return type(error).__name__

    outcomes = run_at_once([lambda by=by: approve(by) for by in organisers])

    assert VisaLetterRequest.objects.get().number == "GF2026-0001"
    assert "GF2026-0001" in outcomes
    assert LetterNumberSequence.objects.get(prefix="GF", year=2026).last == 1
