"""The list's PDF, read back with poppler's pdftotext: the title header,
the order of precedence, draft marks and page numbers, the list's language."""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext

from registration.official_list.pdf import COLUMN_WIDTH, NAME, render_participant_list_pdf, wrap
from registration.official_list.selectors import participant_list
from tests.factories import CategoryFactory, DelegationFactory, make_event
from tests.helpers import make_listed_person, pdf_text

BUILT_ON = datetime.date(2026, 12, 2)

ENGLISH_SEQUENCE = [
    "Member States",
    "Brazil",
    "João Silva",
    "Colombia",
    "Camila Gómez",
    "Côte d'Ivoire",
    "Yao Kouassi",
    "Awa Traoré",
    "Croatia",
    "Ivan Horvat",
    "France",
    "Claire Martin",
    "Germany",
    "H.E. Mr Karl Schmidt",
    "Lena Becker",
    "Jonas Wagner",
    "United States of America",
    "H.E. Ms Laura Zimmerman",
    "Mr John Adams",
    "Ms Ana Ávila",
    "Observers",
    "African Union",
    "Moussa Mahamat",
    "Senegal",
    "Amina Diallo",
    "UNESCO",
    "Audrey Azoulay",
    "Civil society",
    "Nigeria",
    "Chidi Okafor",
]


def render(event, *, language="en", final=False) -> bytes:
    return render_participant_list_pdf(
        participant_list(event=event, language=language), event=event, final=final, built_on=BUILT_ON
    )


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def pages_of(pdf: bytes) -> list[list[str]]:
    """Each page's lines, in the order the PDF draws them, without the
    letters of the draft mark across the page (drawn first, each on a line
    of its own: see ``watermarks``)."""
    return [[line for line in page if len(line) > 1] for page in _raw_pages(pdf)]


def watermarks(pdf: bytes) -> list[str]:
    """The letters drawn one by one across each page."""
    return ["".join(line for line in page if len(line) == 1) for page in _raw_pages(pdf)]


def _raw_pages(pdf: bytes) -> list[list[str]]:
    return [lines_of(page) for page in pdf_text(pdf, raw=True).split("\f")[:-1]]


def test_names_and_headings_in_precedence_order(protocol_event):
    lines = lines_of(pdf_text(render(protocol_event.event), raw=True))

    assert [line for line in lines if line in ENGLISH_SEQUENCE] == ENGLISH_SEQUENCE
    zimmerman = lines.index("H.E. Ms Laura Zimmerman")
    assert lines[zimmerman + 1 : zimmerman + 4] == [
        "Head of delegation",
        "Ambassador",
        "Permanent Mission of the United States",
    ]


def test_people_left_out_of_the_list_are_not_in_the_pdf(protocol_event):
    text = pdf_text(render(protocol_event.event), raw=True)

    assert [
        name for name in ("Declined", "Unclaimed", "pending", "cancelled", "waitlisted", "Elsewhere") if name in text
    ] == []


def test_title_header_of_a_draft(protocol_event):
    pdf = render(protocol_event.event)
    (page,) = pages_of(pdf)

    assert watermarks(pdf) == ["DRAFT"]
    assert page[:5] == [
        "DRAFT",  # in the corner
        "Forum on the ethics of AI",
        "24–26 June 2026 · Paris",
        "List of participants",
        "Draft · 2 December 2026",
    ]
    assert page[-1] == "Page 1 of 1"


def test_title_header_of_a_final_list_has_no_draft_mark(protocol_event):
    pdf = render(protocol_event.event, final=True)
    (page,) = pages_of(pdf)

    assert watermarks(pdf) == [""]
    assert page[:4] == [
        "Forum on the ethics of AI",
        "24–26 June 2026 · Paris",
        "List of participants",
        "Final · 2 December 2026",
    ]
    assert "DRAFT" not in page


@pytest.mark.django_db
def test_every_page_of_a_long_draft_is_marked_and_numbered():
    event = make_event(title="Forum on AI")
    category = CategoryFactory(event=event, name="Member States")
    delegation = DelegationFactory(event=event, country="KE")
    for n in range(150):
        make_listed_person(event, category, delegation=delegation, first_name="Wanjiru", last_name=f"Person {n:03d}")

    pdf = render(event)
    pages = pages_of(pdf)

    assert len(pages) >= 3
    assert watermarks(pdf) == ["DRAFT"] * len(pages)
    assert [page[-1] for page in pages] == [f"Page {n} of {len(pages)}" for n in range(1, len(pages) + 1)]
    # From page two: the running header, the draft mark at its end (on the
    # same line); the category and the delegation carried on are headed again.
    assert [page[:3] for page in pages[1:]] == [
        ["Forum on AI · List of participants DRAFT", "Member States (continued)", "Kenya (continued)"]
    ] * (len(pages) - 1)
    listed = [line for page in pages for line in page if line.startswith("Wanjiru Person")]
    assert listed == [f"Wanjiru Person {n:03d}" for n in range(150)]


def test_french_list_has_french_headings_country_names_and_order(protocol_event):
    pdf = render(protocol_event.event, language="fr", final=True)
    lines = lines_of(pdf_text(pdf, raw=True))

    countries = ["Allemagne", "Brésil", "Colombie", "Côte d'Ivoire", "Croatie", "États-Unis d'Amérique", "France"]
    assert [line for line in lines if line in countries] == countries
    assert [line for line in lines if line in ("Sénégal", "Senegal")] == ["Sénégal"]
    # The title header too, in French (the headings as the French catalogue has them).
    with translation.override("fr"):
        expected = [gettext("List of participants"), f"{gettext('Final')} · 2 décembre 2026"]
    assert lines[1:4] == ["24–26 juin 2026 · Paris", *expected]


def test_the_list_in_the_active_language_is_not_the_pdfs(protocol_event):
    with translation.override("fr"):
        pdf = render(protocol_event.event, language="en")

    lines = lines_of(pdf_text(pdf, raw=True))
    assert ("Germany" in lines, "Allemagne" in lines, "Draft · 2 December 2026" in lines) == (True, False, True)


@pytest.mark.django_db
def test_an_empty_list_says_so():
    (page,) = pages_of(render(make_event(title="Quiet forum"), final=True))

    assert page[2:] == ["List of participants", "Final · 2 December 2026", "Nobody is listed yet.", "Page 1 of 1"]


def test_long_text_wraps_within_the_column_keeping_every_word():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = "Director-General for Strategic Planning and International Cooperation on Artificial Intelligence " * 2

    lines = wrap(text, style=NAME, width=COLUMN_WIDTH)

    assert len(lines) > 2
    assert [stringWidth(line, font, NAME.size) <= COLUMN_WIDTH for line, font, _style in lines] == [True] * len(lines)
    assert " ".join(line for line, _font, _style in lines) == text.strip()


@pytest.mark.django_db
def test_names_in_other_scripts_are_drawn():
    event = make_event()
    category = CategoryFactory(event=event, name="Member States")
    make_listed_person(event, category, first_name="Дмитрий", last_name="Иванов", country="RU")
    make_listed_person(event, category, first_name="Amina", last_name="Diallo وليد", country="SN")

    lines = lines_of(pdf_text(render(event), raw=True))

    assert "Дмитрий Иванов" in lines
    assert [line.split()[:2] for line in lines if line.startswith("Amina")] == [["Amina", "Diallo"]]
