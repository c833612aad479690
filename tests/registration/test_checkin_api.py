"""The check-in API (DESIGN.md contract): verdicts, recording, nonce
idempotency, offline uploads, bad input, permissions; undo, manual check-in,
search and counts."""

import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from registration.badges import tokens as badge_tokens
from registration.badges.services import badge_reissue
from registration.checkin import answers as checkin_answers
from registration.checkin import selectors as checkin_selectors
from registration.checkin import services as checkin_services
from registration.checkin.models import Scan
from registration.checkin.services import scan_record
from registration.checkin.views.api import INVALID_SCANS_PER_MINUTE
from registration.models import Registration, RegistrationStatus
from sessions.services import checkin_staff_add
from tests.factories import CategoryFactory, RegistrationFactory, UserFactory, make_event
from tests.helpers import SCAN_URL, make_checkin_staff, make_event_organiser, signed_in
from tests.helpers import post_scan as scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(registration):
    """Check-in staff of the registration's event."""
    return make_checkin_staff(registration.event)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_scan_url_is_the_contract_path():
    assert reverse("checkin:scan") == SCAN_URL


def test_scan_valid_badge_checks_in_and_records_the_scan(staff_client, staff, registration):
    response = scan(
        staff_client, {"code": badge_tokens.badge_token(registration), "event": registration.event_id, "gate": "B"}
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

    response = scan(staff_client, {"code": badge_tokens.badge_token(registration), "gate": "C"})

    body = response.json()
    assert (body["result"], body["message"]) == ("already_checked_in", "Already checked in at 09:14 (gate B).")
    assert (body["registration"]["checked_in_time"], body["registration"]["checked_in_gate"]) == ("09:14", "B")
    registration.refresh_from_db()
    assert (registration.checked_in_at, registration.checked_in_gate) == (first_at, "B")
    assert list(Scan.objects.values_list("result", "gate")) == [("already_checked_in", "C")]


@pytest.mark.parametrize(
    ("status", "result", "message"),
    [
        (RegistrationStatus.CANCELLED, "cancelled", "This registration was cancelled."),
        (RegistrationStatus.PENDING, "not_confirmed", "This registration is not confirmed (Awaiting approval)."),
        (RegistrationStatus.WAITLISTED, "not_confirmed", "This registration is not confirmed (On the waiting list)."),
        (RegistrationStatus.REJECTED, "not_confirmed", "This registration is not confirmed (Rejected)."),
    ],
)
def test_scan_of_registration_not_confirmed(staff_client, registration, status, result, message):
    Registration.objects.filter(pk=registration.pk).update(status=status)

    body = scan(staff_client, {"code": badge_tokens.badge_token(registration)}).json()

    assert (body["result"], body["message"], body["registration"]["reference"]) == (
        result,
        message,
        registration.reference,
    )
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_scan_of_another_events_badge_is_wrong_event_with_name_and_event_only(client, registration):
    other_event = make_event(title="Policy dialogue on neurotechnology")
    # At both events: the badge's event is theirs too, the gate is not.
    client.force_login(make_checkin_staff(registration.event, other_event))

    body = scan(client, {"code": badge_tokens.badge_token(registration), "event": other_event.pk}).json()

    assert body == {
        "result": "wrong_event",
        "registration": {"name": "Amina Diallo", "event": registration.event.title},
        "message": f"This badge is for another event: {registration.event.title}.",
        "scan": Scan.objects.get().pk,
    }
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert Scan.objects.get().event == other_event


@pytest.mark.parametrize(
    "status", [RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED, RegistrationStatus.PENDING]
)
def test_scan_without_event_of_a_badge_of_an_event_not_theirs_is_wrong_event(client, registration, status):
    Registration.objects.filter(pk=registration.pk).update(status=status, checked_in_gate="")
    client.force_login(make_checkin_staff(make_event(title="Expert workshop on open data")))

    body = scan(client, {"code": badge_tokens.badge_token(registration), "gate": "B"}).json()

    recorded = Scan.objects.get()
    assert body == {
        "result": "wrong_event",
        "registration": {"name": "Amina Diallo", "event": registration.event.title},
        "message": f"This badge is for another event: {registration.event.title}.",
        "scan": recorded.pk,
    }
    # Neither the person nor the badge's code is kept in the log.
    assert (recorded.result, recorded.event, recorded.registration, recorded.gate) == ("wrong_event", None, None, "B")
    assert recorded.code.startswith("wrong-event:") and badge_tokens.badge_token(registration) not in recorded.code
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_scan_without_event_checks_in_at_the_badges_event_when_theirs(client, registration):
    client.force_login(make_checkin_staff(make_event(), registration.event))

    body = scan(client, {"code": badge_tokens.badge_token(registration)}).json()

    assert (body["result"], body["registration"]["reference"]) == ("ok", registration.reference)
    assert Scan.objects.get().event == registration.event


def test_superseded_badge_is_invalid_after_reissue(staff_client, staff, registration):
    old_code = badge_tokens.badge_token(registration)
    badge_reissue(registration=registration, by=staff)

    old = scan(staff_client, {"code": old_code}).json()
    new = scan(staff_client, {"code": badge_tokens.badge_token(registration)}).json()

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
    code = make_code(badge_tokens.badge_token(registration), other)

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
        ({"code": "x", "gate": "G" * 51}, "gate must be a printable text of at most 50 characters."),
        ({"code": "x", "gate": "B\x00"}, "gate must be a printable text of at most 50 characters."),
        ({"code": "x", "nonce": ["a"]}, "nonce must be a printable text of at most 64 characters."),
        ({"code": "x", "scanned_at": "yesterday"}, "scanned_at must be a date and time in ISO 8601 format."),
        ({"code": "x", "scanned_at": "2026-02-30T10:00:00"}, "scanned_at must be a date and time in ISO 8601 format."),
        ({"code": "x", "scanned_at": "2026-06-24T25:00:00"}, "scanned_at must be a date and time in ISO 8601 format."),
        ({"code": "x", "scanned_at": "2999-01-01T00:00:00Z"}, "scanned_at is in the future."),
        ({"code": "x", "scanned_at": "0001-01-01T00:00:00+05:00"}, "scanned_at is too far in the past."),
    ],
)
def test_bad_optional_fields_are_400_with_a_reason(staff_client, payload, message):
    response = scan(staff_client, payload)

    assert (response.status_code, response.json()["message"]) == (400, message)
    assert Scan.objects.count() == 0


def test_unknown_event_is_400_for_a_superuser_and_403_for_staff(staff_client):
    superuser = signed_in(UserFactory(is_superuser=True))

    for_superuser = scan(superuser, {"code": "x", "event": 999_999})
    for_staff = scan(staff_client, {"code": "x", "event": 999_999})

    assert (for_superuser.status_code, for_superuser.json()["message"]) == (400, "There is no such event.")
    assert (for_staff.status_code, for_staff.json()["message"]) == (403, "You may not check people in at this event.")
    assert Scan.objects.count() == 0


def _local(event, day: datetime.date, hour: int, minute: int = 0) -> str:
    """An ISO time on ``day`` at ``hour:minute`` in the event's time zone."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=event.tz).isoformat()


def test_scanned_at_more_than_a_day_from_the_event_is_400_and_records_nothing(staff_client, registration):
    event = registration.event  # 24 to 26 June 2026, in Bangkok
    code = badge_tokens.badge_token(registration)
    too_early = _local(event, datetime.date(2026, 6, 22), 23, 59)
    too_late = _local(event, datetime.date(2026, 6, 28), 0, 0)

    answers = [scan(staff_client, {"code": code, "scanned_at": moment}) for moment in (too_early, too_late)]

    message = "scanned_at is too far from the days of the event (2026-06-24 to 2026-06-26)."
    assert [(answer.status_code, answer.json()["message"]) for answer in answers] == [(400, message)] * 2
    assert Scan.objects.count() == 0
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None


def test_scanned_at_a_day_around_the_event_in_its_time_zone_is_accepted(staff_client, registration):
    event = registration.event
    other = RegistrationFactory(event=event, user=None)
    # 23 June 00:00 in Bangkok is still 22 June in UTC: the event's time zone decides.
    day_before = _local(event, datetime.date(2026, 6, 23), 0, 0)
    day_after = _local(event, datetime.date(2026, 6, 27), 23, 59)

    first = scan(staff_client, {"code": badge_tokens.badge_token(registration), "scanned_at": day_before})
    second = scan(staff_client, {"code": badge_tokens.badge_token(other), "scanned_at": day_after})

    assert [first.json()["result"], second.json()["result"]] == ["ok", "ok"]
    assert Registration.objects.get(pk=registration.pk).checked_in_at == datetime.datetime.fromisoformat(day_before)


def test_scanned_at_of_an_invalid_code_is_checked_against_the_scanning_event(staff_client, registration):
    too_early = _local(registration.event, datetime.date(2026, 1, 5), 10)

    at_event = scan(staff_client, {"code": "FORGED", "event": registration.event_id, "scanned_at": too_early})
    no_event = scan(staff_client, {"code": "FORGED", "scanned_at": too_early})

    assert (at_event.status_code, no_event.status_code) == (400, 200)
    assert no_event.json()["result"] == "invalid"


@pytest.mark.parametrize("others", [1, 10])
def test_scan_takes_a_fixed_number_of_queries(staff_client, registration, django_assert_num_queries, others):
    for _ in range(others):
        RegistrationFactory(event=registration.event, user=None)
    payload = {"code": badge_tokens.badge_token(registration), "event": registration.event_id, "gate": "A"}

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

    found = checkin_selectors.scan_registration(registration.reference)

    assert checkin_answers.registration_json(found) == checkin_answers.registration_json(expected)
    assert (found.pk, found.badge_version, found.event.tz) == (expected.pk, expected.badge_version, expected.event.tz)
    assert (found.event.start_date, found.event.end_date) == (datetime.date(2026, 6, 24), datetime.date(2026, 6, 26))
    assert checkin_selectors.scan_registration("NOSUCHREF") is None


def test_repeat_scan_needs_no_update(staff_client, registration, django_assert_num_queries):
    payload = {"code": badge_tokens.badge_token(registration), "event": registration.event_id, "gate": "A"}
    scan(staff_client, payload)

    # session, user, scan permission, registration, then savepoint, INSERT of
    # the scan, release: what was just read says "already in".
    with django_assert_num_queries(7):
        assert scan(staff_client, payload).json()["result"] == "already_checked_in"


def test_scan_that_lost_the_race_shows_the_other_gates_check_in(staff, registration):
    read_before = Registration.objects.get(pk=registration.pk)  # not checked in when read
    # the other gate wins
    scan_record(code=badge_tokens.badge_token(registration), staff=staff, allowed_event_ids=None, gate="B")

    with transaction.atomic():
        result = checkin_services._verdict(
            read_before, event_id=None, allowed_event_ids=None, gate="A", when=timezone.now()
        )

    assert (result, read_before.checked_in_gate) == ("already_checked_in", "B")
    assert Registration.objects.get(pk=registration.pk).checked_in_gate == "B"


def test_same_nonce_gives_same_answer_and_records_one_scan(staff_client, registration):
    payload = {"code": badge_tokens.badge_token(registration), "gate": "A", "nonce": "phone-1-scan-77"}

    first = scan(staff_client, payload).json()
    retry = scan(staff_client, payload).json()

    assert first["result"] == "ok"
    assert retry == first
    assert Scan.objects.count() == 1


def test_same_nonce_with_another_code_is_409_and_never_the_first_answer(staff_client, registration):
    other = RegistrationFactory(event=registration.event, user=None, first_name="Kwame", last_name="Mensah")
    first = scan(staff_client, {"code": badge_tokens.badge_token(registration), "nonce": "phone-1-scan-77"})

    reused = scan(staff_client, {"code": badge_tokens.badge_token(other), "nonce": "phone-1-scan-77"})

    assert first.json()["result"] == "ok"
    assert (reused.status_code, reused.json()) == (
        409,
        {
            "result": "invalid",
            "registration": None,
            "message": "This nonce was already used for another scan: send a new one.",
        },
    )
    assert Scan.objects.count() == 1
    assert Registration.objects.get(pk=other.pk).checked_in_at is None


def test_same_nonce_and_code_from_someone_else_is_409(staff_client, registration):
    payload = {"code": badge_tokens.badge_token(registration), "event": registration.event_id, "nonce": "n-1"}
    scan(staff_client, payload)

    reused = scan(signed_in(make_checkin_staff(registration.event)), payload)

    assert (reused.status_code, reused.json()["registration"]) == (409, None)
    assert Scan.objects.count() == 1


def test_manual_check_in_nonce_reused_for_another_person_is_409(staff_client, registration):
    other = RegistrationFactory(event=registration.event, user=None)
    url = "/api/checkin/manual/"
    payload = {"event": registration.event_id, "reference": registration.reference, "nonce": "desk-1"}
    staff_client.post(url, payload, content_type="application/json")

    reused = staff_client.post(url, {**payload, "reference": other.reference}, content_type="application/json")
    retried = staff_client.post(url, payload, content_type="application/json")

    assert (reused.status_code, retried.status_code, retried.json()["result"]) == (409, 200, "ok")
    assert Registration.objects.get(pk=other.pk).checked_in_at is None


def test_offline_scan_upload_sets_check_in_time_from_scanned_at(client):
    today = timezone.localdate()
    event = make_event(start_date=today, end_date=today + datetime.timedelta(days=2))
    registration = RegistrationFactory(event=event, user=None)
    client.force_login(make_checkin_staff(event))
    staff_client = client
    scanned_at = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=40)

    body = scan(
        staff_client,
        {"code": badge_tokens.badge_token(registration), "scanned_at": scanned_at.isoformat(), "nonce": "n1"},
    ).json()

    registration.refresh_from_db()
    assert body["result"] == "ok"
    assert registration.checked_in_at == scanned_at
    assert Scan.objects.get().scanned_at == scanned_at


def test_anonymous_caller_gets_401(client, registration):
    response = scan(client, {"code": badge_tokens.badge_token(registration)})

    assert response.status_code == 401
    assert response.json()["message"] == "Sign in to scan badges."
    assert Scan.objects.count() == 0


def test_user_without_scan_permission_gets_403(user_client, registration):
    response = scan(user_client, {"code": badge_tokens.badge_token(registration)})

    assert response.status_code == 403
    assert response.json()["message"] == "You may not scan badges."
    assert Scan.objects.count() == 0


def test_get_on_the_api_is_405(staff_client):
    assert staff_client.get(SCAN_URL).status_code == 405


def test_session_caller_needs_the_csrf_token(staff, registration):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    refused = scan(client, {"code": badge_tokens.badge_token(registration)})
    client.get(reverse("checkin:scanner", kwargs={"event_id": registration.event_id}))
    accepted = scan(
        client, {"code": badge_tokens.badge_token(registration)}, HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value
    )

    assert (refused.status_code, accepted.status_code, accepted.json()["result"]) == (403, 200, "ok")


def test_organisers_of_the_event_may_not_scan_unless_assigned(client, registration):
    organiser = make_event_organiser(registration.event)
    client.force_login(organiser)

    refused = scan(client, {"code": badge_tokens.badge_token(registration), "event": registration.event_id})
    checkin_staff_add(event=registration.event, user=organiser, by=organiser)  # they may assign themselves
    allowed = scan(client, {"code": badge_tokens.badge_token(registration), "event": registration.event_id})

    assert (refused.status_code, refused.json()["message"]) == (403, "You may not scan badges.")
    assert (allowed.status_code, allowed.json()["result"]) == (200, "ok")


def test_staff_of_another_event_naming_this_event_get_403(client, registration):
    client.force_login(make_checkin_staff(make_event()))

    response = scan(client, {"code": badge_tokens.badge_token(registration), "event": registration.event_id})

    assert (response.status_code, response.json()) == (
        403,
        {"result": "invalid", "registration": None, "message": "You may not check people in at this event."},
    )
    assert Scan.objects.count() == 0


def test_superuser_checks_in_at_every_event(client, registration):
    client.force_login(UserFactory(is_superuser=True))

    assert scan(client, {"code": badge_tokens.badge_token(registration)}).json()["result"] == "ok"


# --- undo ---------------------------------------------------------------------------


def test_undo_clears_the_check_in_and_marks_the_scan(staff_client, registration):
    answer = scan(staff_client, {"code": badge_tokens.badge_token(registration), "gate": "B"}).json()

    response = staff_client.post("/api/checkin/undo/", {"scan": answer["scan"]}, content_type="application/json")

    registration.refresh_from_db()
    assert (response.status_code, response.json()["result"], response.json()["message"]) == (
        200,
        "undone",
        "Check-in undone.",
    )
    assert (registration.checked_in_at, registration.checked_in_gate) == (None, "")
    assert Scan.objects.get().undone_at is not None
    assert scan(staff_client, {"code": badge_tokens.badge_token(registration)}).json()["result"] == "ok"


def test_undo_twice_or_of_a_non_ok_scan_is_400(staff_client, registration):
    ok = scan(staff_client, {"code": badge_tokens.badge_token(registration)}).json()
    again = scan(staff_client, {"code": badge_tokens.badge_token(registration)}).json()
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


def test_undo_of_a_scan_of_another_event_is_404_and_changes_nothing(staff_client, registration):
    answer = scan(staff_client, {"code": badge_tokens.badge_token(registration)}).json()
    outsider = signed_in(make_checkin_staff(make_event()))

    response = outsider.post("/api/checkin/undo/", {"scan": answer["scan"]}, content_type="application/json")

    assert (response.status_code, response.json()) == (
        404,
        {"result": "invalid", "registration": None, "message": "There is no such scan."},
    )
    assert Scan.objects.get().undone_at is None
    assert Registration.objects.get(pk=registration.pk).checked_in_at is not None


def test_undo_of_a_scan_with_no_event_is_404_for_staff(staff_client):
    answer = scan(staff_client, {"code": "NOT-A-BADGE"}).json()

    response = staff_client.post("/api/checkin/undo/", {"scan": answer["scan"]}, content_type="application/json")

    assert (Scan.objects.get().event, response.status_code) == (None, 404)


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


def test_search_lists_only_confirmed_registrations(staff_client, registration):
    event = registration.event
    for status in (
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.REJECTED,
    ):
        RegistrationFactory(event=event, user=None, first_name="Amina", last_name=f"Not {status}", status=status)

    response = staff_client.get("/api/checkin/search/", {"event": event.pk, "q": "amina"})

    assert [person["reference"] for person in response.json()["results"]] == [registration.reference]


def test_search_needs_an_event_and_the_permission(staff_client, user, registration):
    other = Client()
    other.force_login(user)
    assert staff_client.get("/api/checkin/search/", {"q": "a"}).json()["message"] == "Choose an event."
    assert other.get("/api/checkin/search/", {"q": "a", "event": registration.event_id}).status_code == 403


def test_search_and_counts_of_another_event_are_403(staff_client, registration):
    other_event = make_event()
    RegistrationFactory(event=other_event, user=None, first_name="Amina", last_name="Elsewhere")

    search = staff_client.get("/api/checkin/search/", {"event": other_event.pk, "q": "amina"})
    counts = staff_client.get("/api/checkin/counts/", {"event": other_event.pk})

    refused = {"result": "invalid", "registration": None, "message": "You may not check people in at this event."}
    assert [(search.status_code, search.json()), (counts.status_code, counts.json())] == [(403, refused)] * 2


def test_manual_check_in_by_reference(staff_client, registration):
    url = "/api/checkin/manual/"
    payload = {"event": registration.event_id, "reference": registration.reference.lower(), "gate": "Desk"}

    first = staff_client.post(url, payload, content_type="application/json").json()
    second = staff_client.post(url, payload, content_type="application/json").json()
    other_event = staff_client.post(url, {**payload, "event": make_event().pk}, content_type="application/json")
    elsewhere = make_event()  # an event of theirs too, but not the registration's
    at_both = signed_in(make_checkin_staff(registration.event, elsewhere))
    not_this_event = at_both.post(url, {**payload, "event": elsewhere.pk}, content_type="application/json")

    assert (first["result"], second["result"]) == ("ok", "already_checked_in")
    assert list(Scan.objects.order_by("pk").values_list("code", "gate", "result")) == [
        (f"manual:{registration.reference}", "Desk", "ok"),
        (f"manual:{registration.reference}", "Desk", "already_checked_in"),
    ]
    assert (other_event.status_code, other_event.json()["message"]) == (
        403,
        "You may not check people in at this event.",
    )
    assert (not_this_event.status_code, not_this_event.json()["message"]) == (
        404,
        "There is no registration with this reference for this event.",
    )
    garbage = staff_client.post(url, {**payload, "reference": "AB\x00CD"}, content_type="application/json")
    assert (garbage.status_code, garbage.json()["message"]) == (
        404,
        "There is no registration with this reference for this event.",
    )


# --- counts ---------------------------------------------------------------------------


def test_counts_checked_in_against_confirmed_by_category(client):
    event = make_event()
    staff_client = signed_in(make_checkin_staff(event))
    delegates = CategoryFactory(event=event, name="Delegations", badge_colour="#aa0000", sort_order=1)
    press = CategoryFactory(event=event, name="Press", badge_colour="#00aa00", sort_order=2)
    for index in range(3):
        RegistrationFactory(
            event=event, category=delegates, user=None, checked_in_at=timezone.now() if index < 2 else None
        )
    RegistrationFactory(event=event, category=delegates, user=None, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(event=event, category=delegates, user=None, status=RegistrationStatus.PENDING)
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
def test_counts_query_count_does_not_grow_with_categories(django_assert_num_queries, count):
    event = make_event()
    staff_client = signed_in(make_checkin_staff(event))
    for _ in range(count):
        RegistrationFactory(event=event, user=None)

    with django_assert_num_queries(5):
        response = staff_client.get("/api/checkin/counts/", {"event": event.pk})

    assert response.json()["confirmed"] == count


@pytest.mark.parametrize("count", [1, 10])
def test_search_query_count_does_not_grow_with_results(django_assert_num_queries, count):
    event = make_event()
    staff_client = signed_in(make_checkin_staff(event))
    for _ in range(count):
        RegistrationFactory(event=event, user=None, first_name="Amina")

    with django_assert_num_queries(5):
        response = staff_client.get("/api/checkin/search/", {"event": event.pk, "q": "amina"})

    assert len(response.json()["results"]) == count


# --- too many invalid scans -----------------------------------------------------------


def test_too_many_invalid_scans_in_a_minute_are_429_with_retry_after(staff_client, registration):
    for n in range(INVALID_SCANS_PER_MINUTE):
        assert scan(staff_client, {"code": f"FORGED-{n}"}).json()["result"] == "invalid"

    refused = scan(staff_client, {"code": badge_tokens.badge_token(registration)})

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json() == {
        "result": "invalid",
        "registration": None,
        "message": f"Too many invalid badges in a minute: wait {refused['Retry-After']} seconds before the next scan.",
    }
    assert Scan.objects.count() == INVALID_SCANS_PER_MINUTE
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None


def test_valid_and_wrong_event_scans_do_not_count_towards_the_limit(staff_client, registration):
    other_event_badge = badge_tokens.badge_token(RegistrationFactory(user=None))
    for _ in range(INVALID_SCANS_PER_MINUTE):
        scan(staff_client, {"code": badge_tokens.badge_token(registration)})  # already in, after the first
        scan(staff_client, {"code": other_event_badge})  # wrong event
    for n in range(INVALID_SCANS_PER_MINUTE - 1):
        scan(staff_client, {"code": f"FORGED-{n}"})

    assert scan(staff_client, {"code": badge_tokens.badge_token(registration)}).status_code == 200


def test_the_limit_is_per_user(staff_client, registration):
    for n in range(INVALID_SCANS_PER_MINUTE):
        scan(staff_client, {"code": f"FORGED-{n}"})
    colleague = signed_in(make_checkin_staff(registration.event))

    assert scan(staff_client, {"code": "FORGED"}).status_code == 429
    assert scan(colleague, {"code": badge_tokens.badge_token(registration)}).json()["result"] == "ok"


def test_the_limit_is_checked_before_the_scan(staff_client, registration, django_assert_num_queries):
    for n in range(INVALID_SCANS_PER_MINUTE):
        scan(staff_client, {"code": f"FORGED-{n}"})
    code = badge_tokens.badge_token(registration)

    # session, user, check-in events; then the limit (in the cache) says no.
    with django_assert_num_queries(3):
        assert scan(staff_client, {"code": code}).status_code == 429


def test_the_limit_ends_with_its_window(staff_client, registration, rate_clock):
    for n in range(INVALID_SCANS_PER_MINUTE):
        scan(staff_client, {"code": f"FORGED-{n}"})
    assert scan(staff_client, {"code": "FORGED"}).status_code == 429

    rate_clock.advance(60)

    assert scan(staff_client, {"code": badge_tokens.badge_token(registration)}).json()["result"] == "ok"


def test_retried_wrong_event_scan_gives_the_same_answer_and_one_log_row(client, registration):
    client.force_login(make_checkin_staff(make_event(title="Expert workshop on open data")))
    payload = {"code": badge_tokens.badge_token(registration), "nonce": "gate-b-0001"}

    first, retried = scan(client, payload).json(), scan(client, payload).json()

    assert retried == first
    assert first["registration"] == {"name": "Amina Diallo", "event": registration.event.title}
    assert Scan.objects.count() == 1
