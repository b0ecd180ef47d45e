"""Whole numbers from forms and cookies: plain ASCII digits of a bounded length, or None."""

import pytest

from quizapp.core.digits import plain_int


@pytest.mark.parametrize(
    ("text", "max_digits", "expected"),
    [
        ("7", 9, 7),
        ("0", 9, 0),
        ("007", 9, 7),
        ("999999999", 9, 999_999_999),
        ("1234567890", 9, None),  # too long
        ("12345", 5, 12345),
        ("123456", 5, None),
        ("9" * 5000, 9, None),  # int() refuses over 4,300 digits
        ("²", 9, None),  # isdigit() says yes, int() says no
        ("¹²", 9, None),
        ("①", 9, None),
        ("١٢", 9, None),  # Arabic-Indic digits: int() reads them, but no form sends them
        ("-1", 9, None),
        ("+1", 9, None),
        (" 1", 9, None),
        ("1.0", 9, None),
        ("", 9, None),
        (None, 9, None),
    ],
)
def test_plain_int(text, max_digits, expected):
    assert plain_int(text, max_digits) == expected
