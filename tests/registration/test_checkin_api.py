"""The check-in API (DESIGN.md contract): verdicts, recording, nonce
idempotency, offline uploads, bad input, permissions; undo, manual check-in,
search and counts."""

import datetime
import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page

from registration import badges, checkin
from registration.checkin import badge_reissue, scan_record
from registration.models import Registration, Scan, Status
from tests.factories import CategoryFactory, RegistrationFactory, UserFactory, make_event

pytestmark = pytest.mark.django_db

SCAN_URL = "/api/checkin/scan/"


def restore_site_basics() -> None:
    """What migrations made and a transactional test's flush may have wiped:
    Wagtail's root page and the "Check-in staff" group with its permission."""
    ContentType.objects.clear_cache()
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))
    group, _ = Group.objects.get_or_create(name="Check-in staff")
    group.permissions.add(Permission.objects.get(content_type__app_label="registration", codename="scan_badges"))


def scan_staff(**fields):
    """A user in the "Check-in staff" group (the migration's permissions)."""
    restore_site_basics()
    staff = UserFactory(**fields)
    staff.groups.add(Group.objects.get(name="Check-in staff"))
    return staff


@pytest.fixture
def staff():
    return scan_staff()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def registration():
    event = make_event(time_zone="Asia/Bangkok")
    return RegistrationFactory(event=event, first_name="Amina", last_name="Diallo", user=None)


def scan(client, payload, **extra):
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(SCAN_URL, body, content_type="application/json", **extra)


def test_scan_url_is_the_contract_path():
    assert reverse("registration:checkin_scan") == SCAN_URL


def test_scan_valid_badge_checks_in_and_records_the_scan(staff_client, staff, registration):
    response = scan(
        staff_client, {"code": badges.badge_token(registration), "event": registration.event_id, "gate": "B"}
    )

    registration.refresh_from_db()
    recorded = Scan.objects.get()
    assert response.status_code == 200
    assert response.json() == {
        "result": "ok",
        "registration": {
            "reference": registration.reference,
            "name": "Amina Diallo",
            "organisation": "Ministry of Digital Affairs",
            "country": "Senegal",
            "category": registration.category.name,
            "category_colour": "#1f5f8b",
            "status": "confirmed",
            "event": registration.event.title,
            "checked_in_at": registration.checked_in_at.isoformat(),
            "checked_in_time": timezone.localtime(registration.checked_in_at, registration.event.tz).strftime("%H:%M"),
            "checked_in_gate": "B",
        },
        "message": "Checked in.",
        "scan": recorded.pk,
    }
    assert (recorded.registration, recorded.gate, recorded.staff, recorded.result, recorded.event_id) == (
        registration,
        "B",
        staff,
        "ok",
        registration.event_id,
    )
    assert registration.checked_in_at == recorded.scanned_at
    assert registration.checked_in_gate == "B"


def test_second_scan_is_already_checked_in_with_local_time_and_gate(staff_client, registration):
    # 02:14 UTC is 09:14 in Bangkok, the event's time zone.
    first_at = datetime.datetime(2026, 6, 24, 2, 14, tzinfo=datetime.UTC)
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=first_at, checked_in_gate="B")

    response = scan(staff_client, {"code": badges.badge_token(registration), "gate": "C"})

    body = response.json()
    assert (body["result"], body["message"]) == ("already_checked_in", "Already checked in at 09:14 (gate B).")
    assert (body["registration"]["checked_in_time"], body["registration"]["checked_in_gate"]) == ("09:14", "B")
    registration.refresh_from_db()
    assert (registration.checked_in_at, registration.checked_in_gate) == (first_at, "B")
    assert list(Scan.objects.values_list("result", "gate")) == [("already_checked_in", "C")]


@pytest.mark.parametrize(
    ("status", "result", "message"),
    [
        (Status.CANCELLED, "cancelled", "This registration was cancelled."),
        (Status.PENDING, "not_confirmed", "This registration is not confirmed (Awaiting approval)."),
        (Status.WAITLISTED, "not_confirmed", "This registration is not confirmed (On the waiting list)."),
        (Status.REJECTED, "not_confirmed", "This registration is not confirmed (Rejected)."),
    ],
)
def test_scan_of_registration_not_confirmed(staff_client, registration, status, result, message):
    Registration.objects.filter(pk=registration.pk).update(status=status)

    body = scan(staff_client, {"code": badges.badge_token(registration)}).json()

    assert (body["result"], body["message"], body["registration"]["reference"]) == (
        result,
        message,
        registration.reference,
    )
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_scan_of_another_events_badge_is_wrong_event(staff_client, registration):
    other_event = make_event(title="Policy dialogue on neurotechnology")

    body = scan(staff_client, {"code": badges.badge_token(registration), "event": other_event.pk}).json()

    assert (body["result"], body["message"]) == (
        "wrong_event",
        f"This badge is for another event: {registration.event.title}.",
    )
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert Scan.objects.get().event == other_event


def test_superseded_badge_is_invalid_after_reissue(staff_client, staff, registration):
    old_code = badges.badge_token(registration)
    badge_reissue(registration=registration, by=staff)

    old = scan(staff_client, {"code": old_code}).json()
    new = scan(staff_client, {"code": badges.badge_token(registration)}).json()

    assert old == {
        "result": "invalid",
        "registration": None,
        "message": "This badge was replaced by a newer one and is no longer valid.",
        "scan": Scan.objects.get(result="invalid").pk,
    }
    assert new["result"] == "ok"


def _altered(code: str, part: int, value: str) -> str:
    parts = code.split(".")
    parts[part] = value
    return ".".join(parts)


@pytest.mark.parametrize(
    "make_code",
    [
        lambda code, other: _altered(code, 1, other.reference),  # another person's reference
        lambda code, other: _altered(code, 2, "7"),  # another version
        lambda code, other: _altered(code, 3, "A" * 24),  # forged signature
        lambda code, other: code[:-3],  # truncated
        lambda code, other: code + "A",  # too long
        lambda code, other: "FB1.ZZZZZZZZ.1." + code.split(".")[3],  # unknown reference
        lambda code, other: "https://example.org/not-a-badge",
        lambda code, other: "",
        lambda code, other: "\x00\x01garbage\u202e",
    ],
)
def test_forged_or_malformed_codes_are_invalid(staff_client, registration, make_code):
    other = RegistrationFactory(event=registration.event)
    code = make_code(badges.badge_token(registration), other)

    response = scan(staff_client, {"code": code, "event": registration.event_id})

    assert response.status_code == 200
    assert response.json()["result"] == "invalid"
    assert response.json()["registration"] is None
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0
    assert list(Scan.objects.values_list("result", flat=True)) == ["invalid"]


@pytest.mark.parametrize(
    "body", [b"", b"garbage", b"[1, 2]", b'"FB1"', b'{"code": 42}', b'{"code": null}', b"\xff\xfe"]
)
def test_garbage_bodies_are_invalid_not_errors(staff_client, body):
    response = staff_client.post(SCAN_URL, body, content_type="application/json")

    assert response.status_code == 200
    assert response.json() == {
        "result": "invalid",
        "registration": None,
        "message": "Invalid badge: this code was not issued by this site.",
        "scan": Scan.objects.get().pk,
    }


def test_huge_payload_is_rejected_with_413(staff_client):
    response = scan(staff_client, {"code": "A" * 100_000})

    assert response.status_code == 413
    assert response.json() == {"result": "invalid", "registration": None, "message": "The request is too large."}
    assert Scan.objects.count() == 0


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"code": "x", "event": "abc"}, "The event must be given by its number."),
        ({"code": "x", "event": 999_999}, "There is no such event."),
        ({"code": "x", "gate": "G" * 51}, "gate must be a printable text of at most 50 characters."),
        ({"code": "x", "gate": "B\x00"}, "gate must be a printable text of at most 50 characters."),
        ({"code": "x", "nonce": ["a"]}, "nonce must be a printable text of at most 64 characters."),
        ({"code": "x", "scanned_at": "yesterday"}, "scanned_at must be a date and time in ISO 8601 format."),
        ({"code": "x", "scanned_at": "2999-01-01T00:00:00Z"}, "scanned_at is in the future."),
    ],
)
def test_bad_optional_fields_are_400_with_a_reason(staff_client, payload, message):
    response = scan(staff_client, payload)

    assert (response.status_code, response.json()["message"]) == (400, message)
    assert Scan.objects.count() == 0


@pytest.mark.parametrize("others", [1, 10])
def test_scan_takes_a_fixed_number_of_queries(staff_client, registration, django_assert_num_queries, others):
    for _ in range(others):
        RegistrationFactory(event=registration.event, user=None)
    payload = {"code": badges.badge_token(registration), "event": registration.event_id, "gate": "A"}

    # session, user, scan permission, registration (with its event and
    # category), then savepoint, conditional UPDATE, INSERT of the scan, release.
    with django_assert_num_queries(8):
        assert scan(staff_client, payload).json()["result"] == "ok"


def test_scan_lookup_reads_what_the_orm_reads(registration):
    """The scan's written-out SELECT against the ORM, on either database:
    same fields, same converted values (a check-in time, a country)."""
    Registration.objects.filter(pk=registration.pk).update(
        honorific="Dr", country="SN", checked_in_at=timezone.now(), checked_in_gate="B"
    )
    expected = Registration.objects.select_related("event", "category").get(pk=registration.pk)

    found = checkin._scan_registration(registration.reference)

    assert checkin.registration_json(found) == checkin.registration_json(expected)
    assert (found.pk, found.badge_version, found.event.tz) == (expected.pk, expected.badge_version, expected.event.tz)
    assert checkin._scan_registration("NOSUCHREF") is None


def test_repeat_scan_needs_no_update(staff_client, registration, django_assert_num_queries):
    payload = {"code": badges.badge_token(registration), "event": registration.event_id, "gate": "A"}
    scan(staff_client, payload)

    # session, user, scan permission, registration, then savepoint, INSERT of
    # the scan, release: what was just read says "already in".
    with django_assert_num_queries(7):
        assert scan(staff_client, payload).json()["result"] == "already_checked_in"


def test_scan_that_lost_the_race_shows_the_other_gates_check_in(staff, registration):
    read_before = Registration.objects.get(pk=registration.pk)  # not checked in when read
    scan_record(code=badges.badge_token(registration), staff=staff, gate="B")  # the other gate wins

    with transaction.atomic():
        result = checkin._verdict(read_before, event_id=None, gate="A", when=timezone.now())

    assert (result, read_before.checked_in_gate) == ("already_checked_in", "B")
    assert Registration.objects.get(pk=registration.pk).checked_in_gate == "B"


def test_same_nonce_gives_same_answer_and_records_one_scan(staff_client, registration):
    payload = {"code": badges.badge_token(registration), "gate": "A", "nonce": "phone-1-scan-77"}

    first = scan(staff_client, payload).json()
    retry = scan(staff_client, payload).json()

    assert first["result"] == "ok"
    assert retry == first
    assert Scan.objects.count() == 1


def test_offline_scan_upload_sets_check_in_time_from_scanned_at(staff_client, registration):
    scanned_at = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=40)

    body = scan(
        staff_client, {"code": badges.badge_token(registration), "scanned_at": scanned_at.isoformat(), "nonce": "n1"}
    ).json()

    registration.refresh_from_db()
    assert body["result"] == "ok"
    assert registration.checked_in_at == scanned_at
    assert Scan.objects.get().scanned_at == scanned_at


def test_anonymous_caller_gets_401(client, registration):
    response = scan(client, {"code": badges.badge_token(registration)})

    assert response.status_code == 401
    assert response.json()["message"] == "Sign in to scan badges."
    assert Scan.objects.count() == 0


def test_user_without_scan_permission_gets_403(user_client, registration):
    response = scan(user_client, {"code": badges.badge_token(registration)})

    assert response.status_code == 403
    assert response.json()["message"] == "You may not scan badges."
    assert Scan.objects.count() == 0


def test_get_on_the_api_is_405(staff_client):
    assert staff_client.get(SCAN_URL).status_code == 405


def test_session_caller_needs_the_csrf_token(staff, registration):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    refused = scan(client, {"code": badges.badge_token(registration)})
    client.get(reverse("registration:checkin_scanner", kwargs={"event_id": registration.event_id}))
    accepted = scan(
        client, {"code": badges.badge_token(registration)}, HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value
    )

    assert (refused.status_code, accepted.status_code, accepted.json()["result"]) == (403, 200, "ok")


def test_organisers_may_scan_too(client, registration):
    organiser = UserFactory()
    organiser.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(organiser)

    assert scan(client, {"code": badges.badge_token(registration)}).json()["result"] == "ok"


# --- undo ---------------------------------------------------------------------------


def test_undo_clears_the_check_in_and_marks_the_scan(staff_client, registration):
    answer = scan(staff_client, {"code": badges.badge_token(registration), "gate": "B"}).json()

    response = staff_client.post("/api/checkin/undo/", {"scan": answer["scan"]}, content_type="application/json")

    registration.refresh_from_db()
    assert (response.status_code, response.json()["result"], response.json()["message"]) == (
        200,
        "undone",
        "Check-in undone.",
    )
    assert (registration.checked_in_at, registration.checked_in_gate) == (None, "")
    assert Scan.objects.get().undone_at is not None
    assert scan(staff_client, {"code": badges.badge_token(registration)}).json()["result"] == "ok"


def test_undo_twice_or_of_a_non_ok_scan_is_400(staff_client, registration):
    ok = scan(staff_client, {"code": badges.badge_token(registration)}).json()
    again = scan(staff_client, {"code": badges.badge_token(registration)}).json()
    staff_client.post("/api/checkin/undo/", {"scan": ok["scan"]}, content_type="application/json")

    twice = staff_client.post("/api/checkin/undo/", {"scan": ok["scan"]}, content_type="application/json")
    not_ok = staff_client.post("/api/checkin/undo/", {"scan": again["scan"]}, content_type="application/json")
    unknown = staff_client.post("/api/checkin/undo/", {"scan": 999_999}, content_type="application/json")
    garbage = staff_client.post("/api/checkin/undo/", "nonsense", content_type="application/json")

    assert [(r.status_code, r.json()["message"]) for r in (twice, not_ok, unknown, garbage)] == [
        (400, "This check-in was already undone."),
        (400, "Only a scan that checked someone in can be undone."),
        (404, "There is no such scan."),
        (400, "scan must be the number of a scan."),
    ]


def test_undo_needs_the_permission(user_client, registration):
    assert user_client.post("/api/checkin/undo/", {"scan": 1}, content_type="application/json").status_code == 403
    assert Client().post("/api/checkin/undo/", {"scan": 1}, content_type="application/json").status_code == 401


# --- manual search and check-in -------------------------------------------------------


def test_search_finds_by_name_words_organisation_and_reference(staff_client, registration):
    event = registration.event
    RegistrationFactory(event=event, user=None, first_name="Amina", last_name="Zeller", organisation="UNESCO")
    RegistrationFactory(user=None, first_name="Amina", last_name="Diallo")  # another event

    def names(query):
        response = staff_client.get("/api/checkin/search/", {"event": event.pk, "q": query})
        return [person["name"] for person in response.json()["results"]]

    assert names("amina") == ["Amina Diallo", "Amina Zeller"]
    assert names("amina unesco") == ["Amina Zeller"]
    assert names(registration.reference.lower()) == ["Amina Diallo"]
    assert names("nobody") == []
    assert names("") == []
    assert names("ami\x00na") == ["Amina Diallo", "Amina Zeller"]


def test_search_needs_an_event_and_the_permission(staff_client, user):
    other = Client()
    other.force_login(user)
    assert staff_client.get("/api/checkin/search/", {"q": "a"}).json()["message"] == "Choose an event."
    assert other.get("/api/checkin/search/", {"q": "a", "event": 1}).status_code == 403


def test_manual_check_in_by_reference(staff_client, registration):
    url = "/api/checkin/manual/"
    payload = {"event": registration.event_id, "reference": registration.reference.lower(), "gate": "Desk"}

    first = staff_client.post(url, payload, content_type="application/json").json()
    second = staff_client.post(url, payload, content_type="application/json").json()
    other_event = staff_client.post(url, {**payload, "event": make_event().pk}, content_type="application/json")

    assert (first["result"], second["result"]) == ("ok", "already_checked_in")
    assert list(Scan.objects.order_by("pk").values_list("code", "gate", "result")) == [
        (f"manual:{registration.reference}", "Desk", "ok"),
        (f"manual:{registration.reference}", "Desk", "already_checked_in"),
    ]
    assert other_event.status_code == 404
    garbage = staff_client.post(url, {**payload, "reference": "AB\x00CD"}, content_type="application/json")
    assert (garbage.status_code, garbage.json()["message"]) == (
        404,
        "There is no registration with this reference for this event.",
    )


# --- counts ---------------------------------------------------------------------------


def test_counts_checked_in_against_confirmed_by_category(staff_client):
    event = make_event()
    delegates = CategoryFactory(event=event, name="Delegations", badge_colour="#aa0000", sort_order=1)
    press = CategoryFactory(event=event, name="Press", badge_colour="#00aa00", sort_order=2)
    for index in range(3):
        RegistrationFactory(
            event=event, category=delegates, user=None, checked_in_at=timezone.now() if index < 2 else None
        )
    RegistrationFactory(event=event, category=delegates, user=None, status=Status.CANCELLED)
    RegistrationFactory(event=event, category=delegates, user=None, status=Status.PENDING)
    RegistrationFactory(event=event, category=press, user=None)
    RegistrationFactory(user=None, checked_in_at=timezone.now())  # another event

    response = staff_client.get("/api/checkin/counts/", {"event": event.pk})

    assert response.json() == {
        "checked_in": 2,
        "confirmed": 4,
        "categories": [
            {"category": "Delegations", "colour": "#aa0000", "checked_in": 2, "confirmed": 3},
            {"category": "Press", "colour": "#00aa00", "checked_in": 0, "confirmed": 1},
        ],
    }


@pytest.mark.parametrize("count", [1, 10])
def test_counts_query_count_does_not_grow_with_categories(staff_client, django_assert_max_num_queries, count):
    event = make_event()
    for _ in range(count):
        RegistrationFactory(event=event, user=None)

    with django_assert_max_num_queries(6):
        response = staff_client.get("/api/checkin/counts/", {"event": event.pk})

    assert response.json()["confirmed"] == count


@pytest.mark.parametrize("count", [1, 12])
def test_search_query_count_does_not_grow_with_results(staff_client, django_assert_max_num_queries, count):
    event = make_event()
    for _ in range(count):
        RegistrationFactory(event=event, user=None, first_name="Amina")

    with django_assert_max_num_queries(6):
        response = staff_client.get("/api/checkin/search/", {"event": event.pk, "q": "amina"})

    assert len(response.json()["results"]) == count
