"""The upload of scans made offline (``POST /api/checkin/sync/``): each scan
recorded at its own time with the server's verdict, answered in order; a
badge let in on two devices is a conflict; a replayed upload records
nothing twice; a bad scan is refused alone."""

import json

import pytest
from django.test import Client

from registration.badges import tokens as badge_tokens
from registration.checkin.models import Scan, ScanResult
from registration.models import RegistrationStatus
from tests.factories import RegistrationFactory, make_event
from tests.helpers import make_checkin_staff, make_device, make_lead_staff, signed_in

pytestmark = pytest.mark.django_db

SYNC_URL = "/api/checkin/sync/"
AT_EIGHT = "2026-06-24T08:00:00+02:00"


@pytest.fixture
def sync_event():
    return make_event(title="Global Forum on the Ethics of AI", time_zone="Europe/Paris")


@pytest.fixture
def sync_staff(sync_event):
    return make_checkin_staff(sync_event)


@pytest.fixture
def sync_client(sync_staff):
    return signed_in(sync_staff)


def offline_scan(registration, nonce, *, at=AT_EIGHT, shown="ok", **fields):
    return {
        "code": badge_tokens.badge_token(registration),
        "nonce": nonce,
        "scanned_at": at,
        "gate": "B",
        "device_result": shown,
        **fields,
    }


def sync(client, sync_event, scans, *, device="phone-1", **extra):
    body = json.dumps({"event": sync_event.pk, "device": device, "scans": scans})
    return client.post(SYNC_URL, body, content_type="application/json", **extra)


def test_each_scan_gets_the_servers_verdict_in_order(sync_client, sync_staff, sync_event):
    amina, kofi = RegistrationFactory(event=sync_event, user=None), RegistrationFactory(event=sync_event, user=None)
    cancelled = RegistrationFactory(event=sync_event, user=None, status=RegistrationStatus.CANCELLED)

    response = sync(
        sync_client,
        sync_event,
        [
            offline_scan(amina, "n-1"),
            offline_scan(cancelled, "n-2", shown="cancelled"),
            offline_scan(kofi, "n-3", at="2026-06-24T08:01:00+02:00"),
            offline_scan(amina, "n-4", at="2026-06-24T08:05:00+02:00", shown="already_checked_in"),
        ],
    )

    assert response.status_code == 200
    results = response.json()["results"]
    assert [(r["nonce"], r["result"], r.get("conflict", False)) for r in results] == [
        ("n-1", "ok", False),
        ("n-2", "cancelled", False),
        ("n-3", "ok", False),
        ("n-4", "already_checked_in", False),
    ]
    assert [r["registration"]["reference"] for r in results] == [
        amina.reference,
        cancelled.reference,
        kofi.reference,
        amina.reference,
    ]
    scans = Scan.objects.order_by("scanned_at", "pk")
    assert [r["scan"] for r in results] == [scans.get(nonce=f"n-{n}").pk for n in range(1, 5)]
    first = scans.get(nonce="n-1")
    assert (first.offline, first.device_result, first.device_id, first.gate, first.staff) == (
        True,
        "ok",
        "phone-1",
        "B",
        sync_staff,
    )
    amina.refresh_from_db()
    assert (amina.checked_in_at.isoformat(), amina.checked_in_gate) == ("2026-06-24T06:00:00+00:00", "B")


def test_one_badge_let_in_on_two_devices_is_one_check_in_and_one_conflict(sync_event):
    registration = RegistrationFactory(event=sync_event, user=None)
    first_phone, second_phone = signed_in(make_checkin_staff(sync_event)), signed_in(make_checkin_staff(sync_event))

    first = sync(first_phone, sync_event, [offline_scan(registration, "a-1")], device="phone-a").json()["results"][0]
    second = sync(
        second_phone, sync_event, [offline_scan(registration, "b-1", at="2026-06-24T08:02:00+02:00")], device="phone-b"
    ).json()["results"][0]

    assert (first["result"], first.get("conflict", False)) == ("ok", False)
    assert (second["result"], second["conflict"]) == ("already_checked_in", True)
    conflict = Scan.objects.get(conflict=True)
    assert (conflict.nonce, conflict.device_id, conflict.device_result) == ("b-1", "phone-b", "ok")
    registration.refresh_from_db()
    assert registration.checked_in_at.isoformat() == "2026-06-24T06:00:00+00:00"


def test_a_replayed_upload_gives_the_first_answers_and_records_nothing_twice(sync_client, sync_event):
    registration = RegistrationFactory(event=sync_event, user=None)
    scans = [offline_scan(registration, "n-1"), offline_scan(registration, "n-2", shown="already_checked_in")]

    first = sync(sync_client, sync_event, scans).json()
    again = sync(sync_client, sync_event, scans).json()

    assert again == first
    assert Scan.objects.count() == 2


def test_a_malformed_scan_is_refused_alone(sync_client, sync_event):
    amina, kofi = RegistrationFactory(event=sync_event, user=None), RegistrationFactory(event=sync_event, user=None)
    scans = [
        offline_scan(amina, "n-1"),
        offline_scan(kofi, "n-2", at="yesterday"),
        "not a scan",
        offline_scan(kofi, "", at=AT_EIGHT),
        offline_scan(kofi, "n-5", direction="sideways"),
        offline_scan(kofi, "n-6", session="three"),
        offline_scan(kofi, "n-7", shown="green"),
        offline_scan(kofi, "n-8", at=None),
        offline_scan(kofi, "n-9"),
    ]

    results = sync(sync_client, sync_event, scans).json()["results"]

    assert [r.get("result") or r["status"] for r in results] == ["ok", 400, 400, 400, 400, 400, 400, 400, "ok"]
    assert results[1] == {
        "nonce": "n-2",
        "error": "scanned_at must be a date and time in ISO 8601 format.",
        "status": 400,
    }
    assert results[2] == {"nonce": None, "error": "Each scan must be an object.", "status": 400}
    assert results[3]["error"] == "Each uploaded scan needs its nonce."
    assert results[7]["error"] == "Each uploaded scan needs its scanned_at."
    assert sorted(Scan.objects.values_list("nonce", flat=True)) == ["n-1", "n-9"]


def test_a_scan_outside_the_events_days_is_refused(sync_client, sync_event):
    registration = RegistrationFactory(event=sync_event, user=None)

    results = sync(
        sync_client,
        sync_event,
        [offline_scan(registration, "n-1", at="2026-05-01T08:00:00+02:00"), offline_scan(registration, "n-2")],
    ).json()["results"]

    assert results[0] == {
        "nonce": "n-1",
        "error": "scanned_at is too far from the days of the event (2026-06-24 to 2026-06-26).",
        "status": 400,
    }
    assert results[1]["result"] == "ok"


def test_a_nonce_of_another_scan_is_409_for_that_scan(sync_client, sync_event):
    amina, kofi = RegistrationFactory(event=sync_event, user=None), RegistrationFactory(event=sync_event, user=None)
    sync(sync_client, sync_event, [offline_scan(amina, "n-1")])

    results = sync(sync_client, sync_event, [offline_scan(kofi, "n-1")]).json()["results"]

    assert results == [{"nonce": "n-1", "error": "This nonce was already used for another scan.", "status": 409}]
    kofi.refresh_from_db()
    assert kofi.checked_in_at is None


def test_more_than_a_hundred_scans_are_refused(sync_client, sync_event):
    registration = RegistrationFactory(event=sync_event, user=None)

    response = sync(sync_client, sync_event, [offline_scan(registration, f"n-{n}") for n in range(101)])

    assert (response.status_code, response.json()["message"]) == (400, "Send at most 100 scans at a time.")
    assert Scan.objects.count() == 0


def test_a_body_over_64_kb_is_413(sync_client, sync_event):
    registration = RegistrationFactory(event=sync_event, user=None)
    scans = [offline_scan(registration, f"n-{n}", gate="G" * 40) for n in range(100)]
    scans[0]["padding"] = "x" * 40_000

    response = sync(sync_client, sync_event, scans)

    assert (response.status_code, response.json()["message"]) == (413, "The request is too large.")
    assert Scan.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "Choose an event."),
        ('{"event": 1}', "You may not check people in at this event."),
        ("EVENT", "scans must be a list of scans."),
        ("[" * 5000, "Choose an event."),  # nested too deep for the parser: not a body
    ],
)
def test_a_bad_body_is_a_clear_4xx(sync_client, sync_event, body, message):
    body = body.replace("EVENT", json.dumps({"event": sync_event.pk, "scans": {}}))

    response = sync_client.post(SYNC_URL, body, content_type="application/json")

    assert response.status_code in (400, 403)
    assert response.json()["message"] == message


def test_a_devices_upload_names_the_device(sync_event):
    registration = RegistrationFactory(event=sync_event, user=None)
    token, key = make_device(sync_event, make_lead_staff(sync_event), name="Gate B phone 2")

    response = sync(Client(), sync_event, [offline_scan(registration, "n-1")], HTTP_AUTHORIZATION=f"Token {key}")

    assert response.json()["results"][0]["result"] == ScanResult.OK
    scan = Scan.objects.get()
    assert (scan.token, scan.device_label, scan.device_id) == (token, "Gate B phone 2", "phone-1")


def test_anonymous_uploads_are_401_and_record_nothing(client, sync_event):
    registration = RegistrationFactory(event=sync_event, user=None)

    response = sync(client, sync_event, [offline_scan(registration, "n-1")])

    assert (response.status_code, Scan.objects.count()) == (401, 0)


def test_a_scan_from_a_device_with_a_reset_clock_is_refused_alone(sync_client, sync_event):
    """A phone whose clock fell back to 1970 (or year 1): that scan is
    answered with its reason and leaves the queue; the others are recorded."""
    amina, kofi = RegistrationFactory(event=sync_event, user=None), RegistrationFactory(event=sync_event, user=None)

    response = sync(
        sync_client,
        sync_event,
        [offline_scan(amina, "n-1", at="0001-01-01T00:00:00+05:00"), offline_scan(kofi, "n-2")],
    )

    first, second = response.json()["results"]
    assert response.status_code == 200
    assert (first["nonce"], first["status"], first["error"]) == ("n-1", 400, "scanned_at is too far in the past.")
    assert second["result"] == "ok"
    assert list(Scan.objects.values_list("registration_id", flat=True)) == [kofi.pk]
