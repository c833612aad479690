"""The Content-Security-Policy breaks nothing: chromium loads the public
pages, the scanner (camera, manual entry, the verdict and its sound) and the
Wagtail admin (dashboard, a snippet's edit form, an event page's editor)
without reporting a single violation."""

import pytest

from registration.models import RegistrationStatus
from tests.factories import (
    PASSWORD,
    CategoryFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    TrackFactory,
    home_page,
    local,
    make_event,
)
from tests.helpers import launch_chromium, make_checkin_staff, make_event_organiser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Reports every violation to the test, from every document the page loads
# (frames included), before any of the page's own scripts run.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} `
    + `at ${event.sourceFile || document.location.href}:${event.lineNumber}`);
});
"""


class Watcher:
    """What the browser said about the policy while the test clicked around."""

    def __init__(self, context):
        self.violations: list[str] = []
        self.console: list[str] = []
        self.pages_without_header: list[str] = []
        context.expose_function("reportCspViolation", self._violation)
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("page", self.watch)

    def watch(self, page):
        page.on("console", self._console)
        page.on("response", self._response)

    def _violation(self, text: str) -> None:
        self.violations.append(text)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.console.append(message.text)

    def _response(self, response):
        if response.request.resource_type == "document" and response.status < 300:
            if "content-security-policy" not in response.headers:
                self.pages_without_header.append(response.url)

    def reports(self) -> dict:
        return {"violations": self.violations, "console": self.console, "no_header": self.pages_without_header}


NOTHING_REPORTED = {"violations": [], "console": [], "no_header": []}


def new_context(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(15_000)
    watcher = Watcher(context)
    return context, watcher, context.new_page()


def sign_in(page, user, next_url: str):
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**{next_url}")


@pytest.fixture
def csp_forum():
    home_page()
    event = make_event(title="Global Forum 2026", slug="forum-2026")
    track = TrackFactory(event=event, name="Human rights", colour="#b03060")
    room = RoomFactory(event=event, name="Hall")
    session = SessionFactory(
        event=event,
        title="Facial recognition",
        track=track,
        room=room,
        starts_at=local(event, 0, 9),
        ends_at=local(event, 0, 10),
    )
    SessionSpeakerFactory(session=session)
    press = CategoryFactory(event=event, name="Press", badge_colour="#8b1f5f")
    registration = RegistrationFactory(
        event=event,
        category=press,
        user=None,
        first_name="Amina",
        last_name="Diallo",
        status=RegistrationStatus.CONFIRMED,
    )
    return {"event": event, "session": session, "registration": registration}


@pytest.fixture
def fake_camera_browser(playwright_driver):
    """A chromium of its own with a fake camera (a generated test picture)."""
    browser = launch_chromium(playwright_driver, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream")
    yield browser
    browser.close()


def test_watcher_reports_a_violation(browser, live_server, csp_forum):
    context, watcher, page = new_context(browser, live_server)

    page.goto("/en/")
    # Playwright's evaluate is not subject to the policy; the image it adds is.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=\"https://example.invalid/x.png\">')")
    page.wait_for_timeout(500)
    context.close()

    assert watcher.violations == [f"img-src blocked https://example.invalid/x.png at {live_server.url}/en/:0"]
    assert len(watcher.console) == 1


def test_public_pages_report_no_csp_violation(browser, live_server, csp_forum):
    context, watcher, page = new_context(browser, live_server)

    page.goto("/en/")
    page.goto("/en/events/forum-2026/")
    page.goto("/en/events/forum-2026/agenda/")
    page.get_by_role("heading", name="Facial recognition").first.wait_for()
    page.goto(f"/en/events/forum-2026/sessions/{csp_forum['session'].uid}/")
    page.goto("/accounts/login/")
    context.close()

    assert watcher.reports() == NOTHING_REPORTED


def test_scanner_reports_no_csp_violation(fake_camera_browser, live_server, csp_forum):
    from registration.badges import tokens as badge_tokens

    event = csp_forum["event"]
    staff = make_checkin_staff(event)
    context, watcher, page = new_context(fake_camera_browser, live_server)
    context.grant_permissions(["camera"], origin=live_server.url)

    sign_in(page, staff, f"/checkin/{event.pk}/?gate=A")
    # (Locators, not wait_for_function with a string: the policy forbids eval.)
    page.locator("#camera-toggle").click()
    page.locator("#camera-toggle[aria-pressed='true']").wait_for()
    page.wait_for_timeout(1_500)  # a few frames go through the decoder
    page.locator("#camera-toggle").click()
    page.locator("#code-input").fill(badge_tokens.badge_token(csp_forum["registration"]))
    page.locator("#code-input").press("Enter")
    page.locator("#verdict[data-result='ok']").wait_for()
    context.close()

    assert watcher.reports() == NOTHING_REPORTED


def test_admin_reports_no_csp_violation(browser, live_server, csp_forum):
    event, session = csp_forum["event"], csp_forum["session"]
    organiser = make_event_organiser(event)
    context, watcher, page = new_context(browser, live_server)

    sign_in(page, organiser, "/admin/")
    page.wait_for_load_state("networkidle")
    page.goto(f"/admin/agenda/sessions/edit/{session.pk}/")
    page.locator("#id_title").fill("Facial recognition in public spaces")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url("**/admin/agenda/sessions/")
    page.goto(f"/admin/pages/{event.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    page.wait_for_load_state("networkidle")
    preview = next(frame for frame in page.frames if "/edit/preview/" in frame.url)
    preview.get_by_role("heading", name="Global Forum 2026").first.wait_for()
    page.goto("/en/events/forum-2026/")  # the public page with the Wagtail user bar
    page.locator("wagtail-userbar").wait_for(state="attached")
    context.close()

    assert watcher.reports() == NOTHING_REPORTED
