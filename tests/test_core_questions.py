"""core.questions: the rules a question must meet, whoever wrote it."""

import math

import pytest

from quizapp.core.questions import check_question, may_edit, orphaned_anchors

BASE = {"prompt": "Which?", "difficulty": 2}


def problems(**raw) -> dict:
    return check_question({**BASE, **raw}).problems


def test_unknown_kind():
    check = check_question({"kind": "essay", "prompt": "Write."})
    assert not check.ok and check.problems == {
        "kind": "Choose one of the question kinds the app grades."
    }


def test_clean_fields_drop_blank_rows_and_trim():
    check = check_question(
        {
            "kind": "single",
            "prompt": "  Which?  ",
            "key": "  k-1 ",
            "explanation": None,
            "difficulty": 3,
            "anchor": " border ",
            "choices": [
                {"text": " A ", "correct": True},
                {"text": ""},
                "junk",
                {"text": "B", "feedback": " no "},
            ],
        }
    )
    assert check.ok
    assert check.fields == {
        "key": "k-1",
        "prompt": "Which?",
        "explanation": "",
        "anchor": "border",
        "difficulty": 3,
        "kind": "single",
        "choices": [
            {"text": "A", "correct": True, "feedback": ""},
            {"text": "B", "correct": False, "feedback": "no"},
        ],
    }


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        ({"kind": "true_false", "answer": True, "prompt": 5}, "prompt", "Write the question."),
        (
            {"kind": "true_false", "answer": True, "difficulty": True},
            "difficulty",
            "Choose a difficulty from 1 (easy) to 3 (hard).",
        ),
        (
            {"kind": "true_false", "answer": True, "difficulty": "2"},
            "difficulty",
            "Choose a difficulty from 1 (easy) to 3 (hard).",
        ),
        (
            {"kind": "true_false", "answer": True, "anchor": "a b"},
            "anchor",
            "A paragraph id uses only letters, digits, - and _.",
        ),
        (
            {"kind": "true_false", "answer": True, "key": "k" * 101},
            "key",
            "An id is one line of at most 100 characters.",
        ),
        (
            {"kind": "true_false", "answer": True, "key": "a\nb"},
            "key",
            "An id is one line of at most 100 characters.",
        ),
        (
            {"kind": "true_false", "answer": "yes"},
            "answer",
            "Say whether the statement is true or false.",
        ),
        ({"kind": "multiple", "choices": "abc"}, "choices", "Give at least 2 options."),
        (
            {"kind": "short_text", "accepted": "Torkham"},
            "accepted",
            "Give at least one accepted answer.",
        ),
        (
            {"kind": "numeric", "answer": True},
            "answer",
            "Give the answer as a number, for example 1893 or 2.5.",
        ),
        (
            {"kind": "numeric", "answer": math.nan},
            "answer",
            "Give the answer as a number, for example 1893 or 2.5.",
        ),
        (
            {"kind": "numeric", "answer": "1" * 41},
            "answer",
            "Give the answer as a number, for example 1893 or 2.5.",
        ),
        (
            {"kind": "numeric", "answer": [1]},
            "answer",
            "Give the answer as a number, for example 1893 or 2.5.",
        ),
        (
            {"kind": "numeric", "answer": 1, "tolerance": -0.5},
            "tolerance",
            "The tolerance cannot be negative.",
        ),
        (
            {"kind": "ordering", "items": ["a", "b", 3]},
            "items",
            "Give at least 3 items, in the right order (now 2).",
        ),
        (
            {"kind": "matching", "pairs": [{"prompt": "a", "answer": "1"}, {"prompt": "b"}]},
            "pairs",
            "Every pair needs both a prompt and its match.",
        ),
        (
            {"kind": "matching", "pairs": [{"prompt": "a", "answer": "1"}, {"answer": "2"}]},
            "pairs",
            "Every pair needs both a prompt and its match.",
        ),
        (
            {"kind": "matching", "pairs": [{"prompt": p, "answer": p} for p in "ab"]},
            "pairs",
            "Give at least 3 pairs (now 2).",
        ),
        (
            {"kind": "matching", "pairs": [{"prompt": p, "answer": "x" + p} for p in "abA"]},
            "pairs",
            "Each prompt must be different: “A” is given twice.",
        ),
        (
            {"kind": "matching", "pairs": [{"prompt": p, "answer": "x"} for p in "abc"]},
            "pairs",
            "Give at least two different matches: with one, there is nothing to choose.",
        ),
        (
            {"kind": "ordering", "items": ["a", "b", "B"]},
            "items",
            "Each item must be different, or the right order is ambiguous.",
        ),
        (
            {"kind": "single", "choices": [{"text": "a", "correct": True}, {"feedback": "x"}]},
            "choices",
            "An option marked correct or given feedback has no text.",
        ),
        (
            {"kind": "single", "choices": [{"text": "a", "correct": True}, {"text": "A"}]},
            "choices",
            "Two options have the same text.",
        ),
        (
            {
                "kind": "single",
                "choices": [{"text": "a", "correct": True}, {"text": "b", "correct": True}],
            },
            "choices",
            "Mark exactly one option as correct (now 2).",
        ),
        (
            {"kind": "multiple", "choices": [{"text": "a"}, {"text": "b"}]},
            "choices",
            "Mark at least one option as correct.",
        ),
        (
            {"kind": "numeric", "answer": 1, "tolerance": "wide"},
            "tolerance",
            "Give the tolerance as a number, for example 0 or 0.5.",
        ),
    ],
)
def test_problems(raw, field, message):
    assert problems(**raw)[field] == message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"kind": "numeric", "answer": "1,893", "tolerance": " "}, (1893.0, 0.0)),
        ({"kind": "numeric", "answer": 12, "tolerance": None}, (12.0, 0.0)),
        ({"kind": "numeric", "answer": 2.5, "tolerance": "0.5"}, (2.5, 0.5)),
    ],
)
def test_numbers_are_parsed(raw, expected):
    check = check_question({**BASE, **raw})
    assert check.ok and (check.fields["answer"], check.fields["tolerance"]) == expected


def test_a_sound_question_of_each_kind():
    for raw in (
        {"kind": "multiple", "choices": [{"text": "a", "correct": True}, {"text": "b"}]},
        {"kind": "ordering", "items": ["a", "b", "c"]},
        {"kind": "matching", "pairs": [{}, *({"prompt": p, "answer": p} for p in "abc")]},
        {"kind": "true_false", "answer": False},
    ):
        assert check_question({**BASE, **raw}).ok, raw


def test_accepted_answers_are_deduplicated_ignoring_case():
    check = check_question(
        {
            **BASE,
            "kind": "short_text",
            "accepted": ["Torkham", "torkham ", "", None, "Torkham crossing"],
        }
    )
    assert check.fields["accepted"] == ["Torkham", "Torkham crossing"]


@pytest.mark.parametrize(
    ("is_admin", "user_id", "owner_id", "allowed"),
    [(True, 1, 2, True), (False, 1, None, True), (False, 1, 1, True), (False, 1, 2, False)],
)
def test_may_edit(is_admin, user_id, owner_id, allowed):
    assert may_edit(is_admin, user_id, owner_id) is allowed


def test_orphaned_anchors():
    used = {"kept": 2, "gone": 1, "": 4, "also-gone": 3}
    assert orphaned_anchors(("kept", "new"), used) == {"also-gone": 3, "gone": 1}
    assert orphaned_anchors(("kept", "gone", "also-gone"), used) == {}
