"""Scanner tokens: the check-in API's second way in (DESIGN.md: "session +
CSRF, or an API token"), for scanning devices and outside tools. A token
acts only at the events it was made for, while its user still works there."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from registration.badges import tokens as badge_tokens
from registration.checkin.models import Scan, ScannerToken
from registration.checkin.tokens import scanner_token_create, scanner_token_revoke, user_for_scanner_key
from registration.models import Registration
from sessions.services import checkin_staff_remove
from tests.factories import UserFactory, make_event
from tests.helpers import SCAN_URL, make_checkin_staff, make_scanner_token

pytestmark = pytest.mark.django_db


def post_with_token(key: str, body: dict) -> tuple[int, dict]:
    # enforce_csrf_checks: a token caller sends no cookie and no CSRF token.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        SCAN_URL, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}"
    )
    return response.status_code, response.json()


def test_token_caller_checks_in_without_session_or_csrf(registration):
    staff = make_checkin_staff(registration.event)
    token, key = make_scanner_token(staff, registration.event, name="Gate B tablet")
    status, answer = post_with_token(key, {"code": badge_tokens.badge_token(registration), "gate": "B"})
    assert status == 200
    assert answer["result"] == "ok"
    assert Scan.objects.get().staff == staff
    assert Registration.objects.get(pk=registration.pk).checked_in_gate == "B"
    assert len(token.key_hash) == 64 and key not in token.key_hash  # only a hash is stored


def test_key_lookup_gives_the_user_and_the_tokens_events(registration, django_assert_num_queries):
    other_event = make_event()
    staff = make_checkin_staff(registration.event, other_event)
    token, key = make_scanner_token(staff, registration.event, other_event)

    with django_assert_num_queries(2):  # the token with its user, then its event ids
        caller = user_for_scanner_key(key)

    assert (caller.user, caller.token_id, caller.event_ids) == (
        staff,
        token.pk,
        frozenset({registration.event_id, other_event.pk}),
    )


def test_unknown_or_revoked_token_is_401_and_records_nothing(registration):
    token, key = make_scanner_token(make_checkin_staff(registration.event), registration.event, name="Lost phone")
    scanner_token_revoke(token=token)
    for wrong in (key, "not-a-token", "x" * 500):
        status, answer = post_with_token(wrong, {"code": badge_tokens.badge_token(registration)})
        assert status == 401
        assert answer == {"result": "invalid", "registration": None, "message": "This scanner token is not valid."}
    assert Scan.objects.count() == 0


def test_token_whose_user_no_longer_works_at_its_events_is_403_with_a_reason(registration):
    staff = make_checkin_staff(registration.event, make_event())
    _, key = make_scanner_token(staff, registration.event)
    checkin_staff_remove(event=registration.event, user=staff)  # still staff at the other event

    status, answer = post_with_token(key, {"code": badge_tokens.badge_token(registration)})

    assert (status, answer) == (
        403,
        {
            "result": "invalid",
            "registration": None,
            "message": "This scanner token is not for any event you check people in at: make a new one.",
        },
    )
    assert Scan.objects.count() == 0


def test_token_made_before_tokens_had_events_is_403(registration):
    staff = make_checkin_staff(registration.event)
    token, key = make_scanner_token(staff, registration.event)
    token.events.clear()  # as the migration left the tokens made before

    assert post_with_token(key, {"code": badge_tokens.badge_token(registration)})[0] == 403


def test_token_acts_only_at_its_events_even_where_its_user_works(registration):
    other_event = make_event()
    staff = make_checkin_staff(registration.event, other_event)
    _, key = make_scanner_token(staff, other_event)

    named = post_with_token(key, {"code": badge_tokens.badge_token(registration), "event": registration.event_id})
    unnamed = post_with_token(key, {"code": badge_tokens.badge_token(registration)})

    assert named == (
        403,
        {"result": "invalid", "registration": None, "message": "You may not check people in at this event."},
    )
    assert unnamed[0] == 200
    assert (unnamed[1]["result"], unnamed[1]["registration"]) == (
        "wrong_event",
        {"name": registration.full_name, "event": registration.event.title},
    )
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None


def test_superusers_token_acts_only_at_its_events(registration):
    _, key = make_scanner_token(UserFactory(is_superuser=True), make_event())

    status, answer = post_with_token(key, {"code": badge_tokens.badge_token(registration)})

    assert (status, answer["result"]) == (200, "wrong_event")


def test_token_scan_takes_a_fixed_number_of_queries(registration, django_assert_num_queries):
    staff = make_checkin_staff(registration.event)
    _, key = make_scanner_token(staff, registration.event)
    client = Client()
    payload = json.dumps({"code": badge_tokens.badge_token(registration), "event": registration.event_id})

    # token with its user, its events (the one query more than a session's
    # user), check-in events, registration, then savepoint, UPDATE, INSERT,
    # release.
    with django_assert_num_queries(8):
        response = client.post(SCAN_URL, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}")

    assert response.json()["result"] == "ok"


def test_too_many_invalid_scans_are_counted_per_token(registration):
    from registration.checkin.views.api import INVALID_SCANS_PER_MINUTE

    staff = make_checkin_staff(registration.event)
    (_, first_key), (_, second_key) = (make_scanner_token(staff, registration.event, name=n) for n in "AB")
    for n in range(INVALID_SCANS_PER_MINUTE):
        post_with_token(first_key, {"code": f"FORGED-{n}"})

    assert post_with_token(first_key, {"code": "FORGED"})[0] == 429
    assert post_with_token(second_key, {"code": badge_tokens.badge_token(registration)})[1]["result"] == "ok"


# --- making tokens ---------------------------------------------------------------------


def test_token_service_refuses_no_event_and_events_not_theirs(registration):
    staff = make_checkin_staff(registration.event)

    with pytest.raises(ValidationError) as no_event:
        scanner_token_create(user=staff, name="Phone", events=[])
    with pytest.raises(ValidationError) as not_theirs:
        scanner_token_create(user=staff, name="Phone", events=[registration.event, make_event()])

    assert no_event.value.message_dict == {"events": ["Choose at least one event."]}
    assert not_theirs.value.message_dict == {"events": ["You may only choose events you check people in at."]}
    assert ScannerToken.objects.count() == 0


def test_create_scanner_token_command_prints_the_key_once(registration):
    other_event = make_event()
    staff = make_checkin_staff(registration.event, other_event, email="gate.b@example.org")
    out = io.StringIO()

    call_command(
        "create_scanner_token",
        "gate.b@example.org",
        "--name",
        "Gate B tablet",
        "--event",
        str(registration.event_id),
        "--event",
        str(other_event.pk),
        stdout=out,
    )

    key = out.getvalue().split("Authorization: Token ")[1].strip()
    token = ScannerToken.objects.get()
    assert (token.user, token.name) == (staff, "Gate B tablet")
    assert set(token.events.all()) == {registration.event, other_event}
    assert len(key) == 43
    assert post_with_token(key, {"code": badge_tokens.badge_token(registration)})[1]["result"] == "ok"


def test_create_scanner_token_command_refuses_an_event_the_user_is_not_assigned_to(registration):
    not_theirs = make_event(title="Expert workshop on open data")
    make_checkin_staff(registration.event, email="gate.b@example.org")

    with pytest.raises(CommandError) as error:
        call_command(
            "create_scanner_token",
            "gate.b@example.org",
            "--name",
            "x",
            "--event",
            str(registration.event_id),
            "--event",
            str(not_theirs.pk),
        )

    assert str(error.value) == (
        f"gate.b@example.org does not check people in at Expert workshop on open data ({not_theirs.pk}): "
        "an organiser of the event assigns them first (python manage.py checkin_staff add gate.b@example.org "
        "--event <id>)."
    )
    assert ScannerToken.objects.count() == 0


def test_create_scanner_token_command_needs_an_existing_event_and_user(registration):
    make_checkin_staff(registration.event, email="gate.b@example.org")

    with pytest.raises(CommandError) as unknown_event:
        call_command("create_scanner_token", "gate.b@example.org", "--name", "x", "--event", "999999")
    with pytest.raises(CommandError) as unknown_user:
        call_command("create_scanner_token", "nobody@example.org", "--name", "x", "--event", str(registration.event_id))
    with pytest.raises(CommandError) as no_event:
        call_command("create_scanner_token", "gate.b@example.org", "--name", "x")

    assert str(unknown_event.value) == "There is no event with the id 999999."
    assert str(unknown_user.value) == "No active user with the email nobody@example.org."
    assert str(no_event.value) == "Error: the following arguments are required: --event"
    assert ScannerToken.objects.count() == 0


# --- the staff member's page: /checkin/devices/ -----------------------------------------

DEVICES_URL = "/checkin/devices/"


def test_staff_creates_a_token_for_their_event_sees_its_key_once_and_the_key_scans(client, registration):
    staff = make_checkin_staff(registration.event)
    client.force_login(staff)

    response = client.post(DEVICES_URL, {"name": "Gate B tablet", "events": [registration.event_id]})

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    key = response.context["new_key"]
    assert f'value="{key}"' in response.content.decode()
    token = ScannerToken.objects.get(user=staff)
    assert (token.name, list(token.events.all())) == ("Gate B tablet", [registration.event])
    assert key not in client.get(DEVICES_URL).content.decode()  # shown once
    status, answer = post_with_token(key, {"code": badge_tokens.badge_token(registration)})
    assert (status, answer["result"]) == (200, "ok")


def test_devices_page_offers_only_the_staff_members_events(client, registration):
    mine = make_event(title="Expert workshop on open data")
    make_event(title="Not my event")
    client.force_login(make_checkin_staff(registration.event, mine))

    response = client.get(DEVICES_URL)

    field = response.context["form"]["events"]
    assert sorted(choice.choice_label for choice in field) == sorted([registration.event.title, mine.title])
    assert 'type="checkbox" name="events"' in response.content.decode()


def test_a_token_needs_a_name_and_an_event_and_nothing_is_created_without(client, registration):
    client.force_login(make_checkin_staff(registration.event))

    response = client.post(DEVICES_URL, {"name": "  "})

    assert response.status_code == 200
    assert response.context["new_key"] is None
    assert response.context["form"].errors == {
        "name": ["This field is required."],
        "events": ["Choose at least one event."],
    }
    content = response.content.decode()
    assert 'id="id_name_error"' in content and 'id="id_events_error"' in content
    assert ScannerToken.objects.count() == 0


def test_a_token_for_an_event_not_theirs_is_refused_beside_the_field(client, registration):
    not_theirs = make_event()
    client.force_login(make_checkin_staff(registration.event))

    response = client.post(DEVICES_URL, {"name": "Phone", "events": [registration.event_id, not_theirs.pk]})

    assert response.context["form"].errors == {
        "events": [f"Select a valid choice. {not_theirs.pk} is not one of the available choices."]
    }
    assert ScannerToken.objects.count() == 0


def test_staff_sees_their_tokens_with_their_events_and_revokes_only_their_own(client, registration):
    staff, other = make_checkin_staff(registration.event), make_checkin_staff(registration.event)
    mine, my_key = make_scanner_token(staff, registration.event, name="My phone")
    theirs, _ = make_scanner_token(other, registration.event, name="Their phone")
    client.force_login(staff)

    response = client.get(DEVICES_URL)
    refused = client.post(f"/checkin/devices/{theirs.pk}/revoke/")
    revoked = client.post(f"/checkin/devices/{mine.pk}/revoke/")

    page = response.content.decode()
    assert [token.name for token in response.context["tokens"]] == ["My phone"]
    assert f"<td>My phone</td>\n            <td>{registration.event.title}</td>" in page
    assert "Their phone" not in page
    assert refused.status_code == 404
    assert ScannerToken.objects.get(pk=theirs.pk).revoked_at is None
    assert revoked.status_code == 302
    assert ScannerToken.objects.get(pk=mine.pk).revoked_at is not None
    assert post_with_token(my_key, {"code": badge_tokens.badge_token(registration)})[0] == 401


@pytest.mark.parametrize("count", [1, 10])
def test_devices_page_query_count_does_not_grow_with_tokens(client, django_assert_num_queries, count):
    events = [make_event(), make_event()]
    staff = make_checkin_staff(*events)
    for n in range(count):
        make_scanner_token(staff, *events, name=f"Phone {n}")
    client.force_login(staff)
    client.get(DEVICES_URL)  # the site's settings are made on the first page shown

    # session, user, check-in events (for the permission, then for the
    # form), the form's events, the tokens, their events; six for the base
    # template (site, settings, permissions, menu, footer).
    with django_assert_num_queries(13):
        response = client.get(DEVICES_URL)

    assert len(response.context["tokens"]) == count


def test_devices_page_needs_sign_in_and_a_check_in_event(client, registration):
    anonymous = client.get(DEVICES_URL)
    client.force_login(UserFactory())
    forbidden = client.get(DEVICES_URL)
    created = client.post(DEVICES_URL, {"name": "Sneaky", "events": [registration.event_id]})

    assert (anonymous.status_code, anonymous["Location"]) == (302, f"/accounts/login/?next={DEVICES_URL}")
    assert (forbidden.status_code, created.status_code) == (403, 403)
    assert ScannerToken.objects.count() == 0


def test_revoke_is_post_only(client, registration):
    staff = make_checkin_staff(registration.event)
    token, _ = make_scanner_token(staff, registration.event, name="Phone")
    client.force_login(staff)

    assert client.get(f"/checkin/devices/{token.pk}/revoke/").status_code == 405
    assert ScannerToken.objects.get(pk=token.pk).revoked_at is None
