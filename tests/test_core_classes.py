"""Join codes: readable alphabet, normalised input, clear problems."""

import random
from datetime import datetime, timedelta

import pytest

from quizapp.core.classes import (
    ALPHABET,
    CODE_LENGTH,
    display_join_code,
    join_code_expiry,
    join_code_problem,
    new_join_code,
    normalise_join_code,
)

NOW = datetime(2026, 3, 1, 12)


def test_codes_use_only_unambiguous_characters():
    rng = random.Random(7)
    codes = {new_join_code(rng) for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)
    assert not set("0O1IL") & set(ALPHABET)


def test_same_seed_same_code():
    assert new_join_code(random.Random(3)) == new_join_code(random.Random(3))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("abcd-2345", "ABCD2345"), (" ABCD 2345 ", "ABCD2345"), ("AbCd2345\n", "ABCD2345")],
)
def test_normalise(typed, stored):
    assert normalise_join_code(typed) == stored


def test_display_and_expiry():
    assert display_join_code("ABCD2345") == "ABCD-2345"
    assert join_code_expiry(NOW) == NOW + timedelta(days=14)
    assert join_code_expiry(NOW, 3) == NOW + timedelta(days=3)


@pytest.mark.parametrize(
    ("code", "found", "expires_at", "message"),
    [
        ("ABC", False, None, "has 8 letters and digits"),
        ("ABCD-234", False, None, "has 8 letters and digits (A to Z and 2 to 9)"),
        ("ABCD0000", False, None, "codes never use 0, 1, I, L, O, U or V (easy to mix up), "),
        ("ABCD0000", False, None, "and yours has 0. Check it with your teacher."),
        ("Y8RBIN3I", False, None, "No class has that join code: codes never use"),
        ("ZZZZ1LVU", False, None, "and yours has 1, L, U, V."),
        ("ABCD2345", False, None, "No class has that join code"),
        ("ABCD2345", True, NOW, "has expired"),
        ("ABCD2345", True, NOW - timedelta(seconds=1), "has expired"),
        ("ABCD2345", True, NOW + timedelta(seconds=1), ""),
        ("ABCD2345", True, None, ""),
    ],
)
def test_join_code_problem(code, found, expires_at, message):
    problem = join_code_problem(code, found, expires_at, NOW)
    assert (message in problem) if message else problem == ""
