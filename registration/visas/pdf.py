"""A visa support letter as a one-page A4 PDF: the event's letterhead, the
number and date, the text in the letter's language, the signatory and
their signature, and a QR code of the public verification page. Built
whenever it is asked for, from the request (never stored: it holds the
passport details)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from registration.badges.pdf import draw_qr, font_for
from registration.visas.letters import LETTER_TITLE, letter_paragraphs
from registration.visas.models import VisaLetterRequest, VisaLetterSettings
from registration.visas.verification import verification_url
from sessions.i18n import event_title

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 25 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
BODY_SIZE = 10.5
LEADING = 14.5
QR_SIZE = 28 * mm
FOOT = 15 * mm  # the verification block's bottom
TEXT_BOTTOM = FOOT + QR_SIZE + 8 * mm  # text stays above it
SIGNATURE_HEIGHT = 22 * mm
GREY = HexColor("#444444")


def _read_image(field) -> ImageReader | None:
    """The letterhead or signature (None when there is none, or its file is gone)."""
    if not field:
        return None
    try:
        with field.open("rb") as handle:
            return ImageReader(io.BytesIO(handle.read()))
    except (FileNotFoundError, OSError):
        return None


class _Images:
    """The settings' images, read once for a batch of letters."""

    def __init__(self, settings: VisaLetterSettings | None):
        self.letterhead = _read_image(settings.letterhead) if settings else None
        self.signature = _read_image(settings.signature) if settings else None


def _draw_image(canvas: Canvas, image: ImageReader, *, x: float, top: float, max_width: float, max_height: float):
    width, height = image.getSize()
    scale = min(max_width / width, max_height / height)
    canvas.drawImage(image, x, top - height * scale, width * scale, height * scale, mask="auto")
    return height * scale


class _Writer:
    """Draws one letter, page after page: text that would reach the
    verification block at the foot of the page goes on to a new page, and
    every page carries that block (its QR code and URL)."""

    def __init__(self, canvas: Canvas, request: VisaLetterRequest):
        self.canvas, self.request = canvas, request

    def lines(self, text: str, *, x: float, y: float, size: float, bold: bool = False) -> float:
        font = font_for(text, bold=bold)
        self.canvas.setFont(font, size)
        for line in simpleSplit(text, font, size, TEXT_WIDTH):
            if y < TEXT_BOTTOM:
                y = self.new_page()
                self.canvas.setFont(font, size)
            self.canvas.drawString(x, y, line)
            y -= LEADING
        return y

    def room(self, y: float, height: float) -> float:
        """``y``, or the top of a new page when ``height`` does not fit above the foot."""
        return self.new_page() if y - height < TEXT_BOTTOM else y

    def new_page(self) -> float:
        self.foot()
        self.canvas.showPage()
        self.canvas.setFillColor(black)
        return PAGE_HEIGHT - MARGIN

    def foot(self) -> None:
        canvas, number = self.canvas, self.request.number
        url = verification_url(number)
        draw_qr(canvas, url, x=MARGIN, y=FOOT, size=QR_SIZE)
        canvas.setFillColor(GREY)
        note_x = MARGIN + QR_SIZE + 6 * mm
        note = gettext("Check this letter (number %(number)s):") % {"number": number}
        canvas.setFont(font_for(note), 9)
        canvas.drawString(note_x, FOOT + QR_SIZE - 9, note)
        canvas.setFont(font_for(url), 9)
        canvas.drawString(note_x, FOOT + QR_SIZE - 22, url)
        canvas.setFillColor(black)


def draw_letter(canvas: Canvas, request: VisaLetterRequest, settings: VisaLetterSettings | None, images: _Images):
    """The letter from the top of the current page; the caller ends its last page."""
    event = request.event
    writer = _Writer(canvas, request)
    top = PAGE_HEIGHT - 15 * mm
    if images.letterhead is not None:
        top -= (
            _draw_image(canvas, images.letterhead, x=MARGIN, top=top, max_width=TEXT_WIDTH, max_height=35 * mm) + 8 * mm
        )
    else:
        title = str(event_title(event, request.language))
        canvas.setFillColor(black)
        top = writer.lines(title, x=MARGIN, y=top - 10 * mm, size=14, bold=True) - 6 * mm

    canvas.setFillColor(black)
    issued = request.decided_at.date() if request.decided_at else None
    reference = gettext("No. %(number)s") % {"number": request.number}
    font = font_for(reference)
    canvas.setFont(font, BODY_SIZE)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, top, reference)
    if issued:
        canvas.drawRightString(PAGE_WIDTH - MARGIN, top - LEADING, date_format(issued, "j F Y"))
    y = top - 3 * LEADING

    y = writer.lines(str(LETTER_TITLE), x=MARGIN, y=y, size=13, bold=True) - LEADING / 2
    for paragraph in letter_paragraphs(request, settings):
        y = writer.lines(paragraph, x=MARGIN, y=y, size=BODY_SIZE) - LEADING / 2

    y -= LEADING
    if images.signature is not None:
        y = writer.room(y, SIGNATURE_HEIGHT + 2 * LEADING)
        y -= _draw_image(canvas, images.signature, x=MARGIN, top=y, max_width=60 * mm, max_height=SIGNATURE_HEIGHT)
        y -= 2 * mm
    else:
        y = writer.room(y, 10 * mm + 2 * LEADING) - 10 * mm
    if settings and settings.signatory_name:
        y = writer.lines(settings.signatory_name, x=MARGIN, y=y, size=BODY_SIZE, bold=True)
    if settings:
        title = str(settings.translated("signatory_title", request.language))
        if title:
            writer.lines(title, x=MARGIN, y=y, size=BODY_SIZE)
    writer.foot()


def render_letters_pdf(requests: Iterable[VisaLetterRequest], settings: VisaLetterSettings | None) -> bytes:
    """Each letter on its own page or pages (all of one event), each in its own language."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(str(LETTER_TITLE))
    canvas.setAuthor("")
    images = _Images(settings)
    for request in requests:
        with translation.override(request.language):
            draw_letter(canvas, request, settings, images)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_letter_pdf(request: VisaLetterRequest, settings: VisaLetterSettings | None) -> bytes:
    return render_letters_pdf([request], settings)
