"""Spreadsheet exports that no spreadsheet program runs as formulas.

A participant types their organisation; an organiser exports the list and
opens it in Excel or LibreOffice, which read a cell starting with ``=``,
``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula
(CSV injection, OWASP). Such a cell is written with a leading single quote,
which the programs show as text, in CSV and XLSX alike."""

import csv
import io
from typing import Any

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """``value``, prefixed with ``'`` when it is text a spreadsheet would
    take for a formula; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class SafeExportMixin:
    """For a view with Wagtail's ``SpreadsheetExportMixin`` (every admin
    index view): each cell and heading of the CSV and XLSX exports goes
    through :func:`neutralise_formula` after Wagtail's own preprocessing."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return neutralise_formula(super().get_heading(queryset, field))


def csv_response(rows, *, filename: str):
    """A CSV download of ``rows`` (headings first), every cell through
    :func:`neutralise_formula`."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[neutralise_formula(cell) for cell in row] for row in rows])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
