"""On PostgreSQL: a capacity raised while confirmed people cancel fills
exactly the seats there are, from the waiting list, in the order it came."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from registration.models import Registration, RegistrationSettings
from registration.services import capacity_save, registration_cancel
from tests.factories import CategoryFactory, RegistrationSettingsFactory, make_event
from tests.helpers import make_event_organiser, register


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_capacity_raise_during_ten_cancellations_fills_every_seat_once_in_order(page_root):
    event = make_event()
    RegistrationSettingsFactory(event=event, capacity_in_person=20)
    category = CategoryFactory(event=event)
    confirmed = [register(event, category) for _ in range(20)]
    waiting = [register(event, category) for _ in range(30)]
    assert Registration.objects.filter(event=event, status="waitlisted").count() == 30
    organiser = make_event_organiser(event)
    start = threading.Barrier(11)
    errors = []

    def raise_capacity():
        def write():
            RegistrationSettings.objects.filter(event=event).update(capacity_in_person=30)

        return capacity_save(event=event, capacities={"capacity_in_person": 30}, save=write, by=organiser)

    def run(job):
        try:
            start.wait(timeout=30)
            return job()
        except Exception as error:  # noqa: BLE001 - every failure is counted below
            errors.append(repr(error))
        finally:
            connection.close()

    jobs = [raise_capacity] + [
        (lambda registration=registration: registration_cancel(registration=registration, by=registration.user))
        for registration in confirmed[:10]
    ]
    with ThreadPoolExecutor(max_workers=11) as pool:
        list(pool.map(run, jobs))

    assert errors == []
    assert Registration.objects.filter(event=event, status="confirmed").count() == 30
    promoted = set(
        Registration.objects.filter(pk__in=[r.pk for r in waiting], status="confirmed").values_list("pk", flat=True)
    )
    assert promoted == {registration.pk for registration in waiting[:20]}
    assert Registration.objects.filter(event=event, status="cancelled").count() == 10
