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
