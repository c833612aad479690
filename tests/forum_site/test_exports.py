import datetime

import pytest

from forum_site.exports import neutralise_formula


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("https://evil.example","Click")', '\'=HYPERLINK("https://evil.example","Click")'),
        ("+33 1 45 68 10 00", "'+33 1 45 68 10 00"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Ministry of Digital Affairs", "Ministry of Digital Affairs"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_formula_prefixes_formula_text(value, written):
    assert neutralise_formula(value) == written


@pytest.mark.parametrize("value", [-5, 2.5, None, True, datetime.date(2026, 6, 24)])
def test_neutralise_formula_leaves_other_values_alone(value):
    assert neutralise_formula(value) is value
