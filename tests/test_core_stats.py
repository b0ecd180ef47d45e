"""Statistics from database aggregates, checked against examples worked by hand."""

from datetime import datetime, timedelta

import pytest

from quizapp.core.item_analysis import (
    AnswerFacts,
    ItemSums,
    OptionCount,
    analyse_item,
    attempt_sums,
    item_flags,
    option_counts,
    point_biserial,
    response_text,
    rest_score,
    sample_caveat,
)
from quizapp.core.stats import (
    Mastery,
    as_percent,
    assignment_status,
    duration_minutes,
    mastery,
    mastery_level,
    share,
)

SINGLE = {
    "kind": "single",
    "options": [{"id": "a1", "text": "Torkham"}, {"id": "b2", "text": "Chaman"}],
    "key": {"correct": ["a1"]},
}


def sums(xs: list[float], right: list[bool]) -> ItemSums:
    """The sums the database computes, from per-attempt rest scores and right/wrong."""
    return ItemSums(
        n=len(xs),
        n_right=sum(right),
        sum_x=sum(xs),
        sum_x2=sum(x * x for x in xs),
        sum_x_right=sum(x for x, r in zip(xs, right, strict=True) if r),
    )


# --- stored responses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snapshot", "response", "stored"),
    [
        (SINGLE, None, None),
        (SINGLE, "b2", "Chaman"),
        ({**SINGLE, "kind": "multiple"}, ["b2", "a1"], "Chaman\nTorkham"),
        ({**SINGLE, "kind": "multiple"}, ["a1", "gone"], "Torkham"),
        ({"kind": "short_text", "options": [], "key": {"accepted": ["x"]}}, "torkam", "torkam"),
        ({"kind": "numeric", "options": [], "key": {"value": 1893}}, 1893.0, "1893"),
    ],
)
def test_response_text(snapshot, response, stored):
    assert response_text(snapshot, response) == stored


def test_share_and_percent():
    assert share(1, 4) == 0.25 and share(3, 0) is None
    assert as_percent(2 / 3) == 66.7 and as_percent(None) is None


def test_duration_minutes():
    start = datetime(2026, 3, 1, 10, 0, 0)
    assert duration_minutes(start, None) is None
    assert duration_minutes(start, start + timedelta(seconds=59)) == 0
    assert duration_minutes(start, start + timedelta(minutes=12, seconds=30)) == 12


# --- mastery -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answered", "fraction", "level"),
    [
        (2, 1.0, "Too few answers yet"),
        (3, 0.8, "Secure"),
        (10, 0.79, "Getting there"),
        (10, 0.5, "Getting there"),
        (10, 0.49, "Needs work"),
    ],
)
def test_mastery_level(answered, fraction, level):
    assert mastery_level(answered, fraction) == level


def test_mastery_weakest_first_and_skips_empty_rows():
    rows = [
        ("border", "The border", 10, 9),
        ("refugees", None, 4, 1),
        ("", "No section", 5, 5),
        ("strikes", "The strikes", 0, 0),
    ]
    assert mastery(rows) == [
        Mastery("refugees", "refugees", 4, 1, 25.0, "Needs work"),
        Mastery("border", "The border", 10, 9, 90.0, "Secure"),
    ]


# --- gradebook ---------------------------------------------------------------------------------

NOW = datetime(2026, 3, 10, 12)
DUE = datetime(2026, 3, 9, 23, 59)


@pytest.mark.parametrize(
    ("due_at", "first", "status"),
    [
        (DUE, DUE - timedelta(hours=1), "done"),
        (DUE, DUE, "done"),
        (DUE, DUE + timedelta(minutes=1), "late"),
        (None, NOW, "done"),
        (DUE, None, "missing"),
        (NOW + timedelta(days=1), None, "to do"),
        (None, None, "to do"),
    ],
)
def test_assignment_status(due_at, first, status):
    assert assignment_status(due_at, first, NOW) == status


# --- discrimination ----------------------------------------------------------------------------


def test_point_biserial_perfect_separation():
    # Right answers come from the two top scorers: M1 = 1, M0 = 0, sd = 0.5, p = 0.5.
    assert point_biserial(sums([1, 1, 0, 0], [True, True, False, False])) == 1.0


def test_point_biserial_worked_example():
    # x = .8 .6 .4 .2, right = T F T F: M1 = .6, M0 = .4, mean = .5,
    # var = (.64 + .36 + .16 + .04) / 4 - .25 = .05, sd = .2236, p = .5
    # r = (.6 - .4) / .2236 * .5 = .447
    assert point_biserial(sums([0.8, 0.6, 0.4, 0.2], [True, False, True, False])) == 0.45


def test_point_biserial_negative_when_weak_students_do_better():
    assert point_biserial(sums([0.9, 0.8, 0.2, 0.1], [False, False, True, True])) == -0.99


@pytest.mark.parametrize(
    "item",
    [
        sums([0.5, 0.7], [True, True]),  # everyone right
        sums([0.5, 0.7], [False, False]),  # everyone wrong
        sums([0.5, 0.5, 0.5], [True, False, False]),  # no spread in the rest score
    ],
)
def test_point_biserial_undefined(item):
    assert point_biserial(item) is None


# --- options and flags -------------------------------------------------------------------------

CHOICES = [("Durand Line", True), ("Radcliffe Line", False), ("McMahon Line", False)]


def test_option_counts_single():
    options, unanswered = option_counts(CHOICES, [("Durand Line", 6), ("Radcliffe Line", 3)], 10)
    assert options == (
        OptionCount("Durand Line", True, 6, 60.0),
        OptionCount("Radcliffe Line", False, 3, 30.0),
        OptionCount("McMahon Line", False, 0, 0.0),
    )
    assert unanswered == 1


def test_option_counts_multiple_split_lines_and_keep_former_options():
    choices = [("Torkham", True), ("Chaman", True), ("Gwadar", False)]
    groups = [("Chaman\nTorkham", 2), ("Torkham", 1), ("Gwadar\nKhyber", 1), ("", 1)]
    options, unanswered = option_counts(choices, groups, 5)
    counts = {o.text: (o.count, o.is_former) for o in options}
    assert counts == {
        "Torkham": (3, False),
        "Chaman": (2, False),
        "Gwadar": (1, False),
        "Khyber": (1, True),
    }
    assert unanswered == 0


def test_flags_for_a_good_item_are_empty():
    options = (OptionCount("A", True, 6, 60.0), OptionCount("B", False, 4, 40.0))
    assert item_flags(0.6, 0.45, options) == ()


@pytest.mark.parametrize(
    ("facility", "discrimination", "expected"),
    [
        (0.0, None, "No one got this right"),
        (0.2, 0.3, "Hard: fewer than 3 in 10"),
        (0.95, 0.3, "Very easy"),
        (0.5, -0.3, "Strong students miss this more often than weak ones: check the key."),
        (0.5, 0.1, "Weak discrimination"),
        (0.5, -0.02, "Weak discrimination"),  # about zero: noise, not a wrong key
        (None, None, None),
    ],
)
def test_facility_and_discrimination_flags(facility, discrimination, expected):
    flags = item_flags(facility, discrimination, ())
    assert flags == () if expected is None else any(expected in f for f in flags)
    if discrimination is not None and discrimination > -0.1:
        assert not any("check the key" in f for f in flags)


def test_distractor_flags():
    options = (
        OptionCount("Key", True, 2, 20.0),
        OptionCount("Popular", False, 8, 80.0),
        OptionCount("Ignored", False, 0, 0.0),
        OptionCount("Old", False, 0, 0.0, is_former=True),
    )
    flags = item_flags(0.5, 0.3, options)
    assert flags == (
        "More students chose “Popular” than the right answer: "
        "is it arguably right, or is the question unclear?",
        "No one chose the distractor “Ignored”: it is not doing its job.",
    )


def test_distractor_flags_without_a_key_option():
    # Options seen only in responses (the question lost its choices): no key to compare with.
    assert item_flags(0.5, 0.3, (OptionCount("X", False, 3, 30.0),)) == ()


def test_analyse_item_choice_question():
    item = sums([0.8, 0.6, 0.4, 0.2], [True, False, True, False])
    report = analyse_item(
        7, "Which line?", item, CHOICES, [("Durand Line", 2), ("McMahon Line", 2)]
    )
    assert (report.question_id, report.n, report.facility, report.discrimination) == (
        7,
        4,
        50.0,
        0.45,
    )
    assert [o.count for o in report.options] == [2, 0, 2] and report.unanswered == 0
    assert report.flags == (
        "No one chose the distractor “Radcliffe Line”: it is not doing its job.",
    )


def test_analyse_item_text_question_has_no_options():
    report = analyse_item(8, "Year?", sums([0.5, 0.9], [False, True]), [], [])
    assert report.options == () and report.unanswered == 0 and report.facility == 50.0


@pytest.mark.parametrize(
    ("attempts", "caveat"),
    [
        (0, "Only 0 submitted attempts"),
        (1, "Only 1 submitted attempt so far"),
        (9, "Only 9"),
        (10, ""),
    ],
)
def test_sample_caveat(attempts, caveat):
    text = sample_caveat(attempts)
    assert (caveat in text and "fewer than 10" in text) if caveat else text == ""


def test_attempt_sums_rest_scores_options_and_deleted_questions():
    answers = [
        AnswerFacts(2, "multiple", 1.0, True, "A\nB"),
        AnswerFacts(1, "single", 0.0, False, "C"),
        AnswerFacts(1, "single", 1.0, True, ""),  # the same question twice adds up
        AnswerFacts(3, "short_text", 1.0, True, "Kabul"),
        AnswerFacts(4, "single", 0.0, None, None),
        AnswerFacts(None, "single", 1.0, True, "A"),
    ]
    result = attempt_sums(3.0, 5.0, answers)
    assert result.percent == 60.0
    assert result.items == (
        (1, (2, 1, 2, 1.25, 0.8125, 0.5)),
        (2, (1, 1, 1, 0.5, 0.25, 0.5)),
        (3, (1, 1, 1, 0.5, 0.25, 0.5)),
        (4, (1, 0, 0, 0.75, 0.5625, 0.0)),
    )
    assert result.options == ((1, "C", 1), (2, "A", 1), (2, "B", 1))


def test_attempt_sums_one_question_and_no_maximum():
    assert rest_score(1.0, 1.0, 1.0) == 0.0
    assert attempt_sums(0.0, 0.0, []).percent is None
