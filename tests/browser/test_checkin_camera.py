"""A check-in staff member scans a badge with the camera: chromium's fake
camera plays a Y4M video of a real badge QR code, the page decodes it (jsQR
on Linux chromium, which has no BarcodeDetector) and checks the person in."""

import re
from pathlib import Path

import pytest
import qrcode
from PIL import Image

from registration.badges import tokens as badge_tokens
from registration.checkin.models import Scan
from tests.factories import PASSWORD, RegistrationFactory, make_event
from tests.helpers import launch_chromium, make_checkin_staff, restore_site_basics, web_expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAIT = 20_000  # ms: long enough for a slow machine, short enough to fail fast


def write_qr_video(path: Path, text: str, *, shown: float, hidden: float, width=480, height=360, fps=2) -> Path:
    """A Y4M video (YUV 4:2:0, JPEG range) in which the QR code of ``text``,
    black on white and centred, is held up for ``shown`` seconds, then out of
    the picture for ``hidden`` seconds; chromium's fake camera loops it."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
    qr.add_data(text)
    code = qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    assert code.width <= height, "the QR code must fit in the frame"

    def frame(picture: Image.Image) -> bytes:
        y, cb, cr = picture.convert("YCbCr").split()
        half = (width // 2, height // 2)
        return b"FRAME\n" + y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()

    blank = Image.new("RGB", (width, height), "white")
    badge = blank.copy()
    badge.paste(code, ((width - code.width) // 2, (height - code.height) // 2))
    header = f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + frame(badge) * round(shown * fps) + frame(blank) * round(hidden * fps))
    return path


@pytest.fixture
def video_camera_browser(playwright_driver, tmp_path):
    """A chromium of its own (the shared one has no camera), whose fake
    camera plays ``tmp_path / "camera.y4m"``: the test writes that file first."""
    video = tmp_path / "camera.y4m"
    browser = launch_chromium(
        playwright_driver,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    )
    yield browser, video
    browser.close()


def test_staff_checks_a_badge_in_with_the_camera(video_camera_browser, live_server):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # present: the fixture checked

    restore_site_basics()
    event = make_event(title="Global Forum on the Ethics of AI 2026")
    registration = RegistrationFactory(event=event, user=None, first_name="Amina", last_name="Diallo")
    staff = make_checkin_staff(event, email="gate.a@example.org")
    browser, video = video_camera_browser
    # Held up for 9 s, then away for 4 s (longer than the 3 s after which a
    # code counts as shown again), and again.
    write_qr_video(video, badge_tokens.badge_token(registration), shown=9, hidden=4)

    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.grant_permissions(["camera"], origin=live_server.url)
    context.set_default_timeout(WAIT)
    page = context.new_page()
    scan_answers = []
    page.on("response", lambda response: "/api/checkin/scan/" in response.url and scan_answers.append(response))

    page.goto(f"/checkin/{event.pk}/?gate=A")
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=.*"))
    page.get_by_label("Email").fill("gate.a@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{live_server.url}/checkin/{event.pk}/?gate=A")

    # Which decoder the page will use: BarcodeDetector if it reads QR codes,
    # else the site's jsQR (the usual case on Linux chromium).
    native = page.evaluate(
        "async () => 'BarcodeDetector' in window && (await BarcodeDetector.getSupportedFormats()).includes('qr_code')"
    )
    assert page.evaluate("typeof window.jsQR") == "undefined"  # loaded only when needed
    assert page.locator("#checkin").get_attribute("data-jsqr-url").endswith("/checkin/vendor/jsqr/jsQR.js")

    toggle = page.locator("#camera-toggle")
    assert toggle.inner_text() == "Start the camera"
    toggle.click()
    web_expect(toggle).to_have_attribute("aria-pressed", "true")
    assert toggle.inner_text() == "Stop the camera"
    assert page.locator("#camera-status").inner_text() == "Point the camera at the QR code."
    assert page.evaluate("typeof window.jsQR") == ("undefined" if native else "function")

    # The first read checks in (green). (Waited for with a selector:
    # page.wait_for_function evaluates a string, which the CSP forbids.)
    try:
        page.locator("#verdict[data-result='ok']").wait_for(timeout=WAIT)
        shown = page.evaluate(
            """() => {
                const verdict = document.getElementById('verdict');
                return {
                    className: verdict.className,
                    title: document.getElementById('verdict-title').textContent,
                    name: document.getElementById('verdict-name').textContent,
                };
            }"""
        )
    except PlaywrightTimeout:
        decoder = "BarcodeDetector" if native else "jsQR"
        verdict = page.locator("#verdict").get_attribute("data-result")
        status = page.locator("#camera-status").inner_text()
        pytest.fail(
            f"the camera ({decoder}) did not check the badge in within {WAIT // 1000} s: "
            f"verdict {verdict!r}, camera status {status!r}, {len(scan_answers)} scan request(s)"
        )
    assert shown == {"className": "verdict verdict--good", "title": "Checked in", "name": "Amina Diallo"}

    # Held up, the badge is sent once; taken away and shown again, it
    # is a new scan: amber, not a second check-in.
    web_expect(page.locator("#verdict"), timeout=WAIT).to_have_attribute("data-result", "already_checked_in")
    assert page.locator("#verdict-title").inner_text() == "Already checked in"
    # Held up again for 9 s: nothing more is sent. (A page that re-sent the
    # code every 4 s while in view would have sent it again by now, wherever
    # in the video this verdict came.)
    page.wait_for_timeout(8_500)
    assert [response.json()["result"] for response in scan_answers] == ["ok", "already_checked_in"]

    # Close the verdict (it covers the page) and stop the camera.
    page.locator("#verdict-close").click()
    toggle.click()
    assert toggle.inner_text() == "Start the camera"
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.locator("#camera-video").is_hidden()
    assert page.evaluate(
        "document.getElementById('camera-video').srcObject.getTracks().every((t) => t.readyState === 'ended')"
    )

    answers = [response.json()["result"] for response in scan_answers]
    context.close()
    registration.refresh_from_db()
    assert (registration.checked_in_at is not None, registration.checked_in_gate) == (True, "A")
    scans = list(Scan.objects.order_by("scanned_at", "pk").values_list("result", "gate", "staff", "registration"))
    assert scans == [(answer, "A", staff.pk, registration.pk) for answer in answers]
    assert answers == ["ok", "already_checked_in"]
