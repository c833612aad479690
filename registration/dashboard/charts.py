"""Charts as SVG drawn on the server: no script, no outside library, each
an image with a title and a description for screen readers (the figures
themselves are in the table the page shows beside it).

Colours are the Okabe–Ito palette (told apart with most colour vision
deficiencies), every one at least 3:1 against white."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56B4E9", "#000000"]
TEXT = "#1a1a1a"
GRID = "#c8c8c8"
FONT = 'font-family="system-ui, sans-serif"'


def _svg(*, key: str, title: str, description: str, width: int, height: int, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every text in it is escaped here
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{key}-title" aria-describedby="{key}-desc" data-chart="{key}" {FONT} font-size="12">'
        f'<title id="{key}-title">{escape(title)}</title><desc id="{key}-desc">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _nice_max(value: float) -> int:
    """A round axis maximum at or above ``value``, in four whole steps."""
    if value <= 4:
        return 4
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 4, 5, 8, 10):
        candidate = int(step * magnitude)
        if candidate >= value and candidate % 4 == 0:
            return candidate
    return -(-int(value) // 4) * 4


def horizontal_bars(
    *, key: str, title: str, description: str, rows: Sequence[tuple[str, int, int | None]]
) -> SafeString:
    """One bar per row (label, value, limit): the limit, when given, as an
    outlined bar behind (a category's capacity)."""
    label_width, bar_width, row_height = 230, 420, 26
    height = max(len(rows), 1) * row_height + 10
    largest = max([value for _label, value, _limit in rows] + [limit or 0 for *_rest, limit in rows] + [1])
    scale = bar_width / largest
    body = []
    for index, (label, value, limit) in enumerate(rows):
        y = 5 + index * row_height
        text = label if len(label) <= 34 else label[:33] + "…"
        body.append(f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" fill="{TEXT}">{escape(text)}</text>')
        if limit is not None:
            body.append(
                f'<rect x="{label_width}" y="{y + 3}" width="{limit * scale:.1f}" height="{row_height - 8}" '
                f'fill="none" stroke="{TEXT}" stroke-dasharray="4 3" data-limit="{limit}"/>'
            )
        body.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{value * scale:.1f}" height="{row_height - 8}" '
            f'fill="{PALETTE[0]}" data-value="{value}"/>'
        )
        figure = f"{value}" if limit is None else f"{value} / {limit}"
        body.append(
            f'<text x="{label_width + max(value, limit or 0) * scale + 6:.1f}" y="{y + 16}" fill="{TEXT}">'
            f"{escape(figure)}</text>"
        )
    return _svg(
        key=key, title=title, description=description, width=label_width + bar_width + 90, height=height, body=body
    )


def stacked_columns(
    *,
    key: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    line: tuple[str, Sequence[int]] | None = None,
) -> SafeString:
    """Columns over time, each stacked by series (statuses, gates); with a
    ``line`` (a running total) drawn on its own scale, read on the right."""
    left, right, top, bottom = 44, 56 if line else 12, 12, 60
    plot_width, plot_height = max(len(labels) * 14, 480), 200
    width, height = left + plot_width + right, top + plot_height + bottom
    totals = [sum(values[index] for _name, values in series) for index in range(len(labels))]
    axis = _nice_max(max(totals + [1]))
    slot = plot_width / max(len(labels), 1)
    column = min(slot * 0.7, 28)
    body = []
    for tick in range(5):
        value = axis * tick / 4
        y = top + plot_height - plot_height * tick / 4
        body.append(f'<line x1="{left}" x2="{left + plot_width}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">{value:g}</text>')
    for index, label in enumerate(labels):
        x, base = left + index * slot, top + plot_height
        for number, (name, values) in enumerate(series):
            value = values[index]
            if not value:
                continue
            bar = plot_height * value / axis
            base -= bar
            body.append(
                f'<rect x="{x + (slot - column) / 2:.1f}" y="{base:.1f}" width="{column:.1f}" height="{bar:.1f}" '
                f'fill="{PALETTE[number % len(PALETTE)]}"><title>{escape(label)}, {escape(name)}: {value}</title></rect>'
            )
        every = max(1, len(labels) // 12)
        if index % every == 0:
            body.append(
                f'<text x="{x + slot / 2:.1f}" y="{top + plot_height + 14}" text-anchor="end" fill="{TEXT}" '
                f'transform="rotate(-40 {x + slot / 2:.1f} {top + plot_height + 14})">{escape(label)}</text>'
            )
    if line is not None:
        name, values = line
        line_axis = _nice_max(max(list(values) + [1]))
        points = " ".join(
            f"{left + (index + 0.5) * slot:.1f},{top + plot_height - plot_height * value / line_axis:.1f}"
            for index, value in enumerate(values)
        )
        body.append(f'<polyline points="{points}" fill="none" stroke="{TEXT}" stroke-width="2" data-line/>')
        if len(values) == 1:
            body.append(f'<circle cx="{points.split(",")[0]}" cy="{points.split(",")[1]}" r="3" fill="{TEXT}"/>')
        for tick in range(5):
            y = top + plot_height - plot_height * tick / 4
            body.append(
                f'<text x="{left + plot_width + 6}" y="{y + 4:.1f}" fill="{TEXT}">{line_axis * tick / 4:g}</text>'
            )
    legend_y = height - 10
    entries = [(name, PALETTE[number % len(PALETTE)]) for number, (name, _values) in enumerate(series)]
    if line is not None:
        entries.append((line[0], TEXT))
    x = left
    for name, colour in entries:
        body.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>')
        body.append(f'<text x="{x + 16}" y="{legend_y}" fill="{TEXT}">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    return _svg(key=key, title=title, description=description, width=max(width, x + 10), height=height, body=body)
