"""Who may check people in where: check-in rights are given per event
(``sessions.permissions``), the scan API's cached answer is forgotten as
soon as an assignment changes, and every check-in page and endpoint answers
each kind of caller with the right status and none of another event's
personal data."""

import json
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client

from registration.badges import tokens as badge_tokens
from registration.checkin.devices import device_revoke
from registration.checkin.models import Scan
from registration.checkin.services import scan_record
from registration.checkin.tokens import scanner_token_revoke
from sessions import permissions
from sessions.models import CheckinStaff, EventPage
from sessions.services import checkin_staff_add, checkin_staff_remove
from tests.factories import RegistrationFactory, UserFactory, make_event
from tests.helpers import (
    SCAN_URL,
    make_checkin_staff,
    make_device,
    make_event_organiser,
    make_lead_staff,
    make_scanner_token,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[0, 300], ids=["no cache", "cached"])
def cache_seconds(request, settings):
    settings.CHECKIN_PERMISSION_CACHE_SECONDS = request.param
    return request.param


def scan(client, registration):
    body = json.dumps({"code": badge_tokens.badge_token(registration), "event": registration.event_id})
    return client.post(SCAN_URL, body, content_type="application/json")


# --- the permission -------------------------------------------------------------------------


def _deactivated(user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("superuser", None),
        ("staff of A", {"A"}),
        ("staff of A and B", {"A", "B"}),
        ("inactive staff of A", set()),
        ("organiser of A", set()),
        ("participant", set()),
    ],
)
def test_checkin_event_ids_per_kind_of_user(kind, expected, cache_seconds):
    events = {"A": make_event(), "B": make_event()}
    user = {
        "superuser": lambda: UserFactory(is_superuser=True),
        "staff of A": lambda: make_checkin_staff(events["A"]),
        "staff of A and B": lambda: make_checkin_staff(events["A"], events["B"]),
        "inactive staff of A": lambda: _deactivated(make_checkin_staff(events["A"])),
        "organiser of A": lambda: make_event_organiser(events["A"]),
        "participant": lambda: RegistrationFactory(event=events["A"]).user,
    }[kind]()

    first, second = permissions.checkin_event_ids(user), permissions.checkin_event_ids(user)

    wanted = None if expected is None else frozenset(events[name].pk for name in expected)
    assert first == second == wanted
    assert permissions.may_check_in_anywhere(user) is (expected is None or bool(expected))


def test_a_token_limits_the_events_to_its_own(cache_seconds):
    a, b, c = make_event(), make_event(), make_event()
    staff = make_checkin_staff(a, b)

    assert permissions.checkin_event_ids(staff, token_event_ids=[b.pk, c.pk]) == frozenset({b.pk})
    assert permissions.checkin_event_ids(UserFactory(is_superuser=True), token_event_ids=[c.pk]) == frozenset({c.pk})


def test_organisers_get_the_check_in_staff_admin_permissions_but_no_check_in_rights(event):
    organiser = make_event_organiser(event)

    assert (organiser.has_perm("agenda.add_checkinstaff"), organiser.has_perm("agenda.delete_checkinstaff")) == (
        True,
        True,
    )
    assert permissions.checkin_event_ids(organiser) == frozenset()


def test_removing_the_assignment_stops_scanning_at_once(client, registration, cache_seconds):
    staff = make_checkin_staff(registration.event)
    client.force_login(staff)
    before = scan(client, registration).status_code

    checkin_staff_remove(event=registration.event, user=staff)
    after = scan(client, RegistrationFactory(event=registration.event, user=None))

    assert (before, after.status_code, after.json()["message"]) == (200, 403, "You may not scan badges.")


def test_removing_one_of_two_events_stops_scanning_there_at_once(client, registration, cache_seconds):
    staff = make_checkin_staff(registration.event, make_event())
    client.force_login(staff)
    before = scan(client, registration).status_code

    checkin_staff_remove(event=registration.event, user=staff)
    after = scan(client, RegistrationFactory(event=registration.event, user=None))

    assert (before, after.status_code, after.json()["message"]) == (
        200,
        403,
        "You may not check people in at this event.",
    )


def test_being_assigned_allows_scanning_at_once(client, registration, cache_seconds):
    user = UserFactory()
    client.force_login(user)
    before = scan(client, registration).status_code

    checkin_staff_add(event=registration.event, user=user, by=None)
    after = scan(client, registration).status_code

    assert (before, after) == (403, 200)


def test_deleting_the_event_ends_its_assignments(registration, cache_seconds):
    other = make_event()
    staff = make_checkin_staff(other, registration.event)
    assert permissions.checkin_event_ids(staff) == frozenset({other.pk, registration.event_id})

    EventPage.objects.get(pk=other.pk).delete()

    assert permissions.checkin_event_ids(staff) == frozenset({registration.event_id})
    assert CheckinStaff.objects.filter(user=staff).count() == 1


def test_the_cached_answer_spares_the_permission_query(client, registration, settings, django_assert_num_queries):
    settings.CHECKIN_PERMISSION_CACHE_SECONDS = 300
    client.force_login(make_checkin_staff(registration.event))
    scan(client, RegistrationFactory(event=registration.event, user=None))  # the answer is cached
    body = json.dumps({"code": badge_tokens.badge_token(registration), "event": registration.event_id})

    # session, user, registration (with its badge key), then savepoint, UPDATE, INSERT, release.
    with django_assert_num_queries(7):
        assert client.post(SCAN_URL, body, content_type="application/json").json()["result"] == "ok"


def test_an_emptied_cache_asks_the_database_again(registration, settings):
    settings.CHECKIN_PERMISSION_CACHE_SECONDS = 300
    staff = make_checkin_staff(registration.event)
    assert permissions.can_check_in(staff, registration.event_id)

    cache.clear()
    CheckinStaff.objects.filter(user=staff).delete()

    assert not permissions.can_check_in(staff, registration.event_id)


# --- every page and endpoint, every kind of caller ------------------------------------------

# What the registration of event A holds that no caller outside A may see.
SECRETS = ("Zanele", "Okonkwo", "Secret Ministry of Mines", "zanele.private@example.org")


@dataclass
class World:
    event_a: EventPage
    event_b: EventPage
    registration: object
    scan_at_a: Scan
    users: dict
    keys: dict


@pytest.fixture
def checkin_world():
    event_a = make_event(title="Global Forum on the Ethics of AI")
    event_b = make_event(title="Policy dialogue on neurotechnology")
    registration = RegistrationFactory(
        event=event_a,
        user=None,
        first_name="Zanele",
        last_name="Okonkwo",
        organisation="Secret Ministry of Mines",
        email="zanele.private@example.org",
    )
    staff_a, staff_b = make_checkin_staff(event_a), make_checkin_staff(event_b)
    earlier = RegistrationFactory(
        event=event_a, user=None, first_name="Zanele", last_name="Okonkwo", organisation="Secret Ministry of Mines"
    )
    scan_at_a = Scan.objects.get(
        pk=scan_record(code=badge_tokens.badge_token(earlier), staff=staff_a, allowed_event_ids=None).scan_id
    )
    revoked, revoked_key = make_scanner_token(staff_a, event_a, name="Lost phone")
    scanner_token_revoke(token=revoked)
    lead_a = make_lead_staff(event_a)
    _device, device_key = make_device(event_a, lead_a, name="Gate A phone")
    lost_device, lost_device_key = make_device(event_a, lead_a, name="Lost gate A phone")
    device_revoke(token=lost_device, by=lead_a)
    return World(
        event_a=event_a,
        event_b=event_b,
        registration=registration,
        scan_at_a=scan_at_a,
        users={
            "staff A": staff_a,
            "staff B": staff_b,
            "organiser A": make_event_organiser(event_a),
            "participant": RegistrationFactory(event=event_a).user,
            "lead A": lead_a,
        },
        keys={
            "token A": make_scanner_token(staff_a, event_a)[1],
            "token B": make_scanner_token(staff_b, event_b)[1],
            "revoked token": revoked_key,
            "device A": device_key,
            "revoked device": lost_device_key,
        },
    )


def _call(checkin_world: World, endpoint: str, caller: str):
    client = Client()
    extra = {}
    if caller in checkin_world.users:
        client.force_login(checkin_world.users[caller])
    elif caller in checkin_world.keys:
        extra["HTTP_AUTHORIZATION"] = f"Token {checkin_world.keys[caller]}"
    a = checkin_world.event_a.pk

    def post(url, payload):
        return client.post(url, json.dumps(payload), content_type="application/json", **extra)

    requests = {
        "start": lambda: client.get("/checkin/", **extra),
        "scanner": lambda: client.get(f"/checkin/{a}/", **extra),
        "devices": lambda: client.get("/checkin/devices/", **extra),
        "scan": lambda: post(SCAN_URL, {"code": badge_tokens.badge_token(checkin_world.registration), "event": a}),
        "manual": lambda: post("/api/checkin/manual/", {"event": a, "reference": checkin_world.registration.reference}),
        "undo": lambda: post("/api/checkin/undo/", {"scan": checkin_world.scan_at_a.pk}),
        "search": lambda: client.get("/api/checkin/search/", {"event": a, "q": "zanele"}, **extra),
        "counts": lambda: client.get("/api/checkin/counts/", {"event": a}, **extra),
        "roster": lambda: client.get("/api/checkin/roster/", {"event": a}, **extra),
        "sync": lambda: post("/api/checkin/sync/", {"event": a, "device": "phone", "scans": [offline]}),
        "event devices": lambda: client.get(f"/checkin/devices/event/{a}/", **extra),
    }
    offline = {
        "code": badge_tokens.badge_token(checkin_world.registration),
        "nonce": "offline-1",
        "scanned_at": "2026-06-24T08:00:00+02:00",
        "device_result": "ok",
    }
    return requests[endpoint]()


PAGES = {"start", "scanner", "devices", "event devices"}
ENDPOINTS = [
    "start",
    "scanner",
    "devices",
    "scan",
    "manual",
    "undo",
    "search",
    "counts",
    "roster",
    "sync",
    "event devices",
]
MATRIX = {
    "staff A": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403],
    "staff B": [200, 404, 200, 403, 403, 404, 403, 403, 403, 403, 403],
    # Lead staff register the event's devices; organisers too, without scanning.
    "lead A": [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    "organiser A": [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200],
    "participant": [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
    "anonymous": [302, 302, 302, 401, 401, 401, 401, 401, 401, 401, 302],
    # Tokens open the API only; the pages need a session.
    "token A": [302, 302, 302, 200, 200, 200, 200, 200, 200, 200, 302],
    "token B": [302, 302, 302, 403, 403, 404, 403, 403, 403, 403, 302],
    "revoked token": [302, 302, 302, 401, 401, 401, 401, 401, 401, 401, 302],
    "device A": [302, 302, 302, 200, 200, 200, 200, 200, 200, 200, 302],
    "revoked device": [302, 302, 302, 401, 401, 401, 401, 401, 401, 401, 302],
}
AT_EVENT_A = {"staff A", "token A", "lead A", "device A"}


@pytest.mark.parametrize("caller", list(MATRIX))
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_check_in_access_matrix(checkin_world, endpoint, caller):
    response = _call(checkin_world, endpoint, caller)

    assert response.status_code == MATRIX[caller][ENDPOINTS.index(endpoint)]
    body = response.content.decode()
    if caller not in AT_EVENT_A:
        assert [secret for secret in (*SECRETS, checkin_world.registration.reference) if secret in body] == []
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/?next=")
    elif endpoint not in PAGES:
        assert response["Content-Type"] == "application/json"


def test_matrix_callers_at_event_a_do_see_its_data(checkin_world):
    """The matrix's check is not blind: the same search shows the person to
    staff and a token of A."""
    for caller in AT_EVENT_A:
        body = _call(checkin_world, "search", caller).json()
        assert [person["organisation"] for person in body["results"]] == ["Secret Ministry of Mines"] * 2


def test_matrix_refusals_say_why(checkin_world):
    expected = {
        ("staff B", "scan"): "You may not check people in at this event.",
        ("staff B", "undo"): "There is no such scan.",
        ("organiser A", "scan"): "You may not scan badges.",
        ("anonymous", "scan"): "Sign in to scan badges.",
        ("token B", "search"): "You may not check people in at this event.",
        ("revoked token", "counts"): "This scanner token is not valid.",
        ("revoked device", "sync"): "This device was revoked by the event's organisers: its data is being erased.",
    }

    answers = {key: _call(checkin_world, key[1], key[0]).json()["message"] for key in expected}

    assert answers == expected
