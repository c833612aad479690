"""A registered device (a phone set up with a token for one event, nobody
signed in): the set-up page keeps the token in IndexedDB and opens the
device's scanner, which scans with the token online and offline; once the
device is revoked, its next contact wipes everything it kept."""

import datetime
import json

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils import timezone
from django.utils.html import json_script

from registration.badges import tokens as badge_tokens
from registration.checkin.models import Scan
from registration.checkin.tokens import scanner_token_revoke
from tests.factories import RegistrationFactory, make_event
from tests.helpers import (
    SCANNER_READY,
    SCANNER_STORES,
    make_checkin_staff,
    make_scanner_token,
    restore_site_basics,
    scanner_store_counts,
    type_badge,
    web_expect,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SETUP_URL = "/checkin/setup/TESTCODE/"


def setup_done_page(config: dict) -> str:
    """What the answer to a device's set-up confirmation holds by the
    contract between the server's set-up view and setup.js: the device's
    config as JSON and the script (the view itself is the devices part)."""
    script = staticfiles_storage.url("checkin/setup.js")
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>Set up</title></head><body>'
        f'{json_script(config, "device-config")}<script src="{script}" defer></script></body></html>'
    )


def test_device_set_up_scans_with_its_token_and_is_wiped_once_revoked(browser, live_server):
    restore_site_basics()
    today = timezone.localdate()
    event = make_event(title="Policy dialogue", start_date=today, end_date=today + datetime.timedelta(days=1))
    amina = RegistrationFactory(event=event, user=None, first_name="Amina", last_name="Diallo")
    kwame = RegistrationFactory(event=event, user=None, first_name="Kwame", last_name="Mensah")
    lead = make_checkin_staff(event, email="lead@example.org")
    token, key = make_scanner_token(lead, event, name="Door phone")
    config = {"token": key, "event": event.pk, "event_title": event.title, "app_url": "/checkin/device/"}

    context = browser.new_context(viewport={"width": 400, "height": 800}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.route(
        f"**{SETUP_URL}",
        lambda route: route.fulfill(
            status=200, content_type="text/html", headers={"Cache-Control": "no-store"}, body=setup_done_page(config)
        ),
    )
    page.goto(SETUP_URL)
    page.wait_for_url(f"{live_server.url}/checkin/device/")
    page.locator(SCANNER_READY).wait_for(state="attached")
    assert page.locator("#checkin-title").inner_text() == "Policy dialogue"
    assert page.evaluate("() => CheckinApp.store.get('config', 'device-config').then((c) => c.token)") == key
    assert [cookie["name"] for cookie in context.cookies()] == ["csrftoken"]  # nobody signed in

    type_badge(page, badge_tokens.badge_token(amina))
    web_expect(page.locator("#verdict")).to_have_attribute("data-result", "ok")
    assert page.locator("#verdict").get_attribute("data-source") == "server"
    web_expect(page.locator("#count-checked-in")).to_have_text("1")

    context.set_offline(True)
    page.reload()
    page.locator("#checkin[data-started='true']").wait_for(state="attached")
    type_badge(page, badge_tokens.badge_token(kwame))
    web_expect(page.locator("#verdict")).to_have_attribute("data-result", "ok")
    assert page.locator("#verdict-name").inner_text() == "Kwame Mensah"
    context.set_offline(False)
    web_expect(page.locator("#sent-scans li")).to_have_count(1, timeout=20_000)
    scans = Scan.objects.order_by("scanned_at")
    # Without a session, only the token can have made them (the scan API
    # does not record the token of an online scan on this branch).
    assert [(scan.registration_id, scan.offline, scan.staff_id) for scan in scans] == [
        (amina.pk, False, lead.pk),
        (kwame.pk, True, lead.pk),
    ]
    assert scans[1].token_id == token.pk

    scanner_token_revoke(token=token)
    # The answer a revoked registered device gets (the devices part of the
    # server gives it; this branch's server answers a plain 401).
    revoked = {
        "result": "invalid",
        "registration": None,
        "message": "This device was revoked.",
        "code": "device_revoked",
    }
    page.route("**/api/checkin/**", lambda route: route.fulfill(status=401, json=revoked))
    page.keyboard.press("Escape")
    type_badge(page, badge_tokens.badge_token(amina))
    page.locator("#checkin[data-revoked='true']").wait_for(state="attached")
    assert page.locator("#offline-status").inner_text() == (
        "This device was revoked: its data on this device is wiped. Ask for it to be set up again."
    )
    assert scanner_store_counts(page) == dict.fromkeys(SCANNER_STORES, 0)
    assert page.locator("#sent-scans li").count() == 0
    assert page.locator("#code-input").is_disabled()
    context.close()


def test_device_without_set_up_says_how_to_set_it_up(page, live_server):
    restore_site_basics()
    page.goto("/checkin/device/")
    page.locator("#checkin[data-mode='device']").wait_for(state="attached")
    web_expect(page.get_by_role("heading", name="This device is not set up")).to_be_visible()
    assert page.locator("#code-form").is_hidden()
    assert json.loads(page.locator("#checkin-strings").inner_text())["ok"] == "Checked in"
