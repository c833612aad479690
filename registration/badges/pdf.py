"""The badge PDFs: one A6 badge per registration (name, organisation,
category band, QR code of its token), single pages or four to an A4 sheet
with cut marks; names in any script the installed fonts cover."""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import qrcode
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeStr
from reportlab.pdfgen.canvas import Canvas

from home.translated import language_code
from registration.badges.models import BadgeBatch
from registration.badges.signing import BadgeSigner, current_signer
from registration.badges.tokens import badge_token
from registration.models import Registration
from sessions.i18n import event_texts_kept, event_title

# A fixed mask spares qrcode trying all eight and scoring each (90% of the
# time it takes); any mask is valid, the score only picks the prettiest.
QR_MASK_PATTERN = 2


def _qr(text: str) -> qrcode.QRCode:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=QR_MASK_PATTERN)
    qr.add_data(text)
    qr.make(fit=True)
    return qr


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules (True = dark) at error correction M, without quiet zone."""
    return _qr(text).get_matrix()


def qr_version(text: str) -> int:
    return _qr(text).version


# --- fonts -------------------------------------------------------------------------------

FONT_DIRS = (
    Path(__file__).resolve().parents[1] / "fonts",  # registration/fonts: a TTF dropped there wins
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/nanum"),
    Path("/usr/share/fonts/truetype/droid"),
)
# (regular file, bold file): tried in this order; the first font that has a
# glyph for every character of a text draws it.
FONT_CANDIDATES = (
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
    ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
    ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
    ("NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf"),
    ("NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf"),
    ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
    ("NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf"),
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf"),
    ("NanumGothic.ttf", "NanumGothicBold.ttf"),
)
# Scripts whose letters join, reorder or stack (Hebrew, Arabic, Syriac,
# Thaana, the Indic scripts, Thai, Lao, Tibetan, Myanmar, Khmer, and their
# presentation forms): drawn through HarfBuzz.
SHAPED_RANGES = ((0x0590, 0x10FF), (0x1780, 0x18AF), (0xFB1D, 0xFEFF))


def _font_path(filename: str) -> Path | None:
    for directory in FONT_DIRS:
        if (directory / filename).exists():
            return directory / filename
    return None


@functools.cache
def _font(filename: str) -> TTFont | None:
    """Register a TTF with reportlab once per process; None if not installed."""
    path = _font_path(filename)
    if path is None:
        return None
    font = TTFont(f"badge-{path.stem}", str(path))
    pdfmetrics.registerFont(font)
    return font


@functools.cache
def font_for(text: str, *, bold: bool = False) -> str:
    """The registered font name that can draw every character of ``text``."""
    needed = {ord(char) for char in text if not char.isspace()}
    for regular, bold_file in FONT_CANDIDATES:
        font = _font(bold_file if bold else regular) or _font(regular)
        if font is not None and needed <= font.face.charToGlyph.keys():
            return font.fontName
    fallback = _font("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf") or _font("DejaVuSans.ttf")
    return fallback.fontName if fallback else ("Helvetica-Bold" if bold else "Helvetica")


def needs_shaping(text: str) -> bool:
    return any(any(low <= ord(char) <= high for low, high in SHAPED_RANGES) for char in text)


@functools.lru_cache(maxsize=4096)
def shaped(text: str, font: str) -> tuple[str, float]:
    """``text`` ready to draw in ``font``, and its width at 1 pt. HarfBuzz
    shapes the scripts that need it (joined Arabic letters, Indic conjuncts)
    and lays a right-to-left name out in reading order; one name in one
    direction, that is: mixing scripts of both directions in one line is not
    reordered. Everything else is drawn as it is."""
    if needs_shaping(text):
        glyphs = shapeStr(text, font, 1)
        # A plain string back when HarfBuzz changed nothing (or cannot use the font).
        if hasattr(glyphs, "__shapeData__"):
            return glyphs, sum(glyph.x_advance for glyph in glyphs.__shapeData__) / 1000
    return text, pdfmetrics.stringWidth(text, font, 1)


# --- drawing ---------------------------------------------------------------------------

BADGE_WIDTH, BADGE_HEIGHT = A6
MARGIN = 8 * mm
TEXT_WIDTH = BADGE_WIDTH - 2 * MARGIN
BAND_HEIGHT = 20 * mm
QR_SIZE = 40 * mm


@dataclass(frozen=True)
class EventHeading:
    title: str
    dates: str


def event_heading(event, language: str | None = None) -> EventHeading:
    """The event's name in ``language`` (default: the active one) and its
    dates, written in the active language."""
    start, end = event.start_date, event.end_date
    if start == end:
        dates = date_format(start, "j F Y")
    elif (start.year, start.month) == (end.year, end.month):
        dates = f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    elif start.year == end.year:
        dates = f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    else:
        dates = f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"
    return EventHeading(title=event_title(event, language), dates=dates)


def _text_colour_on(background: str):
    colour = HexColor(background) if re.fullmatch(r"#[0-9a-fA-F]{6}", background or "") else HexColor("#1f5f8b")
    luminance = 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue
    return colour, (black if luminance > 0.6 else white)


def fit_font_size(text: str, font: str, *, width: float, largest: float, smallest: float) -> float | None:
    """The largest size (in 0.5 pt steps) at which ``text`` fits ``width``."""
    _, unit_width = shaped(text, font)
    size = largest
    while size >= smallest:
        if unit_width * size <= width:
            return size
        size -= 0.5
    return None


def _draw_centred(canvas: Canvas, text: str, *, font: str, size: float, x: float, y: float) -> None:
    glyphs, unit_width = shaped(text, font)
    canvas.setFont(font, size)
    canvas.drawString(x - unit_width * size / 2, y, glyphs)


def _split_in_two(text: str) -> tuple[str, str] | None:
    words = text.split()
    if len(words) < 2:
        return None
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return " ".join(words[:best]), " ".join(words[best:])


def _draw_fitted(canvas: Canvas, text: str, *, x: float, y: float, largest: float, smallest: float, bold=False):
    """Centred on ``x``; shrinks to fit; cut with an ellipsis as a last resort."""
    if not text:
        return
    font = font_for(text, bold=bold)
    shown = text
    size = fit_font_size(shown, font, width=TEXT_WIDTH, largest=largest, smallest=smallest)
    if size is None:
        size = smallest
        while len(shown) > 1 and shaped(shown + "…", font)[1] * size > TEXT_WIDTH:
            shown = shown[:-1]
        shown += "…"
    _draw_centred(canvas, shown, font=font, size=size, x=x, y=y)


def _draw_name(canvas: Canvas, name: str, *, x: float, top: float) -> None:
    """The full name, large: one line shrinking from 28 to 16 pt, else two
    lines from 22 pt down, else one cut line."""
    font = font_for(name, bold=True)
    size = fit_font_size(name, font, width=TEXT_WIDTH, largest=28, smallest=16)
    if size is not None:
        _draw_centred(canvas, name, font=font, size=size, x=x, y=top - size)
        return
    halves = _split_in_two(name)
    if halves:
        size = min(fit_font_size(line, font, width=TEXT_WIDTH, largest=22, smallest=9) or 9 for line in halves)
        for index, line in enumerate(halves):
            _draw_fitted(canvas, line, x=x, y=top - size * (1.15 * index + 1), largest=size, smallest=size, bold=True)
        return
    _draw_fitted(canvas, name, x=x, y=top - 16, largest=16, smallest=9, bold=True)


def draw_qr(canvas: Canvas, text: str, *, x: float, y: float, size: float) -> None:
    """The QR code as vector squares (runs of dark modules merged into one
    rectangle), ``(x, y)`` its lower left corner, quiet zone outside. Drawn
    in module units (whole numbers) so the PDF stays small and quick."""
    matrix = qr_matrix(text)
    count = len(matrix)
    canvas.saveState()
    canvas.translate(x, y + size)
    canvas.scale(size / count, -size / count)
    rectangles = []
    for row_index, row in enumerate(matrix):
        column = 0
        while column < count:
            if row[column]:
                start = column
                while column < count and row[column]:
                    column += 1
                rectangles.append(f"{start} {row_index} {column - start} 1 re")
            else:
                column += 1
    canvas.setFillColor(black)
    # Whole-number "re" operators written directly, then one fill ("f"):
    # reportlab's path API formats every number in Python, 3x slower.
    canvas.addLiteral("\n".join(rectangles) + "\nf")
    canvas.restoreState()


def draw_badge(
    canvas: Canvas,
    registration: Registration,
    heading: EventHeading,
    *,
    x: float,
    y: float,
    signer: BadgeSigner | None = None,
) -> None:
    """One A6 badge with its lower left corner at (x, y); ``signer`` is the
    event's badge key (looked up when not given)."""
    centre = x + BADGE_WIDTH / 2
    top = y + BADGE_HEIGHT
    canvas.setFillColor(black)
    _draw_fitted(canvas, heading.title, x=centre, y=top - MARGIN - 11, largest=12, smallest=7, bold=True)
    _draw_fitted(canvas, heading.dates, x=centre, y=top - MARGIN - 24, largest=9, smallest=7)

    _draw_name(canvas, registration.full_name, x=centre, top=top - 34 * mm)
    _draw_fitted(canvas, registration.organisation, x=centre, y=top - 58 * mm, largest=13, smallest=7)
    country = str(registration.country.name) if registration.country else ""
    _draw_fitted(canvas, country, x=centre, y=top - 64 * mm, largest=10, smallest=7)

    qr_bottom = y + BAND_HEIGHT + 9 * mm
    draw_qr(canvas, badge_token(registration, signer=signer), x=centre - QR_SIZE / 2, y=qr_bottom, size=QR_SIZE)
    canvas.setFillColor(black)
    _draw_centred(
        canvas, registration.reference, font=font_for(registration.reference), size=7, x=centre, y=qr_bottom - 4 * mm
    )

    background, foreground = _text_colour_on(registration.category.badge_colour)
    canvas.setFillColor(background)
    canvas.rect(x, y, BADGE_WIDTH, BAND_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(foreground)
    category = registration.category.translated("name")  # in the badge's language (active)
    _draw_fitted(canvas, category, x=centre, y=y + BAND_HEIGHT / 2 - 6, largest=18, smallest=8, bold=True)


def render_badges_pdf(
    registrations: Iterable[Registration],
    *,
    layout: str = BadgeBatch.Layout.A6,
    language: str | None = None,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 100,
) -> bytes:
    """A PDF of the given badges, in the given order: single A6 pages, or A4
    sheets of four A6 badges (two by two, no margins, cut along the middle).
    Each badge is in its person's preferred language (event name, dates,
    country, category), or all in ``language`` when one is given.
    ``progress(n)`` is called every ``progress_every`` badges and at the end."""
    buffer = io.BytesIO()
    four_up = layout == BadgeBatch.Layout.A4_FOUR
    canvas = Canvas(buffer, pagesize=A4 if four_up else A6, pageCompression=1)
    canvas.setTitle("Badges")
    positions = [(0, BADGE_HEIGHT), (BADGE_WIDTH, BADGE_HEIGHT), (0, 0), (BADGE_WIDTH, 0)] if four_up else [(0, 0)]
    headings: dict[tuple[int, str], EventHeading] = {}
    signers: dict[int, BadgeSigner] = {}
    count = 0
    # Each event's name is read once for the whole batch, in every language.
    with event_texts_kept(), translation.override(language or translation.get_language()):
        for registration in registrations:
            slot = count % len(positions)
            if count and slot == 0:
                canvas.showPage()
            if four_up and slot == 0:
                _draw_cut_marks(canvas)
            code = language_code(language or registration.preferred_language)
            with translation.override(code):
                if (registration.event_id, code) not in headings:
                    headings[registration.event_id, code] = event_heading(registration.event, code)
                if registration.event_id not in signers:
                    signers[registration.event_id] = current_signer(registration.event_id)
                x, y = positions[slot]
                draw_badge(
                    canvas,
                    registration,
                    headings[registration.event_id, code],
                    x=x,
                    y=y,
                    signer=signers[registration.event_id],
                )
            count += 1
            if progress and count % progress_every == 0:
                progress(count)
        if count == 0:
            canvas.setFont(font_for("No badges"), 12)
            canvas.drawString(MARGIN, BADGE_HEIGHT / 2, gettext("No badges to print."))
    canvas.showPage()
    canvas.save()
    if progress:
        progress(count)
    return buffer.getvalue()


def _draw_cut_marks(canvas: Canvas) -> None:
    canvas.setStrokeColor(HexColor("#999999"))
    canvas.setLineWidth(0.3)
    width, height = A4
    canvas.line(width / 2, height - 4 * mm, width / 2, height)
    canvas.line(width / 2, 0, width / 2, 4 * mm)
    canvas.line(0, height / 2, 4 * mm, height / 2)
    canvas.line(width - 4 * mm, height / 2, width, height / 2)
