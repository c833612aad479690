"""The race for the last seats, on PostgreSQL, through the real service."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from registration.models import Registration, RegistrationLogEntry
from registration.services import registration_register
from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory, UserFactory, make_event
from tests.helpers import details

ATTEMPTS = 200
THREADS = 40  # PostgreSQL here allows 100 connections, shared with other test runs


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_200_attempts_for_the_last_10_seats_confirm_exactly_10(page_root):
    event = make_event()
    RegistrationSettingsFactory(event=event, capacity_in_person=50)
    category = CategoryFactory(event=event)
    for _ in range(40):
        RegistrationFactory(event=event, category=category)
    users = [UserFactory() for _ in range(ATTEMPTS)]
    start = threading.Barrier(THREADS)
    errors = []

    def attempt(user):
        try:
            if threading.current_thread().name not in started:
                started.add(threading.current_thread().name)
                start.wait(timeout=30)
            return registration_register(
                event=event,
                category=category,
                user=user,
                details=details(email=user.email),
                privacy_accepted=True,
            ).status
        except Exception as error:  # noqa: BLE001 - every failure is counted below
            errors.append(repr(error))
            return "error"
        finally:
            connection.close()

    started: set[str] = set()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(attempt, users))

    assert errors == []
    assert (results.count("confirmed"), results.count("waitlisted")) == (10, 190)
    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    assert confirmed == 50
    assert Registration.objects.filter(event=event, status="waitlisted").count() == 190
    assert RegistrationLogEntry.objects.filter(registration__event=event).count() == ATTEMPTS
    waitlisted_order = list(
        Registration.objects.filter(event=event, status="waitlisted")
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    assert len(set(waitlisted_order)) == 190
