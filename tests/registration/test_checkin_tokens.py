"""Scanner tokens: the check-in API's second way in (DESIGN.md: "session +
CSRF, or an API token"), for scanning devices and outside tools."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from registration import badges
from registration.checkin import scanner_token_create, scanner_token_revoke
from registration.models import Registration, Scan, ScannerToken
from tests.factories import UserFactory
from tests.registration.test_checkin_api import SCAN_URL, registration, scan_staff  # noqa: F401

pytestmark = pytest.mark.django_db


def post_with_token(key: str, body: dict) -> tuple[int, dict]:
    # enforce_csrf_checks: a token caller sends no cookie and no CSRF token.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        SCAN_URL, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}"
    )
    return response.status_code, response.json()


def test_token_caller_checks_in_without_session_or_csrf(registration):  # noqa: F811
    staff = scan_staff()
    token, key = scanner_token_create(user=staff, name="Gate B tablet")
    status, answer = post_with_token(key, {"code": badges.badge_token(registration), "gate": "B"})
    assert status == 200
    assert answer["result"] == "ok"
    assert Scan.objects.get().staff == staff
    assert Registration.objects.get(pk=registration.pk).checked_in_gate == "B"
    assert len(token.key_hash) == 64 and key not in token.key_hash  # only a hash is stored


def test_unknown_or_revoked_token_is_401_and_records_nothing(registration):  # noqa: F811
    token, key = scanner_token_create(user=scan_staff(), name="Lost phone")
    scanner_token_revoke(token=token)
    for wrong in (key, "not-a-token", "x" * 500):
        status, answer = post_with_token(wrong, {"code": badges.badge_token(registration)})
        assert status == 401
        assert answer == {"result": "invalid", "registration": None, "message": "This scanner token is not valid."}
    assert Scan.objects.count() == 0


def test_token_of_a_user_without_the_scan_permission_is_403(registration):  # noqa: F811
    _, key = scanner_token_create(user=UserFactory(), name="Someone's laptop")
    status, answer = post_with_token(key, {"code": badges.badge_token(registration)})
    assert status == 403
    assert answer["message"] == "You may not scan badges."
    assert Scan.objects.count() == 0


def test_create_scanner_token_command_prints_the_key_once():
    staff = scan_staff(email="gate.b@example.org")
    out = io.StringIO()
    call_command("create_scanner_token", "gate.b@example.org", "--name", "Gate B tablet", stdout=out)
    key = out.getvalue().split("Authorization: Token ")[1].strip()
    token = ScannerToken.objects.get()
    assert (token.user, token.name) == (staff, "Gate B tablet")
    with pytest.raises(CommandError, match="may not scan badges"):
        call_command("create_scanner_token", UserFactory().email, "--name", "x")
    assert len(key) == 43


# --- the staff member's page: /checkin/devices/ -----------------------------------------

DEVICES_URL = "/checkin/devices/"


def test_staff_creates_a_token_sees_its_key_once_and_the_key_scans(client, registration):  # noqa: F811
    staff = scan_staff()
    client.force_login(staff)

    response = client.post(DEVICES_URL, {"name": "Gate B tablet"})

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    key = response.context["new_key"]
    assert f'value="{key}"' in response.content.decode()
    token = ScannerToken.objects.get(user=staff)
    assert token.name == "Gate B tablet"
    assert key not in client.get(DEVICES_URL).content.decode()  # shown once
    status, answer = post_with_token(key, {"code": badges.badge_token(registration)})
    assert (status, answer["result"]) == (200, "ok")


def test_a_token_needs_a_name_and_nothing_is_created_without(client):
    client.force_login(scan_staff())

    response = client.post(DEVICES_URL, {"name": "  "})

    assert response.status_code == 200
    assert response.context["new_key"] is None
    assert 'id="id_name_error"' in response.content.decode()
    assert ScannerToken.objects.count() == 0


def test_staff_sees_and_revokes_only_their_own_tokens(client, registration):  # noqa: F811
    staff, other = scan_staff(), scan_staff()
    mine, my_key = scanner_token_create(user=staff, name="My phone")
    theirs, _ = scanner_token_create(user=other, name="Their phone")
    client.force_login(staff)

    page = client.get(DEVICES_URL).content.decode()
    refused = client.post(f"/checkin/devices/{theirs.pk}/revoke/")
    revoked = client.post(f"/checkin/devices/{mine.pk}/revoke/")

    assert "My phone" in page and "Their phone" not in page
    assert refused.status_code == 404
    assert ScannerToken.objects.get(pk=theirs.pk).revoked_at is None
    assert revoked.status_code == 302
    assert ScannerToken.objects.get(pk=mine.pk).revoked_at is not None
    assert post_with_token(my_key, {"code": badges.badge_token(registration)})[0] == 401


def test_devices_page_needs_sign_in_and_the_scan_permission(client):
    anonymous = client.get(DEVICES_URL)
    client.force_login(UserFactory())
    forbidden = client.get(DEVICES_URL)
    created = client.post(DEVICES_URL, {"name": "Sneaky"})

    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert (forbidden.status_code, created.status_code) == (403, 403)
    assert ScannerToken.objects.count() == 0


def test_revoke_is_post_only(client):
    staff = scan_staff()
    token, _ = scanner_token_create(user=staff, name="Phone")
    client.force_login(staff)

    assert client.get(f"/checkin/devices/{token.pk}/revoke/").status_code == 405
    assert ScannerToken.objects.get(pk=token.pk).revoked_at is None
