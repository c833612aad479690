"""The scanner keeps giving verdicts when the venue's network fails: opened
once online, it reopens from its service worker, names the person from the
roster it downloaded, tells forged and cancelled badges, queues every scan
and uploads it when the network is back; two devices letting the same
person in offline make one check-in and one reported conflict; a session
that ended offline keeps the queue until staff sign in again."""

import datetime

import pytest
from django.utils import timezone

from registration.badges import tokens as badge_tokens
from registration.checkin.models import Scan
from registration.models import RegistrationStatus
from tests.factories import PASSWORD, RegistrationFactory, make_event
from tests.helpers import (
    browser_sign_in,
    make_checkin_staff,
    make_event_organiser,
    open_scanner_for_offline,
    restore_site_basics,
    scanner_store_counts,
    type_badge,
    web_expect,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def offline_forum():
    """An event on today's date (offline scans must fall on its days), with
    a confirmed and a cancelled participant."""
    restore_site_basics()
    today = timezone.localdate()
    event = make_event(
        title="Global Forum on the Ethics of AI 2026",
        time_zone="Europe/Paris",
        start_date=today,
        end_date=today + datetime.timedelta(days=1),
    )
    amina = RegistrationFactory(
        event=event, user=None, first_name="Amina", last_name="Diallo", organisation="Ministry of Digital Affairs"
    )
    cancelled = RegistrationFactory(
        event=event, user=None, first_name="Omar", last_name="Faruk", status=RegistrationStatus.CANCELLED
    )
    return {"event": event, "amina": amina, "cancelled": cancelled}


# The paths (with their query) of everything the service worker's caches hold.
CACHED_PATHS = """
async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) {
      const url = new URL(request.url);
      paths.push(url.pathname + url.search);
    }
  }
  return paths;
}
"""


def new_context(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    return context


def forged(code: str) -> str:
    return code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")


def test_scanner_reopens_offline_gives_verdicts_and_uploads_when_back(browser, live_server, offline_forum):
    event, amina = offline_forum["event"], offline_forum["amina"]
    staff = make_checkin_staff(event, email="gate.a@example.org")
    context = new_context(browser, live_server)
    page = context.new_page()
    url = f"/checkin/{event.pk}/?gate=A"
    browser_sign_in(page, staff.email, url)
    open_scanner_for_offline(page, url)

    context.set_offline(True)
    page.reload()  # from the service worker's copy
    page.locator("#checkin[data-started='true']").wait_for(state="attached")
    assert page.locator("#checkin").get_attribute("data-roster") == "kept"
    assert page.locator("#offline-status").inner_text() == (
        "Offline: verdicts from this device's list. Scans waiting: 0"
    )

    code = badge_tokens.badge_token(amina)
    type_badge(page, code)
    verdict = page.locator("#verdict")
    web_expect(verdict).to_have_attribute("data-result", "ok")
    assert verdict.get_attribute("class") == "verdict verdict--good"
    assert page.locator("#verdict-title").inner_text() == "Checked in"
    assert page.locator("#verdict-name").inner_text() == "Amina Diallo"
    assert page.locator("#verdict-organisation").inner_text() == "Ministry of Digital Affairs"
    assert page.locator("#verdict-category").inner_text() == amina.category.name

    type_badge(page, forged(code))
    web_expect(verdict).to_have_attribute("data-result", "invalid")
    assert verdict.get_attribute("class") == "verdict verdict--bad"
    assert page.locator("#verdict-title").inner_text() == "Invalid badge"
    assert page.locator("#verdict-name").inner_text() == ""

    type_badge(page, badge_tokens.badge_token(offline_forum["cancelled"]))
    web_expect(verdict).to_have_attribute("data-result", "cancelled")
    assert verdict.get_attribute("class") == "verdict verdict--bad"
    assert page.locator("#verdict-message").inner_text() == "This registration was cancelled."

    type_badge(page, code)  # the same badge again: this device let her in
    web_expect(verdict).to_have_attribute("data-result", "already_checked_in")
    web_expect(page.locator("#offline-status")).to_have_text(
        "Offline: verdicts from this device's list. Scans waiting: 4"
    )
    assert Scan.objects.count() == 0

    context.set_offline(False)
    web_expect(page.locator("#sent-scans li")).to_have_count(4, timeout=20_000)
    web_expect(page.locator("#offline-status")).to_have_text("")
    assert page.locator("#sent-scans li").evaluate_all("(items) => items.map((item) => item.dataset.result)") == [
        "already_checked_in",
        "cancelled",
        "invalid",
        "ok",
    ]
    assert scanner_store_counts(page)["queue"] == 0
    scans = list(Scan.objects.order_by("scanned_at").values_list("result", "offline", "device_result", "gate"))
    assert scans == [
        ("ok", True, "ok", "A"),
        ("invalid", True, "invalid", "A"),
        ("cancelled", True, "cancelled", "A"),
        ("already_checked_in", True, "already_checked_in", "A"),
    ]
    amina.refresh_from_db()
    assert amina.checked_in_gate == "A"
    kept = page.evaluate(CACHED_PATHS)
    assert f"/checkin/{event.pk}/?gate=A" in kept
    assert {"/checkin/device/", "/static/checkin/verify.js", "/static/css/site.css"} <= set(kept)
    assert [path for path in kept if path.startswith("/api/")] == []  # data lives in IndexedDB only
    context.close()

    organiser = make_event_organiser(event, email="organiser@example.org")
    context = new_context(browser, live_server)
    page = context.new_page()
    browser_sign_in(page, organiser.email, "/admin/scan_log/")
    rows = page.locator("table.listing tbody tr")
    web_expect(rows).to_have_count(4)
    assert rows.filter(has_text=str(amina)).count() == 2
    context.close()


def test_two_devices_offline_make_one_check_in_and_one_conflict(browser, live_server, offline_forum):
    event, amina = offline_forum["event"], offline_forum["amina"]
    devices = []
    for gate in ("A", "B"):
        staff = make_checkin_staff(event, email=f"gate.{gate.lower()}@example.org")
        context = new_context(browser, live_server)
        page = context.new_page()
        url = f"/checkin/{event.pk}/?gate={gate}"
        browser_sign_in(page, staff.email, url)
        open_scanner_for_offline(page, url)
        devices.append((context, page))

    code = badge_tokens.badge_token(amina)
    for context, page in devices:
        context.set_offline(True)
        type_badge(page, code)
        web_expect(page.locator("#verdict")).to_have_attribute("data-result", "ok")
        assert page.locator("#verdict-name").inner_text() == "Amina Diallo"

    for context, page in devices:
        context.set_offline(False)
        web_expect(page.locator("#sent-scans li")).to_have_count(1, timeout=20_000)

    (first_context, first), (second_context, second) = devices
    assert first.locator("#sent-scans li").get_attribute("class") == "checkin__sent-item"
    conflict = second.locator("#sent-scans li")
    assert conflict.get_attribute("class") == "checkin__sent-item checkin__sent-item--conflict"
    assert conflict.get_attribute("data-result") == "already_checked_in"
    assert conflict.locator("strong").inner_text() == "Conflict:"
    scans = Scan.objects.order_by("gate")
    assert [(scan.gate, scan.result, scan.conflict) for scan in scans] == [
        ("A", "ok", False),
        ("B", "already_checked_in", True),
    ]
    assert scans[0].device_id != scans[1].device_id
    amina.refresh_from_db()
    assert (amina.checked_in_gate, amina.checked_in_at) == ("A", scans[0].scanned_at)
    first_context.close()
    second_context.close()


def test_session_that_ended_offline_keeps_the_queue_until_staff_sign_in(browser, live_server, offline_forum):
    event, amina = offline_forum["event"], offline_forum["amina"]
    staff = make_checkin_staff(event, email="gate.c@example.org")
    context = new_context(browser, live_server)
    page = context.new_page()
    url = f"/checkin/{event.pk}/?gate=C"
    browser_sign_in(page, staff.email, url)
    open_scanner_for_offline(page, url)

    context.set_offline(True)
    type_badge(page, badge_tokens.badge_token(amina))
    web_expect(page.locator("#verdict")).to_have_attribute("data-result", "ok")
    context.clear_cookies()  # the session expired meanwhile
    context.set_offline(False)

    web_expect(page.locator("#signin-again")).to_be_visible(timeout=20_000)
    assert page.locator("#signin-again-text").inner_text() == "Sign in again to send the scans waiting (1)."
    assert scanner_store_counts(page)["queue"] == 1
    assert Scan.objects.count() == 0

    page.keyboard.press("Escape")
    page.get_by_role("link", name="Sign in again").click()
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**{url}")
    web_expect(page.locator("#sent-scans li")).to_have_count(1, timeout=20_000)
    assert page.locator("#signin-again").is_hidden()
    scan = Scan.objects.get()
    assert (scan.result, scan.offline, scan.staff_id) == ("ok", True, staff.pk)
    context.close()


def test_scans_queued_in_local_storage_by_the_old_scanner_move_over_and_upload(page, live_server, offline_forum):
    event, amina = offline_forum["event"], offline_forum["amina"]
    staff = make_checkin_staff(event, email="gate.d@example.org")
    url = f"/checkin/{event.pk}/?gate=D"
    browser_sign_in(page, staff.email, url)
    open_scanner_for_offline(page, url)
    old_queue = [
        {
            "code": badge_tokens.badge_token(amina),
            "event": event.pk,
            "gate": "D",
            "nonce": "0b6f1f0e-3c1a-4c8e-9d55-0d1f4f5b8a21",
            "scanned_at": timezone.now().isoformat(),
        }
    ]
    page.evaluate(
        "([key, queue]) => localStorage.setItem(key, JSON.stringify(queue))",
        [f"checkin-offline-{event.pk}", old_queue],
    )

    page.reload()
    web_expect(page.locator("#sent-scans li")).to_have_count(1)
    assert page.evaluate("Object.keys(localStorage)") == []
    scan = Scan.objects.get()
    assert (scan.nonce, scan.result, scan.offline, scan.device_result) == (old_queue[0]["nonce"], "ok", True, "unknown")


def test_scan_the_server_does_not_answer_in_time_gets_the_device_verdict(page, live_server, offline_forum):
    event, amina = offline_forum["event"], offline_forum["amina"]
    staff = make_checkin_staff(event, email="gate.e@example.org")
    url = f"/checkin/{event.pk}/?gate=E"
    browser_sign_in(page, staff.email, url)
    open_scanner_for_offline(page, url)
    held = []
    page.route("**/api/checkin/scan/", lambda route: held.append(route))  # the Wi-Fi hangs: no answer

    type_badge(page, badge_tokens.badge_token(amina))
    web_expect(page.locator("#verdict")).to_have_attribute("data-result", "ok", timeout=8_000)
    assert page.locator("#verdict").get_attribute("data-source") == "device"
    assert page.locator("#verdict-name").inner_text() == "Amina Diallo"
    web_expect(page.locator("#offline-status")).to_have_text(
        "Offline: verdicts from this device's list. Scans waiting: 1"
    )
    assert len(held) == 1
    assert scanner_store_counts(page)["queue"] == 1


# Record counts of the scanner's stores, read straight from IndexedDB (on any page of the site).
STORE_COUNTS = """
() => new Promise((resolve, reject) => {
  const request = indexedDB.open("forum-checkin");
  request.onsuccess = () => {
    const names = ["rosters", "queue", "checkins"];
    const transaction = request.result.transaction(names, "readonly");
    const counts = {};
    for (const name of names) transaction.objectStore(name).count().onsuccess = (e) => (counts[name] = e.target.result);
    transaction.oncomplete = () => resolve(counts);
  };
  request.onerror = () => reject(request.error);
})
"""


def test_signing_out_of_the_scanner_forgets_the_people_and_keeps_the_queue(page, live_server, offline_forum):
    event = offline_forum["event"]
    staff = make_checkin_staff(event, email="gate.f@example.org")
    url = f"/checkin/{event.pk}/?gate=F"
    browser_sign_in(page, staff.email, url)
    open_scanner_for_offline(page, url)
    # A scan waiting in the queue (of another event, so that no upload takes it meanwhile).
    page.evaluate(
        """() => window.CheckinApp.store.put("queue", {nonce: "n-kept", event: 999999, code: "FB2.x",
        scanned_at: new Date().toISOString(), gate: "F"})"""
    )
    assert page.evaluate(STORE_COUNTS)["rosters"] == 1

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: "/checkin/" not in url)

    assert page.evaluate(STORE_COUNTS) == {"rosters": 0, "queue": 1, "checkins": 0}


def test_a_scan_the_server_fails_gets_the_device_verdict_and_waits(page, live_server, offline_forum):
    """A 500 (or an ended session's 401/403) is not "invalid badge": the
    device judges the badge and the scan waits in the queue."""
    event, amina = offline_forum["event"], offline_forum["amina"]
    staff = make_checkin_staff(event, email="gate.g@example.org")
    url = f"/checkin/{event.pk}/?gate=G"
    browser_sign_in(page, staff.email, url)
    open_scanner_for_offline(page, url)
    page.route("**/api/checkin/scan/", lambda route: route.fulfill(status=500, body="Server Error"))
    page.route("**/api/checkin/sync/", lambda route: route.fulfill(status=503, body="Busy"))

    type_badge(page, badge_tokens.badge_token(amina))

    web_expect(page.locator("#verdict")).to_have_attribute("data-result", "ok")
    assert page.locator("#verdict").get_attribute("data-source") == "device"
    assert page.locator("#verdict-name").inner_text() == "Amina Diallo"
    assert scanner_store_counts(page)["queue"] == 1
