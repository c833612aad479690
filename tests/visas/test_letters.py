"""The letter: its PDF (text in the participant's language, the organisers'
placeholders filled, a QR code of its verification page) and that page."""

import pytest
from django.conf import settings

from registration.visas import services
from registration.visas.letters import letter_paragraphs
from registration.visas.models import VisaLetterSettings
from registration.visas.pdf import render_letter_pdf, render_letters_pdf
from registration.visas.placeholders import placeholder_errors
from registration.visas.verification import verification_path
from tests.factories import RegistrationFactory
from tests.helpers import decoded_codes, make_event_organiser, pdf_text, rasterise

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(participant, passport):
    request = services.visa_request_submit(registration=participant, by=participant.user, data=passport)
    return services.visa_request_approve(request=request, by=make_event_organiser(participant.event))


def test_the_letter_pdf_states_the_request_and_its_qr_leads_to_a_page_that_says_valid_then_withdrawn(
    issued, client, tmp_path
):
    pdf = render_letter_pdf(issued, VisaLetterSettings.objects.get(event=issued.event))

    assert pdf.startswith(b"%PDF")
    text = " ".join(pdf_text(pdf).split())
    for expected in ("GF2026-0001", "KWAME KOFI MENSAH", "G1234567", "Accra", "Dr Amina Diallo"):
        assert expected in text
    (image,) = rasterise(pdf, tmp_path)
    path = verification_path("GF2026-0001")
    assert decoded_codes(image) == [f"{settings.SITE_URL}{path}"]

    page = client.get(path)
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    body = page.content.decode()
    assert 'data-verdict="valid"' in body
    assert "<dd data-number>GF2026-0001</dd>" in body
    assert "<dd data-name>KWAME KOFI MENSAH</dd>" in body
    assert "G1234567" not in body  # the page says only number, name, event, dates

    services.visa_letter_withdraw(request=issued, by=make_event_organiser(issued.event))
    assert 'data-verdict="withdrawn"' in client.get(path).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/v/GF2026-0001/AAAAAAAAAAAA/",  # the right number, a wrong code
        "/v/GF2026-0002/{code}/",  # a number that does not exist, the first's code
        "/v/GF2026-0002/{code2}/",  # a number that does not exist, its own right code
    ],
)
def test_a_wrong_number_or_code_is_not_found_without_saying_which(issued, client, path):
    from registration.visas.verification import verification_code

    url = path.format(code=verification_code("GF2026-0001"), code2=verification_code("GF2026-0002"))
    page = client.get(url)
    assert page.status_code == 404
    main = page.content.decode().split("<main")[1].split("</main>")[0]
    assert 'data-verdict="not_found"' in main
    assert "GF2026" not in main and "KWAME" not in main


def test_a_waiting_request_has_no_verification_page(participant, passport, client):
    services.visa_request_submit(registration=participant, by=participant.user, data=passport)
    from registration.visas.models import VisaLetterRequest

    VisaLetterRequest.objects.update(number="GF2026-0099")  # a number but not issued
    assert client.get(verification_path("GF2026-0099")).status_code == 404


def test_the_organisers_text_in_the_participants_language_with_its_placeholders(issued):
    letter_settings = VisaLetterSettings.objects.get(event=issued.event)
    letter_settings.letter_text = "We confirm that {name} ({nationality}) attends {event}."
    letter_settings.set_translation(
        "fr", letter_text="Nous certifions que {name}, passeport {passport_number}, assiste à {event}.\n\nRéf. {number}"
    )
    letter_settings.save()

    assert issued.language == "fr"
    assert letter_paragraphs(issued, letter_settings) == [
        "Nous certifions que KWAME KOFI MENSAH, passeport G1234567, assiste à Global Forum on the Ethics of AI.",
        "Réf. GF2026-0001",
    ]
    issued.language = "en"
    assert letter_paragraphs(issued, letter_settings) == [
        "We confirm that KWAME KOFI MENSAH (Ghana) attends Global Forum on the Ethics of AI."
    ]


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        ("Dear {name}, see {number}.", []),
        ("Braces {{like this}} are fine.", []),
        ("{name.__class__}", ["Unknown placeholder {name.__class__}."]),
        ("{passport}", ["Unknown placeholder {passport}."]),
        ("{name!r}", ["Unknown placeholder {name}."]),
        ("{name", ["A brace is not closed: write placeholders as {name}, and a brace itself as {{ or }}."]),
    ],
)
def test_placeholders_are_checked(text, errors):
    assert [error.split(" Use:")[0] for error in placeholder_errors(text)] == errors


def test_a_batch_of_letters_is_one_page_each(letter_event, passport):
    organiser = make_event_organiser(letter_event)
    requests = []
    for _ in range(3):
        registration = RegistrationFactory(event=letter_event)
        request = services.visa_request_submit(registration=registration, by=registration.user, data=passport)
        requests.append(services.visa_request_approve(request=request, by=organiser))
    pdf = render_letters_pdf(requests, VisaLetterSettings.objects.get(event=letter_event))
    pages = pdf_text(pdf).split("\f")
    assert [f"GF2026-000{n}" in page for n, page in zip((1, 2, 3), pages[:3], strict=True)] == [True, True, True]


def _words_per_page(pdf: bytes) -> list[list[tuple[float, str]]]:
    """Each page's words with the top of each (points from the page's top): poppler's ``pdftotext -bbox``."""
    import re
    import subprocess

    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return [
        [(float(top), word) for top, word in re.findall(r'<word xMin="[^"]+" yMin="([^"]+)"[^>]*>([^<]*)</word>', page)]
        for page in html.split("<page ")[1:]
    ]


def test_a_long_letter_text_goes_on_to_a_second_page_above_the_qr_block_each_time(issued, tmp_path):
    from registration.visas.pdf import FOOT, PAGE_HEIGHT, QR_SIZE

    letter_settings = VisaLetterSettings.objects.get(event=issued.event)
    sentences = "The delegate will attend the sessions. " * 12
    letter_settings.letter_text = "\n\n".join(f"Paragraph {n}: {sentences}" for n in range(8))
    letter_settings.save()
    pdf = render_letter_pdf(issued, letter_settings)

    pages = _words_per_page(pdf)
    assert len(pages) == 2
    block_top = PAGE_HEIGHT - (FOOT + QR_SIZE)  # from the page's top, in points
    url = f"{settings.SITE_URL}{verification_path('GF2026-0001')}"
    for words in pages:  # at the foot of each page, beside the QR code, only its note (the letter is in French)
        in_the_block = " ".join(word for top, word in words if top >= block_top - 2)
        assert in_the_block == f"Vérifier cette lettre (numéro GF2026-0001) : {url}"
    assert "Paragraph 7:" in " ".join(word for _top, word in pages[1])
    assert "Diallo" in " ".join(word for _top, word in pages[1])
    assert [decoded_codes(image) for image in rasterise(pdf, tmp_path)] == [[url], [url]]
