"""Scanning devices registered per event (registration/checkin/devices.py,
views/devices.py): organisers and lead staff register one, the phone uses
the one-time setup code once for its token, a revoked device is told to
wipe its data, and a device acts only while the person who registered it
still works at the event."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from registration.badges import tokens as badge_tokens
from registration.checkin import devices
from registration.checkin.models import ScannerToken
from sessions.models import CheckinStaff
from sessions.services import checkin_staff_remove
from tests.factories import RegistrationFactory, make_event
from tests.helpers import (
    make_checkin_staff,
    make_device,
    make_event_organiser,
    make_lead_staff,
    make_scanner_token,
    post_scan,
    signed_in,
    svg_qr_text,
)

pytestmark = pytest.mark.django_db

SETUP_URL = re.compile(r'value="(http://testserver/checkin/setup/([^/"]+)/)"')


@pytest.fixture
def device_events():
    return make_event(title="Global Forum on the Ethics of AI"), make_event(title="Policy dialogue on neurotechnology")


def devices_url(event):
    return f"/checkin/devices/event/{event.pk}/"


def register(client, event, name="Gate B phone 2"):
    """Register a device on the event's page: (response, setup URL, code)."""
    response = client.post(devices_url(event), {"name": name})
    found = SETUP_URL.search(response.content.decode())
    return response, (found.group(1) if found else None), (found.group(2) if found else None)


def scan_with(key, registration):
    body = {"code": badge_tokens.badge_token(registration), "event": registration.event_id}
    return post_scan(Client(), body, HTTP_AUTHORIZATION=f"Token {key}")


# --- registering --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["organiser", "lead staff"])
def test_organisers_and_lead_staff_register_a_device_with_a_qr_code(device_events, kind):
    event = device_events[0]
    user = make_event_organiser(event) if kind == "organiser" else make_lead_staff(event)

    response, url, code = register(signed_in(user), event)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    page = response.content.decode()
    qr = re.search(
        r'<figure class="device-setup__qr" role="img" aria-label="QR code of the setup link">(<svg.*?</svg>)', page
    )
    token = ScannerToken.objects.get()
    assert (token.name, token.is_device, token.user, token.created_by, list(token.events.all())) == (
        "Gate B phone 2",
        True,
        user,
        user,
        [event],
    )
    assert (token.set_up_at, token.revoked_at) == (None, None)
    assert url == f"http://testserver/checkin/setup/{code}/"
    assert svg_qr_text(qr.group(1)) == [url]
    assert token.setup_code_hash != code and code not in token.setup_code_hash
    expires_in = token.setup_expires_at - timezone.now()
    assert datetime.timedelta(minutes=9) < expires_in <= datetime.timedelta(minutes=10)


def test_the_devices_page_lists_the_events_devices_only(device_events):
    organiser = make_event_organiser(*device_events, email="organiser@example.org")
    make_device(device_events[0], organiser, name="Gate A phone")
    make_device(device_events[1], organiser, name="Plenary hall phone")
    pending, _code = devices.device_register(event=device_events[0], name="Spare phone", by=organiser)

    response = signed_in(organiser).get(devices_url(device_events[0]))

    assert [device.name for device in response.context["devices"]] == ["Spare phone", "Gate A phone"]
    page = response.content.decode()
    assert (page.count("Waiting to be set up"), page.count("In use"), "Plenary hall phone" in page) == (1, 1, False)


@pytest.mark.parametrize("count", [1, 10])
def test_devices_page_query_count_does_not_grow(device_events, count, django_assert_max_num_queries):
    organiser = make_event_organiser(device_events[0])
    for n in range(count):
        make_device(device_events[0], organiser, name=f"Phone {n}")
    client = signed_in(organiser)

    with django_assert_max_num_queries(20):  # the site's own page chrome included
        response = client.get(devices_url(device_events[0]))

    assert len(response.context["devices"]) == count


@pytest.mark.parametrize(
    ("kind", "status"),
    [("plain staff", 403), ("participant", 403), ("lead of the other event", 404), ("organiser of the other", 404)],
)
def test_others_may_not_register_devices(device_events, kind, status):
    event_a, event_b = device_events
    user = {
        "plain staff": lambda: make_checkin_staff(event_a),
        "participant": lambda: RegistrationFactory(event=event_a).user,
        "lead of the other event": lambda: make_lead_staff(event_b),
        "organiser of the other": lambda: make_event_organiser(event_b),
    }[kind]()
    client = signed_in(user)

    answers = (
        client.get(devices_url(event_a)).status_code,
        client.post(devices_url(event_a), {"name": "X"}).status_code,
    )

    assert answers == (status, status)
    assert ScannerToken.objects.count() == 0


def test_anonymous_visitors_are_sent_to_sign_in(client, device_events):
    response = client.get(devices_url(device_events[0]))

    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next={devices_url(device_events[0])}",
    )


def test_a_device_needs_a_name(device_events):
    response = signed_in(make_event_organiser(device_events[0])).post(devices_url(device_events[0]), {"name": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert ScannerToken.objects.count() == 0


def test_the_start_page_links_lead_staff_to_their_events_devices(device_events):
    lead = make_lead_staff(device_events[0])
    make_checkin_staff(device_events[1], email="someone@example.org")
    CheckinStaff.objects.create(event=device_events[1], user=lead)

    page = signed_in(lead).get("/checkin/").content.decode()

    assert re.findall(r'href="(/checkin/devices/event/\d+/)"', page) == [devices_url(device_events[0])]


def test_plain_tokens_page_does_not_list_registered_devices(device_events):
    lead = make_lead_staff(device_events[0])
    make_device(device_events[0], lead)

    response = signed_in(lead).get("/checkin/devices/")

    assert list(response.context["tokens"]) == []


# --- setting the device up ----------------------------------------------------------------


def test_the_setup_page_asks_to_confirm_and_a_get_never_uses_the_code(device_events):
    _response, url, code = register(signed_in(make_event_organiser(device_events[0])), device_events[0])
    phone = Client()

    first, second = phone.get(url), phone.get(url)

    assert (first.status_code, second.status_code) == (200, 200)
    page = first.content.decode()
    assert "Set up this device to scan at Global Forum on the Ethics of AI" in page
    assert '<form method="post">' in page
    assert ScannerToken.objects.get().set_up_at is None


def test_setting_up_gives_the_device_its_token_once(device_events):
    registration = RegistrationFactory(event=device_events[0], user=None)
    _response, url, code = register(signed_in(make_event_organiser(device_events[0])), device_events[0])
    phone = Client(enforce_csrf_checks=True)
    phone.get(url)

    response = phone.post(url, {"csrfmiddlewaretoken": phone.cookies["csrftoken"].value})

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert [template.name for template in response.templates][0] == "checkin/device_setup_done.html"
    config = json.loads(
        re.search(
            r'<script id="device-config" type="application/json">(.*?)</script>', response.content.decode()
        ).group(1)
    )
    assert set(config) == {"token", "event", "event_title", "app_url"}
    assert (config["event"], config["event_title"], config["app_url"]) == (
        device_events[0].pk,
        "Global Forum on the Ethics of AI",
        "/checkin/device/",
    )
    assert '<script src="/static/checkin/setup.js" defer></script>' in response.content.decode()
    token = ScannerToken.objects.get()
    assert token.set_up_at is not None
    assert scan_with(config["token"], registration).json()["result"] == "ok"
    again = phone.post(url, {"csrfmiddlewaretoken": phone.cookies["csrftoken"].value})
    assert again.status_code == 410
    assert "already used" in again.content.decode()


def test_the_setup_post_needs_the_csrf_token(device_events):
    _response, url, _code = register(signed_in(make_event_organiser(device_events[0])), device_events[0])

    response = Client(enforce_csrf_checks=True).post(url)

    assert response.status_code == 403
    assert ScannerToken.objects.get().set_up_at is None


def test_an_expired_code_sets_nothing_up(device_events):
    _response, url, _code = register(signed_in(make_event_organiser(device_events[0])), device_events[0])
    ScannerToken.objects.update(setup_expires_at=timezone.now() - datetime.timedelta(seconds=1))

    answers = [Client().get(url), Client().post(url)]

    assert [answer.status_code for answer in answers] == [410, 410]
    assert "has expired" in answers[0].content.decode()
    assert ScannerToken.objects.get().set_up_at is None


@pytest.mark.parametrize("code", ["not-a-code", "x" * 65, "%00"])
def test_an_unknown_code_is_a_clear_404(client, code):
    response = client.get(f"/checkin/setup/{code}/")

    assert response.status_code == 404
    assert "This setup code is not known" in response.content.decode()


def test_a_device_revoked_before_setup_cannot_be_set_up(device_events):
    organiser = make_event_organiser(device_events[0])
    token, code = devices.device_register(event=device_events[0], name="Phone", by=organiser)
    devices.device_revoke(token=token, by=organiser)

    response = Client().post(f"/checkin/setup/{code}/")

    assert response.status_code == 410
    assert ScannerToken.objects.get().set_up_at is None


# --- revoking -----------------------------------------------------------------------------


def test_revoking_a_device_tells_it_to_wipe_its_data(device_events):
    registration = RegistrationFactory(event=device_events[0], user=None)
    lead = make_lead_staff(device_events[0])
    token, key = make_device(device_events[0], lead)
    assert scan_with(key, registration).status_code == 200

    response = signed_in(lead).post(f"{devices_url(device_events[0])}{token.pk}/revoke/")

    assert (response.status_code, response["Location"]) == (302, devices_url(device_events[0]))
    first = scan_with(key, registration)
    assert first.status_code == 401
    assert first.json() == {
        "result": "invalid",
        "registration": None,
        "message": "This device was revoked by the event's organisers: its data is being erased.",
        "code": "device_revoked",
    }
    token.refresh_from_db()
    told = token.wiped_at
    assert told is not None and token.revoked_at is not None
    roster = Client().get("/api/checkin/roster/", {"event": device_events[0].pk}, HTTP_AUTHORIZATION=f"Token {key}")
    assert (roster.status_code, roster.json()["code"]) == (401, "device_revoked")
    token.refresh_from_db()
    assert token.wiped_at == told  # the first time it was told is kept


def test_a_revoked_device_is_told_to_wipe_even_after_its_registrant_left(device_events):
    registration = RegistrationFactory(event=device_events[0], user=None)
    lead = make_lead_staff(device_events[0])
    token, key = make_device(device_events[0], lead)
    lead.is_active = False  # the lead staff member's account is closed, then the phone revoked
    lead.save()
    assert scan_with(key, registration).json()["message"] == "This scanner token is not valid."

    signed_in(make_event_organiser(device_events[0])).post(f"{devices_url(device_events[0])}{token.pk}/revoke/")
    answer = scan_with(key, registration)

    assert (answer.status_code, answer.json()["code"]) == (401, "device_revoked")
    token.refresh_from_db()
    assert token.wiped_at is not None


def test_a_revoked_plain_token_is_not_told_to_wipe(device_events, registration):
    staff = make_checkin_staff(registration.event)
    token, key = make_scanner_token(staff, registration.event)
    signed_in(staff).post(f"/checkin/devices/{token.pk}/revoke/")

    body = scan_with(key, registration).json()

    assert (body.get("code"), body["message"]) == (None, "This scanner token is not valid.")


def test_another_events_device_cannot_be_revoked(device_events):
    organiser_a = make_event_organiser(device_events[0])
    token_b, _key = make_device(device_events[1], make_event_organiser(device_events[1]))

    response = signed_in(organiser_a).post(f"{devices_url(device_events[0])}{token_b.pk}/revoke/")
    across = signed_in(organiser_a).post(f"{devices_url(device_events[1])}{token_b.pk}/revoke/")

    assert (response.status_code, across.status_code) == (404, 404)
    token_b.refresh_from_db()
    assert token_b.revoked_at is None


def test_plain_staff_cannot_revoke_a_device(device_events):
    token, _key = make_device(device_events[0], make_lead_staff(device_events[0]))

    response = signed_in(make_checkin_staff(device_events[0])).post(
        f"{devices_url(device_events[0])}{token.pk}/revoke/"
    )

    assert response.status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_a_post(device_events):
    organiser = make_event_organiser(device_events[0])
    token, _key = make_device(device_events[0], organiser)

    response = signed_in(organiser).get(f"{devices_url(device_events[0])}{token.pk}/revoke/")

    assert response.status_code == 405


# --- what a device may do -----------------------------------------------------------------


def test_an_organisers_device_scans_while_they_manage_the_event(device_events):
    registration = RegistrationFactory(event=device_events[0], user=None)
    organiser = make_event_organiser(device_events[0])
    _token, key = make_device(device_events[0], organiser)
    before = scan_with(key, registration).status_code

    organiser.groups.clear()
    after = scan_with(key, RegistrationFactory(event=device_events[0], user=None))

    assert (before, after.status_code) == (200, 403)


def test_a_lead_staff_device_stops_when_they_leave_the_event(device_events):
    registration = RegistrationFactory(event=device_events[0], user=None)
    lead = make_lead_staff(device_events[0])
    _token, key = make_device(device_events[0], lead)
    before = scan_with(key, registration).status_code

    checkin_staff_remove(event=device_events[0], user=lead)
    after = scan_with(key, RegistrationFactory(event=device_events[0], user=None))

    assert (before, after.status_code) == (200, 403)


def test_a_device_scans_at_its_event_only(device_events):
    organiser = make_event_organiser(*device_events)
    _token, key = make_device(device_events[0], organiser)
    other = RegistrationFactory(event=device_events[1], user=None)

    body = {"code": badge_tokens.badge_token(other), "event": device_events[1].pk}
    response = post_scan(Client(), body, HTTP_AUTHORIZATION=f"Token {key}")

    assert (response.status_code, response.json()["message"]) == (403, "You may not check people in at this event.")


def test_last_seen_is_written_at_most_once_a_minute(device_events):
    lead = make_lead_staff(device_events[0])
    token, key = make_device(device_events[0], lead)
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    ScannerToken.objects.filter(pk=token.pk).update(last_seen_at=long_ago)

    scan_with(key, RegistrationFactory(event=device_events[0], user=None))
    token.refresh_from_db()
    seen = token.last_seen_at
    scan_with(key, RegistrationFactory(event=device_events[0], user=None))
    token.refresh_from_db()

    assert seen > long_ago
    assert token.last_seen_at == seen
