"""Simultaneous scans on PostgreSQL: the database, not the code, makes sure
a badge is checked in once and a nonce is recorded once."""

import json

import pytest
from django.test import Client

from registration.badges import tokens as badge_tokens
from registration.checkin.models import Scan
from registration.checkin.services import NonceReused, scan_record
from registration.models import Registration
from tests.factories import RegistrationFactory, UserFactory
from tests.helpers import make_device, make_lead_staff, restore_site_basics, run_at_once


@pytest.fixture(autouse=True)
def _restored_site_basics(transactional_db):
    restore_site_basics()


pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def scan_at_once(calls: list[dict]) -> list[str]:
    """Run scan_record for every call in its own thread, all released at once
    (as callers who may check in at every event: the permission is not what
    is tested here)."""
    return run_at_once([lambda kwargs=kwargs: scan_record(allowed_event_ids=None, **kwargs).result for kwargs in calls])


def test_two_gates_scanning_one_badge_at_once_give_one_ok():
    registration = RegistrationFactory(user=None)
    code = badge_tokens.badge_token(registration)
    staff_a, staff_b = UserFactory(), UserFactory()

    results = scan_at_once(
        [
            {"code": code, "staff": staff_a, "event_id": registration.event_id, "gate": "A"},
            {"code": code, "staff": staff_b, "event_id": registration.event_id, "gate": "B"},
        ]
    )

    assert sorted(results) == ["already_checked_in", "ok"]
    registration.refresh_from_db()
    ok_scan = Scan.objects.get(result="ok")
    assert (registration.checked_in_at, registration.checked_in_gate) == (ok_scan.scanned_at, ok_scan.gate)
    assert Scan.objects.count() == 2


def test_twenty_simultaneous_scans_of_one_badge_give_exactly_one_ok():
    registration = RegistrationFactory(user=None)
    code = badge_tokens.badge_token(registration)
    staff = UserFactory()

    results = scan_at_once([{"code": code, "staff": staff, "gate": f"G{n}"} for n in range(20)])

    assert results.count("ok") == 1
    assert results.count("already_checked_in") == 19
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


def test_simultaneous_retries_with_one_nonce_record_one_scan_and_agree():
    registration = RegistrationFactory(user=None)
    code = badge_tokens.badge_token(registration)
    staff = UserFactory()

    results = scan_at_once([{"code": code, "staff": staff, "gate": "A", "nonce": "phone-7-scan-1"} for _ in range(8)])

    assert results == ["ok"] * 8
    assert Scan.objects.count() == 1


def test_simultaneous_scans_of_two_badges_with_one_nonce_check_in_one():
    first, second = RegistrationFactory(user=None), RegistrationFactory(user=None)
    staff = UserFactory()

    def scan_or_refused(registration) -> str:
        try:
            return scan_record(
                code=badge_tokens.badge_token(registration), staff=staff, allowed_event_ids=None, nonce="phone-7-scan-2"
            ).result
        except NonceReused:
            return "refused"

    results = run_at_once([lambda: scan_or_refused(first), lambda: scan_or_refused(second)])

    assert sorted(results) == ["ok", "refused"]
    assert Scan.objects.count() == 1
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


def test_two_devices_uploading_one_badge_at_once_give_one_check_in_and_one_conflict():
    """Both phones let the person in while offline; their uploads meet at
    the server: one check-in counts, the other is reported as a conflict."""
    registration = RegistrationFactory(user=None)
    event = registration.event
    lead = make_lead_staff(event)
    keys = [make_device(event, lead, name=f"Phone {n}")[1] for n in (1, 2)]

    def upload(key: str, nonce: str) -> dict:
        scan = {
            "code": badge_tokens.badge_token(registration),
            "nonce": nonce,
            "scanned_at": "2026-06-24T08:00:00+02:00",
            "device_result": "ok",
        }
        body = json.dumps({"event": event.pk, "device": nonce, "scans": [scan]})
        response = Client().post(
            "/api/checkin/sync/", body, content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}"
        )
        return response.json()["results"][0]

    results = run_at_once([lambda: upload(keys[0], "phone-1"), lambda: upload(keys[1], "phone-2")])

    assert sorted((result["result"], result.get("conflict", False)) for result in results) == [
        ("already_checked_in", True),
        ("ok", False),
    ]
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1
    assert Scan.objects.filter(conflict=True).count() == 1


def test_ten_entries_racing_for_the_last_three_seats_let_exactly_three_in():
    from registration.checkin.models import SessionAttendance
    from registration.checkin.services import ScanContext
    from tests.factories import RoomFactory, SessionAttendanceFactory, SessionFactory

    registration = RegistrationFactory(user=None)
    event = registration.event
    session = SessionFactory(event=event, room=RoomFactory(event=event, capacity=5))
    for _ in range(2):
        SessionAttendanceFactory(session=session, inside=True)  # two of the five places are taken
    people = [RegistrationFactory(event=event, category=registration.category, user=None) for _ in range(10)]
    staff = UserFactory()

    results = scan_at_once(
        [
            {
                "code": badge_tokens.badge_token(someone),
                "staff": staff,
                "event_id": event.pk,
                "gate": f"Door {n % 2}",
                "context": ScanContext(session_id=session.pk),
            }
            for n, someone in enumerate(people)
        ]
    )

    assert sorted(results) == ["ok"] * 3 + ["room_full"] * 7
    assert SessionAttendance.objects.filter(session=session, inside=True).count() == 5
