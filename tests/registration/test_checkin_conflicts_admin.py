"""Check-in conflicts in the admin (registration/checkin/wagtail_hooks.py):
a badge let in offline on two devices is listed with the check-in that
counted, for the organisers of its event only, filterable and exported;
the scan log shows how each scan was made."""

import json

import pytest
from django.test import Client

from registration.badges import tokens as badge_tokens
from registration.checkin.models import Scan
from tests.factories import RegistrationFactory, make_event
from tests.helpers import make_checkin_staff, make_device, make_event_organiser, make_lead_staff, signed_in

pytestmark = pytest.mark.django_db

CONFLICTS = "/admin/checkin-conflicts/"


@pytest.fixture
def conflict_events():
    return make_event(title="Global Forum on the Ethics of AI"), make_event(title="Policy dialogue on neurotechnology")


def offline_check_in(client: Client, registration, *, nonce: str, at: str, device: str, gate: str, **extra) -> dict:
    """Upload one scan the device showed as "checked in" while offline."""
    scan = {
        "code": badge_tokens.badge_token(registration),
        "nonce": nonce,
        "scanned_at": at,
        "gate": gate,
        "device_result": "ok",
    }
    body = json.dumps({"event": registration.event_id, "device": device, "scans": [scan]})
    response = client.post("/api/checkin/sync/", body, content_type="application/json", **extra)
    return response.json()["results"][0]


def conflict_at(event, first_name="Amina"):
    """A badge let in offline at gate A (staff's phone), then at gate B (a
    registered device): the second upload is the conflict."""
    registration = RegistrationFactory(event=event, user=None, first_name=first_name, last_name="Diallo")
    staff = signed_in(make_checkin_staff(event))
    _token, key = make_device(event, make_lead_staff(event), name="Gate B phone 2")
    offline_check_in(
        staff, registration, nonce=f"{first_name}-a", at="2026-06-24T08:00:00+02:00", device="web-1", gate="A"
    )
    offline_check_in(
        Client(),
        registration,
        nonce=f"{first_name}-b",
        at="2026-06-24T08:03:00+02:00",
        device="web-2",
        gate="B",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    return registration


def test_the_conflict_is_listed_with_the_check_in_that_counted(conflict_events):
    registration = conflict_at(conflict_events[0])
    organiser = signed_in(make_event_organiser(conflict_events[0]))

    response = organiser.get(CONFLICTS)

    assert response.status_code == 200
    assert [scan.nonce for scan in response.context["object_list"]] == ["Amina-b"]
    page = response.content.decode()
    for shown in (
        "Amina Diallo",
        registration.reference,
        "Gate B phone 2",
        "Checked in",  # what the device said
        "Already checked in",  # what the server said
        "Global Forum on the Ethics of AI",
    ):
        assert shown in page, shown


def test_the_export_says_who_where_and_which_check_in_counted(conflict_events):
    registration = conflict_at(conflict_events[0])
    organiser = signed_in(make_event_organiser(conflict_events[0]))

    response = organiser.get(CONFLICTS, {"export": "csv"})

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == (
        "Person,Badge reference,Scanned offline at,Gate,Session,Device,Verdict on the device,"
        "Server's verdict,Checked in at,Checked in at gate,Event"
    )
    row = lines[1].split(",")
    assert row[:2] == [str(registration), registration.reference]
    assert row[3:8] == ["B", "", "Gate B phone 2", "Checked in", "Already checked in"]
    assert row[8].startswith("2026-06-24") and row[9:] == ["A", "Global Forum on the Ethics of AI"]
    assert len(lines) == 2


def test_organisers_see_only_their_events_conflicts(conflict_events):
    conflict_at(conflict_events[0], first_name="Amina")
    conflict_at(conflict_events[1], first_name="Kofi")
    organiser = signed_in(make_event_organiser(conflict_events[0]))

    listing = organiser.get(CONFLICTS)
    export = b"".join(organiser.get(CONFLICTS, {"export": "csv"}).streaming_content).decode()
    filtered = organiser.get(CONFLICTS, {"event": conflict_events[1].pk})

    assert [scan.nonce for scan in listing.context["object_list"]] == ["Amina-b"]
    assert "Kofi" not in listing.content.decode() and "Kofi" not in export
    assert "Kofi" not in filtered.content.decode()


def test_the_event_filter_narrows_the_list(conflict_events):
    conflict_at(conflict_events[0], first_name="Amina")
    conflict_at(conflict_events[1], first_name="Kofi")
    organiser = signed_in(make_event_organiser(*conflict_events))

    response = organiser.get(CONFLICTS, {"event": conflict_events[1].pk})

    assert [scan.nonce for scan in response.context["object_list"]] == ["Kofi-b"]


def test_check_in_staff_cannot_open_the_conflicts(conflict_events):
    response = signed_in(make_checkin_staff(conflict_events[0])).get(CONFLICTS)

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("count", [1, 10])
def test_conflicts_list_query_count_does_not_grow(conflict_events, count, django_assert_max_num_queries):
    for n in range(count):
        conflict_at(conflict_events[0], first_name=f"Person{n}")
    organiser = signed_in(make_event_organiser(conflict_events[0]))

    with django_assert_max_num_queries(16):
        response = organiser.get(CONFLICTS)

    assert len(response.context["object_list"]) == count


def test_the_scan_log_shows_how_each_scan_was_made(conflict_events):
    conflict_at(conflict_events[0])
    organiser = signed_in(make_event_organiser(conflict_events[0]))

    export = b"".join(organiser.get("/admin/scan_log/", {"export": "csv"}).streaming_content).decode().splitlines()
    offline_only = organiser.get("/admin/scan_log/", {"conflict": "true"})

    header = export[0].split(",")
    assert header[-6:] == ["Nonce", "Made offline", "Verdict on the device", "Device", "Conflict", "Undone at"]
    assert sorted(line.split(",")[-3] for line in export[1:]) == ["Gate B phone 2", "web-1"]
    assert [scan.nonce for scan in offline_only.context["object_list"]] == ["Amina-b"]
    assert Scan.objects.filter(offline=True).count() == 2
