"""The official list of participants as a PDF: A4, two columns, in the order
of precedence (``selectors.participant_list``), in the list's language.

Page one opens with the event, "List of participants", draft or final and
the date; every page has the page number ("Page 2 of 9") and, for a draft,
"DRAFT" in its header and across the page. Category headings, delegation
headings (both repeated, "continued", at the top of a column that carries
one on) and one entry per person: honorific and name, position,
organisation. Names in any script the badge fonts cover
(``registration.badges.pdf``: Noto, shaped by HarfBuzz where letters join).

The layout is worked out first (where every line goes, page by page), then
drawn, so each page can say how many pages there are."""

from __future__ import annotations

import datetime
import io
import math
from dataclasses import dataclass, field

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from registration.badges.pdf import event_heading, font_for, shaped
from registration.official_list.selectors import ListedPerson, ParticipantList
from sessions.i18n import event_texts, event_title
from sessions.models import EventPage

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
COLUMNS = 2
GUTTER = 8 * mm
COLUMN_WIDTH = (PAGE_WIDTH - 2 * MARGIN - (COLUMNS - 1) * GUTTER) / COLUMNS
HEADER_HEIGHT = 10 * mm  # the running header of every page but the first
FOOTER_Y = MARGIN - 8 * mm
BOTTOM = MARGIN
HEADING_COLOUR = HexColor("#1f5f8b")  # the site's brand blue: 6.6:1 on white
RULE_COLOUR = HexColor("#8a8a8a")
WATERMARK_COLOUR = HexColor("#e3e3e3")
DRAFT_COLOUR = HexColor("#b00020")
DRAFT_MARK_WIDTH = 25 * mm  # kept free for it in the top right corner


@dataclass(frozen=True)
class Style:
    size: float
    leading: float
    bold: bool = False
    colour: object = black


TITLE = Style(18, 22, bold=True)
SUBTITLE = Style(10, 13)
LIST_TITLE = Style(14, 18, bold=True)
CATEGORY = Style(12.5, 15, bold=True, colour=HEADING_COLOUR)
GROUP = Style(10.5, 13, bold=True)
NAME = Style(9.5, 12, bold=True)
DETAIL = Style(8.5, 10.5)
HEAD = Style(8.5, 10.5, colour=HEADING_COLOUR)
SMALL = Style(8, 10)


@dataclass(frozen=True)
class TextOp:
    x: float
    y: float  # the baseline
    text: str
    font: str
    style: Style


@dataclass(frozen=True)
class RuleOp:
    x: float
    y: float
    width: float


@dataclass
class Block:
    """Lines that stay together in one column, with the space kept above
    them (dropped at the top of a column) and below them."""

    lines: list[tuple[str, str, Style]] = field(default_factory=list)  # (text, font, style)
    space_before: float = 0
    space_after: float = 0
    rule_after: bool = False

    @property
    def height(self) -> float:
        return sum(style.leading for _text, _font, style in self.lines) + self.space_after


def wrap(text: str, *, style: Style, width: float) -> list[tuple[str, str, Style]]:
    """``text`` in lines no wider than ``width``, in a font that draws all of
    it: words kept whole unless one alone is too wide."""
    text = " ".join(text.split())
    if not text:
        return []
    font = font_for(text, bold=style.bold)
    space = shaped(" ", font)[1] * style.size
    lines, current, current_width = [], [], 0.0
    for word in text.split(" "):
        for piece in _pieces(word, font, style.size, width):
            piece_width = shaped(piece, font)[1] * style.size
            if current and current_width + space + piece_width > width:
                lines.append(" ".join(current))
                current, current_width = [piece], piece_width
            else:
                current_width += (space if current else 0) + piece_width
                current.append(piece)
    if current:
        lines.append(" ".join(current))
    return [(line, font, style) for line in lines]


def _pieces(word: str, font: str, size: float, width: float) -> list[str]:
    """The word, or pieces of it that each fit ``width``."""
    if shaped(word, font)[1] * size <= width:
        return [word]
    pieces, current = [], ""
    for char in word:
        if current and shaped(current + char, font)[1] * size > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def category_block(name: str, *, continued: bool = False) -> Block:
    if continued:
        name = gettext("%(name)s (continued)") % {"name": name}
    return Block(wrap(name, style=CATEGORY, width=COLUMN_WIDTH), space_before=10, space_after=5, rule_after=True)


def group_block(name: str, *, continued: bool = False) -> Block:
    if continued:
        name = gettext("%(name)s (continued)") % {"name": name}
    return Block(wrap(name, style=GROUP, width=COLUMN_WIDTH), space_before=6, space_after=3)


def person_block(person: ListedPerson) -> Block:
    lines = wrap(person.full_name, style=NAME, width=COLUMN_WIDTH)
    if person.is_head:
        lines += wrap(gettext("Head of delegation"), style=HEAD, width=COLUMN_WIDTH)
    for detail in (person.position, person.organisation):
        lines += wrap(detail, style=DETAIL, width=COLUMN_WIDTH)
    return Block(lines, space_after=4)


class Flow:
    """Places blocks down the columns of one page after another."""

    def __init__(self, *, first_top: float, top: float):
        self.first_top, self.top = first_top, top
        self.pages: list[list[TextOp | RuleOp]] = [[]]
        self.column = 0
        self.y = first_top
        self.at_column_top = True

    @property
    def x(self) -> float:
        return MARGIN + self.column * (COLUMN_WIDTH + GUTTER)

    def room(self) -> float:
        return self.y - BOTTOM

    def fits(self, height: float, space_before: float = 0) -> bool:
        return self.at_column_top or height + space_before <= self.room()

    def next_column(self) -> None:
        self.column += 1
        if self.column == COLUMNS:
            self.column = 0
            self.pages.append([])
        # Page one's columns all start below its title.
        self.y = self.first_top if len(self.pages) == 1 else self.top
        self.at_column_top = True

    def place(self, block: Block) -> None:
        if not self.at_column_top:
            self.y -= block.space_before
        ops = self.pages[-1]
        for text, font, style in block.lines:
            self.y -= style.leading
            ops.append(TextOp(self.x, self.y + (style.leading - style.size) * 0.9, text, font, style))
        if block.rule_after:
            ops.append(RuleOp(self.x, self.y - 1.5, COLUMN_WIDTH))
        self.y -= block.space_after
        self.at_column_top = False


def lay_out(listing: ParticipantList, *, first_top: float) -> list[list[TextOp | RuleOp]]:
    """Every line of the list, page by page. A heading never ends a column:
    it goes with the first entry under it. A column that carries on a
    category (or a delegation) starts with its heading again, "continued"."""
    flow = Flow(first_top=first_top, top=PAGE_HEIGHT - MARGIN - HEADER_HEIGHT)
    for category in listing.categories:
        heading = category_block(category.name)
        for index, group in enumerate(category.groups):
            group_heading = group_block(group.name)
            people = [person_block(person) for person in group.people]
            together = group_heading.height + group_heading.space_before + people[0].height
            if index == 0:
                together += heading.height + heading.space_before
            if not flow.fits(together):
                flow.next_column()
                if index:
                    flow.place(category_block(category.name, continued=True))
            if index == 0:
                flow.place(heading)
            flow.place(group_heading)
            for block in people:
                if not flow.fits(block.height):
                    flow.next_column()
                    flow.place(category_block(category.name, continued=True))
                    flow.place(group_block(group.name, continued=True))
                flow.place(block)
    return flow.pages


# --- drawing ---------------------------------------------------------------------------


def _draw_text(canvas: Canvas, op: TextOp) -> None:
    glyphs, _width = shaped(op.text, op.font)
    canvas.setFillColor(op.style.colour)
    canvas.setFont(op.font, op.style.size)
    canvas.drawString(op.x, op.y, glyphs)


def _draw_centred(canvas: Canvas, text: str, *, style: Style, y: float, colour=black) -> None:
    font = font_for(text, bold=style.bold)
    glyphs, width = shaped(text, font)
    canvas.setFillColor(colour)
    canvas.setFont(font, style.size)
    canvas.drawString((PAGE_WIDTH - width * style.size) / 2, y, glyphs)


def _draw_watermark(canvas: Canvas, text: str) -> None:
    """``text`` in large light letters across the page, under everything."""
    font = font_for(text, bold=True)
    glyphs, unit_width = shaped(text, font)
    diagonal = math.hypot(PAGE_WIDTH, PAGE_HEIGHT)
    size = min(120, 0.7 * diagonal / max(unit_width, 0.01))
    canvas.saveState()
    canvas.setFillColor(WATERMARK_COLOUR)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(math.degrees(math.atan2(PAGE_HEIGHT, PAGE_WIDTH)))
    canvas.setFont(font, size)
    canvas.drawString(-unit_width * size / 2, -size / 3, glyphs)
    canvas.restoreState()


def _title_block(event: EventPage, *, final: bool, built_on: datetime.date) -> tuple[list[TextOp], float]:
    """Page one's heading, and where the columns start below it."""
    heading = event_heading(event)  # in the active language, the list's
    city = event_texts(event).venue_city
    where = f"{heading.dates} · {city}" if city else heading.dates
    status = gettext("Final") if final else gettext("Draft")
    width = PAGE_WIDTH - 2 * MARGIN - DRAFT_MARK_WIDTH  # clear of the corner's draft mark
    lines = [
        *wrap(heading.title, style=TITLE, width=width),
        *wrap(where, style=SUBTITLE, width=width),
        *wrap(gettext("List of participants"), style=LIST_TITLE, width=width),
        *wrap(f"{status} · {date_format(built_on, 'j F Y')}", style=SUBTITLE, width=width),
    ]
    ops, y = [], PAGE_HEIGHT - MARGIN
    for index, (text, font, style) in enumerate(lines):
        if style is LIST_TITLE and index:
            y -= 6
        y -= style.leading
        ops.append(TextOp(MARGIN, y + (style.leading - style.size) * 0.9, text, font, style))
    return ops, y - 8 * mm


def _draw_page_header(canvas: Canvas, *, number: int, header: str, draft: str) -> None:
    """The running header (from page two) and the draft mark of a page."""
    top = PAGE_HEIGHT - MARGIN
    if number > 1:
        font = font_for(header)
        canvas.setFillColor(black)
        canvas.setFont(font, SMALL.size)
        canvas.drawString(MARGIN, top - SMALL.size, shaped(header, font)[0])
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, top - HEADER_HEIGHT + 3 * mm, PAGE_WIDTH - MARGIN, top - HEADER_HEIGHT + 3 * mm)
    if draft:
        font = font_for(draft, bold=True)
        glyphs, width = shaped(draft, font)
        canvas.setFillColor(DRAFT_COLOUR)
        canvas.setFont(font, 9)
        canvas.drawString(PAGE_WIDTH - MARGIN - width * 9, top - 9, glyphs)


def _draw_page_number(canvas: Canvas, *, number: int, total: int) -> None:
    page = gettext("Page %(number)s of %(total)s") % {"number": number, "total": total}
    _draw_centred(canvas, page, style=SMALL, y=FOOTER_Y)


def render_participant_list_pdf(
    listing: ParticipantList,
    *,
    event: EventPage,
    final: bool,
    built_on: datetime.date | None = None,
) -> bytes:
    """The list as a PDF, in the list's language (``listing.language``)."""
    with translation.override(listing.language):
        built_on = built_on or timezone.localdate(timezone=event.tz)
        title_ops, first_top = _title_block(event, final=final, built_on=built_on)
        pages = lay_out(listing, first_top=first_top)
        pages[0] = [*title_ops, *pages[0]]
        if listing.total == 0:
            nobody = gettext("Nobody is listed yet.")
            pages[0].append(TextOp(MARGIN, first_top - DETAIL.leading, nobody, font_for(nobody), DETAIL))
        draft = "" if final else gettext("DRAFT")
        header = f"{event_title(event)} · {gettext('List of participants')}"

        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
        canvas.setTitle(header)
        canvas.setSubject(gettext("Final") if final else gettext("Draft"))
        for number, ops in enumerate(pages, start=1):
            # In reading order: what extracts the text (copying, a screen
            # reader) follows the content stream.
            if draft:
                _draw_watermark(canvas, draft)
            _draw_page_header(canvas, number=number, header=header, draft=draft)
            for op in ops:
                if isinstance(op, RuleOp):
                    canvas.setStrokeColor(RULE_COLOUR)
                    canvas.setLineWidth(0.6)
                    canvas.line(op.x, op.y, op.x + op.width, op.y)
                else:
                    _draw_text(canvas, op)
            _draw_page_number(canvas, number=number, total=len(pages))
            canvas.showPage()
        canvas.save()
    return buffer.getvalue()
