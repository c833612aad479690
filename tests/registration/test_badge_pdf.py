"""Badge PDFs: rendered, rasterised with poppler's pdftoppm, the QR code read
back with zbar and verified by the check-in API; the layouts; the fonts."""

import pytest
from django.urls import reverse

from registration.badges import pdf as badge_pdf
from registration.badges import tokens as badge_tokens
from registration.badges.models import BadgeBatch
from tests.factories import RegistrationFactory, make_event
from tests.helpers import decoded_codes, make_checkin_staff, pdf_page_sizes, pdf_text, rasterise

pytestmark = pytest.mark.django_db


def test_badge_pdf_qr_decodes_to_the_token_and_checks_in(tmp_path, client):
    registration = RegistrationFactory(first_name="Amina", last_name="Diallo")
    client.force_login(make_checkin_staff(registration.event))
    pdf = badge_pdf.render_badges_pdf([registration], layout=BadgeBatch.Layout.A6)

    (page,) = rasterise(pdf, tmp_path)
    (code,) = decoded_codes(page)

    assert code == badge_tokens.badge_token(registration)
    response = client.post(
        reverse("checkin:scan"),
        {"code": code, "event": registration.event_id},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["result"]) == (200, "ok")


def test_badge_pdf_shows_event_name_dates_person_and_category(tmp_path):
    event = make_event(title="Global Forum on the Ethics of AI 2026")
    registration = RegistrationFactory(
        event=event, first_name="Amina", last_name="Diallo", organisation="Ministry of Digital Affairs", country="SN"
    )
    registration.category.name = "Member State delegation"
    registration.category.save()

    text = pdf_text(badge_pdf.render_badges_pdf([registration]))

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines == [
        "Global Forum on the Ethics of AI 2026",
        "24–26 June 2026",
        "Amina Diallo",
        "Ministry of Digital Affairs",
        "Senegal",
        registration.reference,
        "Member State delegation",
    ]


def test_a4_sheets_hold_four_badges_each_and_every_qr_reads(tmp_path):
    event = make_event()
    registrations = [RegistrationFactory(event=event) for _ in range(5)]

    pdf = badge_pdf.render_badges_pdf(registrations, layout=BadgeBatch.Layout.A4_FOUR)

    assert pdf_page_sizes(pdf) == ["595.276 x 841.89 pts", "595.276 x 841.89 pts"]
    first, second = rasterise(pdf, tmp_path)
    assert decoded_codes(first) == sorted(badge_tokens.badge_token(r) for r in registrations[:4])
    assert decoded_codes(second) == [badge_tokens.badge_token(registrations[4])]


def test_single_a6_pages_one_badge_each():
    event = make_event()
    registrations = [RegistrationFactory(event=event) for _ in range(3)]

    pdf = badge_pdf.render_badges_pdf(registrations, layout=BadgeBatch.Layout.A6)

    assert pdf_page_sizes(pdf) == ["297.638 x 419.528 pts"] * 3


@pytest.mark.parametrize(
    ("name", "font"),
    [
        ("Zoë Ångström-Łukasiewicz", "badge-NotoSans-Bold"),
        ("Дмитрий Иванов", "badge-NotoSans-Bold"),
        ("Νίκος Παπαδόπουλος", "badge-NotoSans-Bold"),
        ("Nguyễn Thị Minh Khai", "badge-NotoSans-Bold"),
        ("王小明", "badge-DroidSansFallbackFull"),
        ("さくら やまだ", "badge-DroidSansFallbackFull"),
        ("محمد العلي", "badge-NotoSansArabic-Bold"),
        ("अमिताभ बच्चन", "badge-NotoSansDevanagari-Bold"),
        ("שרה לוי", "badge-NotoSansHebrew-Bold"),
        ("สมชาย ใจดี", "badge-NotoSansThai-Bold"),
        ("김민준", "badge-NanumGothicBold"),
    ],
)
def test_non_latin_names_get_a_font_with_every_glyph(name, font):
    assert badge_pdf.font_for(name, bold=True) == font


def _shaped(text):
    glyphs, _ = badge_pdf.shaped(text, badge_pdf.font_for(text, bold=True))
    return str(glyphs), [glyph.cluster for glyph in glyphs.__shapeData__]


def test_arabic_letters_are_joined_and_laid_out_right_to_left():
    drawn, clusters = _shaped("فاطمة")

    # Every glyph is a joined (initial, medial, final or ligature) form, and
    # the first letter (cluster 0) is drawn last: rightmost.
    assert all(0xFB50 <= ord(char) <= 0xFEFF for char in drawn)
    assert clusters == sorted(clusters, reverse=True) and clusters[-1] == 0


def test_hebrew_is_laid_out_right_to_left():
    drawn, clusters = _shaped("שרה לוי")

    assert drawn == "שרה לוי"[::-1]
    assert clusters == sorted(clusters, reverse=True)


def test_devanagari_conjuncts_are_formed():
    drawn, clusters = _shaped("अनुष्का")

    assert len(clusters) < len("अनुष्का")  # ष्क: two letters and a virama in fewer glyphs


def test_latin_text_is_drawn_as_it_is():
    glyphs, width = badge_pdf.shaped("Amina Diallo", "badge-NotoSans-Bold")

    assert glyphs == "Amina Diallo" and not hasattr(glyphs, "__shapeData__")
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert width == stringWidth("Amina Diallo", "badge-NotoSans-Bold", 1)


def test_long_arabic_name_shrinks_by_its_shaped_width():
    name = "عبد الرحمن بن محمد بن عبد العزيز آل سعود القحطاني"
    font = badge_pdf.font_for(name, bold=True)

    size = badge_pdf.fit_font_size(name, font, width=badge_pdf.TEXT_WIDTH, largest=28, smallest=6)

    _, unit_width = badge_pdf.shaped(name, font)
    assert size is not None and size < 28
    assert unit_width * size <= badge_pdf.TEXT_WIDTH < unit_width * (size + 0.5)


def test_badges_in_four_scripts_render_and_their_qr_codes_decode(tmp_path):
    event = make_event()
    names = [("فاطمة", "الزهراء"), ("שרה", "לוי"), ("민준", "김"), ("अनुष्का", "शर्मा")]
    registrations = [
        RegistrationFactory(event=event, user=None, first_name=first, last_name=last) for first, last in names
    ]

    pdf = badge_pdf.render_badges_pdf(registrations, layout=BadgeBatch.Layout.A4_FOUR)

    (page,) = rasterise(pdf, tmp_path)
    assert decoded_codes(page) == sorted(badge_tokens.badge_token(r) for r in registrations)


def test_non_latin_names_are_drawn_as_text_in_the_pdf():
    event = make_event()
    names = [("Дмитрий", "Иванов"), ("小明", "王"), ("Νίκος", "Παπαδόπουλος")]
    registrations = [
        RegistrationFactory(event=event, user=None, first_name=first, last_name=last) for first, last in names
    ]

    text = pdf_text(badge_pdf.render_badges_pdf(registrations))

    assert [
        line for line in text.splitlines() if line.strip() in {"Дмитрий Иванов", "小明 王", "Νίκος Παπαδόπουλος"}
    ] == [
        "Дмитрий Иванов",
        "小明 王",
        "Νίκος Παπαδόπουλος",
    ]


def test_long_names_shrink_to_fit_the_badge_width():
    font = badge_pdf.font_for("Maximiliana", bold=True)
    short = badge_pdf.fit_font_size("Ana Li", font, width=badge_pdf.TEXT_WIDTH, largest=28, smallest=16)
    long_name = "Maximiliana Alexandrovna Konstantinopoulou-Rutherford"
    shrunk = badge_pdf.fit_font_size(long_name, font, width=badge_pdf.TEXT_WIDTH, largest=28, smallest=6)

    assert short == 28
    assert 6 <= shrunk < 16
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert stringWidth(long_name, font, shrunk) <= badge_pdf.TEXT_WIDTH < stringWidth(long_name, font, shrunk + 0.5)


def test_long_name_on_badge_breaks_into_two_lines_that_fit():
    registration = RegistrationFactory(
        user=None, first_name="Maximiliana Alexandrovna", last_name="Konstantinopoulou-Rutherford"
    )

    text = pdf_text(badge_pdf.render_badges_pdf([registration]))

    assert "Maximiliana Alexandrovna\nKonstantinopoulou-Rutherford" in text


def test_a_name_mixing_latin_and_arabic_is_drawn():
    """HarfBuzz gives a plain string back for some texts (this one, in
    DejaVu Sans): the text is drawn as it is."""
    registration = RegistrationFactory(first_name="Amina", last_name="Diallo وليد")

    text = pdf_text(badge_pdf.render_badges_pdf([registration]))

    assert text.split()[text.split().index("Amina") + 1] == "Diallo"
