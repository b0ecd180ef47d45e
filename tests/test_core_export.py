"""CSV cells: readable values, and no formulas smuggled into a teacher's spreadsheet."""

from datetime import datetime

import pytest

from quizapp.core.export import csv_cell, csv_row, formula_safe


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (7, "7"),
        (0.5, "0.5"),
        (66.666666, "66.67"),
        (3.0, "3"),
        (datetime(2026, 2, 27, 9, 5, 1, 999), "2026-02-27T09:05:01Z"),
        ("Durand Line", "Durand Line"),
        ("Chaman\nTorkham", "Chaman | Torkham"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("-3", "-3"),
        ("-12.5", "-12.5"),
        ("-3+cmd", "'-3+cmd"),
    ],
)
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell


@pytest.mark.parametrize(
    ("text", "cell"),
    [("=1+1", "'=1+1"), ("-3", "-3"), ("-3+cmd", "'-3+cmd"), ("Line\n=x", "Line\n=x"), ("", "")],
)
def test_formula_safe_is_the_guard_every_export_uses(text, cell):
    """The question bank's CSV keeps line breaks but uses the same guard as the class exports."""
    assert formula_safe(text) == cell


def test_csv_row():
    assert csv_row([1, "a", None, False]) == ["1", "a", "", "no"]


def test_option_columns_and_cells_pad_every_question_to_the_widest():
    from quizapp.core.assembly import ChoiceData
    from quizapp.core.export import option_cells, option_columns

    assert option_columns(2) == [
        "option_1",
        "option_1_correct",
        "option_1_feedback",
        "option_1_match",
        "option_2",
        "option_2_correct",
        "option_2_feedback",
        "option_2_match",
    ]
    choices = [ChoiceData("Kabul", True, "Right."), ChoiceData("Lahore", False)]
    assert option_cells("single", choices, 3) == [
        *("Kabul", "yes", "Right.", ""),
        *("Lahore", "no", "", ""),
        *("", "", "", ""),
    ]
    pair = [ChoiceData("TTP", True, "", "Pakistani Taliban")]
    assert option_cells("matching", pair, 1) == ["TTP", "", "", "Pakistani Taliban"]
    assert option_cells("numeric", [], 1) == ["", "", "", ""]
