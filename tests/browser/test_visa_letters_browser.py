"""A visa support letter, end to end, in a real browser: a confirmed
participant opens their registration, follows "Visa support letter", is
stopped by a passport that expires before it was issued (nothing stored),
corrects it and sends the request; an organiser issues the letter from the
admin's list of requests in a browser of their own; the participant reloads,
downloads the PDF, whose QR code (rasterised by poppler, read by zbar)
leads to the public page that says the letter is valid."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings

from home.models import OutgoingEmail
from registration.visas.models import VisaLetterRequest, VisaLetterSettings
from registration.visas.verification import verification_code
from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory, make_event
from tests.helpers import browser_sign_in, decoded_codes, make_event_organiser, rasterise, web_expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = "GF2026-0001"


def fill_request(page, *, expires_on: str) -> None:
    page.get_by_label("Name as in the passport").fill("KWAME KOFI MENSAH")
    page.get_by_label("Passport number").fill("G1234567")
    page.get_by_label("Nationality").select_option("GH")
    page.get_by_label("Date of birth").fill("1985-03-14")
    page.get_by_label("Passport issued on").fill("2022-01-10")
    page.get_by_label("Passport expires on").fill(expires_on)
    page.get_by_label("Consulate city").fill("Accra")
    page.get_by_label("Arrival").fill("2026-06-22")
    page.get_by_label("Departure").fill("2026-06-28")
    page.get_by_label("I agree that these passport details are kept").check()
    page.get_by_role("button", name="Send the request").click()


@pytest.mark.usefixtures("page_root")
def test_participant_requests_a_letter_organiser_issues_it_and_its_qr_says_valid(page, live_server, browser, tmp_path):
    event = make_event(title="Global Forum on the Ethics of AI")
    RegistrationSettingsFactory(event=event)
    VisaLetterSettings.objects.create(
        event=event,
        offers_letters=True,
        number_prefix="GF",
        signatory_name="Dr Amina Diallo",
        signatory_title="Secretary of the Forum",
    )
    category = CategoryFactory(event=event, name="Civil society", slug="civil-society")
    participant = RegistrationFactory(
        event=event, category=category, first_name="Kwame", last_name="Mensah", preferred_language="en"
    )
    request_url = f"/my/registrations/{participant.reference}/visa-letter/"

    # From the registration's page to the request form.
    browser_sign_in(page, participant.user.email, f"/my/registrations/{participant.reference}/")
    page.get_by_role("link", name="Visa support letter").click()
    page.wait_for_url(f"{live_server.url}{request_url}")
    web_expect(page.locator("h1")).to_have_text("Visa support letter")

    # A passport that expires before it was issued: the error beside that field, nothing stored.
    fill_request(page, expires_on="2021-01-01")
    expiry = page.locator(".field", has=page.get_by_label("Passport expires on"))
    web_expect(expiry.locator(".errorlist")).to_have_text("The expiry date must come after the issue date.")
    web_expect(page.locator(".errorlist")).to_have_count(1)
    web_expect(page.get_by_label("Passport expires on")).to_have_value("2021-01-01")
    assert VisaLetterRequest.objects.count() == 0

    # Corrected (the other fields kept what was typed) and sent.
    page.get_by_label("Passport expires on").fill("2032-01-09")
    page.get_by_label("I agree that these passport details are kept").check()
    page.get_by_role("button", name="Send the request").click()
    web_expect(page.locator(".messages li")).to_have_text("Your request has been sent. The organisers will review it.")
    status = page.locator("section.visa-letter")
    web_expect(status).to_have_attribute("data-visa-status", "requested")
    web_expect(status.locator("strong")).to_have_text("Requested")
    web_expect(page.get_by_role("link", name="Download your letter (PDF)")).to_have_count(0)
    stored = VisaLetterRequest.objects.get()
    assert (stored.registration_id, stored.status, stored.passport_expires_on.isoformat(), stored.number) == (
        participant.pk,
        "requested",
        "2032-01-09",
        None,
    )

    # The organiser, in a browser of their own, issues it from the list of requests.
    organiser = make_event_organiser(event)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    context.set_default_timeout(10_000)
    admin = context.new_page()
    browser_sign_in(admin, organiser.email, "/admin/visa-letters/")
    row = admin.locator(f'#visa-requests tr[data-request="{stored.pk}"]')
    web_expect(row).to_have_attribute("data-status", "requested")
    admin.get_by_label("Select Kwame Mensah").check()
    admin.get_by_role("button", name="Issue letters for the selected requests").click()
    web_expect(admin.get_by_text("1 letter issued.", exact=True)).to_be_visible()
    web_expect(admin.locator('li[data-count="approved"]')).to_have_text("Letter issued: 1")
    web_expect(admin.locator('li[data-count="requested"]')).to_have_text("Requested: 0")
    context.close()
    stored.refresh_from_db()
    assert (stored.status, stored.number, stored.decided_by_id) == ("approved", NUMBER, organiser.pk)
    assert list(OutgoingEmail.objects.filter(kind="visa_letter").values_list("to", "status")) == [
        (participant.email, "sent")
    ]

    # The participant reloads and downloads the letter.
    page.reload()
    web_expect(status).to_have_attribute("data-visa-status", "approved")
    web_expect(status.locator("strong")).to_have_text("Letter issued")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your letter (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"visa-letter-{NUMBER}.pdf"
    download.save_as(tmp_path / "letter.pdf")
    pdf = (tmp_path / "letter.pdf").read_bytes()
    assert pdf[:4] == b"%PDF"

    # Its QR code leads to the public page, which says "Valid".
    (image,) = rasterise(pdf, tmp_path)
    expected_url = f"{settings.SITE_URL}/v/{NUMBER}/{verification_code(NUMBER)}/"
    assert decoded_codes(image) == [expected_url]
    page.goto(urlsplit(expected_url).path)
    verdict = page.locator("[data-verdict]")
    web_expect(verdict).to_have_attribute("data-verdict", "valid")
    web_expect(verdict).to_have_text("Valid")
    web_expect(page.locator("dd[data-number]")).to_have_text(NUMBER)
    web_expect(page.locator("dd[data-name]")).to_have_text("KWAME KOFI MENSAH")
