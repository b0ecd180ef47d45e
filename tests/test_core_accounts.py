"""Pure rules for class accounts: usernames from names, one-time codes, and extra time."""

import random
from datetime import timedelta

import pytest

from quizapp.core.accommodations import (
    Accommodation,
    due_extension,
    most_generous,
    time_limit,
)
from quizapp.core.accounts import (
    display_login_code,
    looks_like_login_code,
    new_login_code,
    normalise_login_code,
    unique_usernames,
    username_base,
)
from quizapp.core.classes import ALPHABET


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("Amina Khan", "amina.k"),
        ("  amina   van der Berg ", "amina.b"),
        ("Zoë", "zoe"),
        ("Li", "li.student"),
        ("李雷", "student"),
        ("O'Neil-Smith Jo", "o.j"),
        ("x" * 60, "x" * 34),
    ],
)
def test_username_base(name, base):
    assert username_base(name) == base


def test_unique_usernames_number_repeats_and_avoid_taken_names():
    names = ["Amina Khan", "Amina Kaur", "Amina Khan", "Ben"]
    assert unique_usernames(names, {"amina.k2", "ben"}) == [
        "amina.k",
        "amina.k3",
        "amina.k4",
        "ben2",
    ]


def test_login_codes_are_readable_and_normalised():
    code = new_login_code(random.Random(1))
    assert len(code) == 12 and set(code) <= set(ALPHABET)
    shown = display_login_code(code)
    assert shown.count("-") == 2 and normalise_login_code(f" {shown.lower()} ") == code
    assert looks_like_login_code(shown) and looks_like_login_code(shown.replace("-", " "))
    assert not looks_like_login_code("correct horse battery")
    assert not looks_like_login_code("ABCD-EFGH-JKM0")  # 0 is not in the alphabet


@pytest.mark.parametrize(
    ("kind", "minutes", "limit", "allowed", "due"),
    [
        ("none", 0, 20, 20, 0),
        ("x1.25", 0, 20, 25, 5),
        ("x1.5", 0, 20, 30, 10),
        ("x2", 0, 20, 40, 20),
        ("plus", 7, 20, 27, 7),
        ("untimed", 0, 20, None, 20),
        ("x1.5", 0, None, None, 0),
        ("plus", 7, None, None, 7),
        ("untimed", 0, None, None, 0),
    ],
)
def test_time_limit_and_due_extension(kind, minutes, limit, allowed, due):
    accommodation = Accommodation(kind, minutes)
    assert time_limit(limit, accommodation) == allowed
    assert due_extension(limit, accommodation) == timedelta(minutes=due)


def test_the_most_generous_depends_on_the_quiz():
    options = [Accommodation("x1.25"), Accommodation("plus", 5)]
    assert most_generous(options, 10) == Accommodation("plus", 5)
    assert most_generous(options, 60) == Accommodation("x1.25")
    assert most_generous([*options, Accommodation("untimed")], 60).kind == "untimed"
    assert most_generous([], 60) == Accommodation()
    assert most_generous(options, None) == Accommodation("plus", 5)  # later due date


def test_labels():
    assert Accommodation("plus", 15).label == "+15 minutes"
    assert Accommodation("x1.5").label == "Time × 1.5"
    assert Accommodation("bogus").label == "No extra time"
