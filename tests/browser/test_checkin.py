"""A check-in staff member signs in, opens the scanner and scans badges with
a handheld scanner (which types the code and presses Enter)."""

import datetime
import re

import pytest
from django.utils import timezone

from registration.badges import tokens as badge_tokens
from tests.factories import PASSWORD, RegistrationFactory, make_event
from tests.helpers import make_checkin_staff, restore_site_basics, web_expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_scans_green_then_amber_then_forged_red(page, live_server):
    restore_site_basics()
    event = make_event(title="Global Forum on the Ethics of AI 2026", time_zone="Asia/Bangkok")
    registration = RegistrationFactory(
        event=event, user=None, first_name="Amina", last_name="Diallo", organisation="Ministry of Digital Affairs"
    )
    make_checkin_staff(event, email="gate.b@example.org")
    code = badge_tokens.badge_token(registration)

    page.goto(f"/checkin/{event.pk}/?gate=B")
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=.*"))
    page.get_by_label("Email").fill("gate.b@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/checkin/{event.pk}/?gate=B")
    verdict = page.locator("#verdict")

    # The code field has the focus: the scanner just types.
    assert page.evaluate("document.activeElement.id") == "code-input"
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    verdict.wait_for(state="visible")
    assert verdict.get_attribute("class") == "verdict verdict--good"
    assert page.locator("#verdict-title").inner_text() == "Checked in"
    assert page.locator("#verdict-name").inner_text() == "Amina Diallo"
    assert page.get_by_role("button", name="Undo this check-in").is_visible()
    assert page.locator("#verdict-organisation").inner_text() == "Ministry of Digital Affairs · Senegal"
    assert page.locator("#verdict-category").inner_text() == registration.category.name
    web_expect(page.locator("#count-checked-in")).to_have_text("1")

    # Still focused under the verdict: the next badge scan goes straight in.
    assert page.evaluate("document.activeElement.id") == "code-input"
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    web_expect(page.locator("#verdict")).to_have_attribute("data-result", "already_checked_in")
    assert verdict.get_attribute("class") == "verdict verdict--warn"
    assert page.get_by_role("button", name="Undo this check-in").is_hidden()
    assert page.locator("#verdict-title").inner_text() == "Already checked in"
    assert re.fullmatch(r"Already checked in at \d\d:\d\d \(gate B\)\.", page.locator("#verdict-message").inner_text())

    page.keyboard.press("Escape")
    assert verdict.is_hidden()
    forged = code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")
    page.keyboard.type(forged)
    page.keyboard.press("Enter")
    web_expect(page.locator("#verdict")).to_have_attribute("data-result", "invalid")
    assert verdict.get_attribute("class") == "verdict verdict--bad"
    assert page.locator("#verdict-title").inner_text() == "Invalid badge"
    assert page.locator("#verdict-name").inner_text() == ""


def test_staff_finds_a_person_without_badge_and_undoes_a_mistake(page, live_server):
    restore_site_basics()
    event = make_event()
    RegistrationFactory(event=event, user=None, first_name="Kwame", last_name="Mensah")
    make_checkin_staff(event, email="desk@example.org")

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("desk@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r".*/(account/)?$"))
    page.goto(f"/checkin/{event.pk}/?gate=Desk")

    page.get_by_label("Name, organisation, email or reference").fill("mensah")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("button", name="Check in Kwame Mensah").click()
    web_expect(page.locator("#verdict")).to_have_attribute("data-result", "ok")
    web_expect(page.locator("#count-checked-in")).to_have_text("1")

    page.get_by_role("button", name="Undo this check-in").click()
    web_expect(page.locator("#verdict")).to_have_attribute("data-result", "undone")
    assert page.locator("#verdict-message").inner_text() == "Check-in undone."
    web_expect(page.locator("#count-checked-in")).to_have_text("0")


def test_scan_whose_request_fails_gets_the_device_verdict_and_is_uploaded_later(page, live_server):
    restore_site_basics()
    # Scans made offline carry their time, which must fall on the event's days.
    today = timezone.localdate()
    event = make_event(start_date=today, end_date=today + datetime.timedelta(days=1))
    registration = RegistrationFactory(event=event, user=None, first_name="Lina", last_name="Haddad")
    make_checkin_staff(event, email="offline@example.org")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("offline@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r".*/(account/)?$"))
    page.goto(f"/checkin/{event.pk}/?gate=C")
    page.locator("#checkin[data-roster='loaded']").wait_for(state="attached")

    page.route("**/api/checkin/scan/", lambda route: route.abort())  # the venue Wi-Fi drops
    page.keyboard.type(badge_tokens.badge_token(registration))
    page.keyboard.press("Enter")
    # Not an amber "saved" without a name: the verdict of the device's list.
    web_expect(page.locator("#verdict")).to_have_attribute("data-result", "ok")
    assert page.locator("#verdict").get_attribute("data-source") == "device"
    assert page.locator("#verdict-name").inner_text() == "Lina Haddad"
    web_expect(page.locator("#offline-status")).to_have_text(
        "Offline: verdicts from this device's list. Scans waiting: 1"
    )
    registration.refresh_from_db()
    assert registration.checked_in_at is None

    page.unroute("**/api/checkin/scan/")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    web_expect(page.locator("#offline-status")).to_have_text("")
    web_expect(page.locator("#sent-scans li")).to_have_count(1)

    registration.refresh_from_db()
    scan = registration.scans.get()
    assert (scan.result, scan.gate, registration.checked_in_gate) == ("ok", "C", "C")
    assert (scan.offline, scan.device_result, scan.conflict) == (True, "ok", False)
    assert registration.checked_in_at == scan.scanned_at
    assert len(scan.nonce) == 36
    assert page.locator("#sent-scans li").get_attribute("data-result") == "ok"


def test_badge_of_another_event_shows_only_the_name_and_that_event(page, live_server):
    restore_site_basics()
    theirs = make_event(title="Policy dialogue on neurotechnology")
    other = make_event(title="Global Forum on the Ethics of AI 2026")
    registration = RegistrationFactory(
        event=other, user=None, first_name="Amina", last_name="Diallo", organisation="Ministry of Digital Affairs"
    )
    make_checkin_staff(theirs, email="gate.n@example.org")

    page.goto("/checkin/")
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=.*"))
    page.get_by_label("Email").fill("gate.n@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/checkin/")
    # Only their event is offered.
    assert page.locator("#checkin-event option").all_inner_texts() == [
        "Policy dialogue on neurotechnology (24 Jun 2026)"
    ]
    page.get_by_label("Gate or room").fill("N")
    page.get_by_role("button", name="Open the scanner").click()
    page.wait_for_url(f"{live_server.url}/checkin/{theirs.pk}/?gate=N")

    page.keyboard.type(badge_tokens.badge_token(registration))
    page.keyboard.press("Enter")
    web_expect(page.locator("#verdict")).to_have_attribute("data-result", "wrong_event")

    assert page.locator("#verdict").get_attribute("class") == "verdict verdict--bad"
    assert page.locator("#verdict-title").inner_text() == "Wrong event"
    assert page.locator("#verdict-message").inner_text() == (
        "This badge is for another event: Global Forum on the Ethics of AI 2026."
    )
    assert page.locator("#verdict-name").inner_text() == "Amina Diallo"
    assert page.locator("#verdict-organisation").inner_text() == ""
    assert page.locator("#verdict-category").inner_text() == ""
    assert page.locator("#verdict-swatch").is_hidden()
    registration.refresh_from_db()
    assert registration.checked_in_at is None
