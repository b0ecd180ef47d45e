"""Carrying a fixed key into an older snapshot (core.regrading)."""

import random

import pytest

from quizapp.core.assembly import ChoiceData, QuestionData, make_snapshot
from quizapp.core.regrading import key_changed, new_points, rekey


def question(kind: str = "single", right: str = "A", **extra) -> QuestionData:
    choices = tuple(ChoiceData(t, t == right, f"about {t}") for t in ("A", "B", "C"))
    return QuestionData(1, kind, "Which?", explanation="Old.", choices=choices, **extra)


def snap(q: QuestionData, seed: int = 1) -> dict:
    return make_snapshot(q, random.Random(seed))


def test_the_fixed_key_lands_on_the_old_option_ids():
    old = snap(question(right="A"))
    fixed = rekey(old, snap(question(right="B"), seed=2))
    by_text = {o["text"]: o["id"] for o in old["options"]}
    assert fixed["key"] == {"correct": [by_text["B"]]}
    assert fixed["feedback"][by_text["B"]] == "about B" and fixed["options"] == old["options"]
    assert key_changed(old, fixed) and new_points(fixed, by_text["B"]) == (1.0, True)
    assert new_points(fixed, by_text["A"]) == (0.0, False) and new_points(fixed, None) == (0, None)


def test_matching_pairs_translate_prompts_and_answers():
    pairs = tuple(ChoiceData(p, match_text=a) for p, a in (("TTP", "Taliban"), ("BLA", "Baloch")))
    old = snap(QuestionData(1, "matching", "Match.", choices=pairs))
    swapped = tuple(ChoiceData(p, match_text=a) for p, a in (("TTP", "Baloch"), ("BLA", "Taliban")))
    fixed = rekey(old, snap(QuestionData(1, "matching", "Match.", choices=swapped), seed=3))
    prompt = {o["text"]: o["id"] for o in old["options"]}
    answer = {o["text"]: o["id"] for o in old["answers"]}
    assert fixed["key"]["pairs"] == {
        prompt["TTP"]: answer["Baloch"],
        prompt["BLA"]: answer["Taliban"],
    }


def test_an_unchanged_key_in_another_order_is_not_a_change():
    old = snap(
        QuestionData(1, "multiple", "?", choices=(ChoiceData("A", True), ChoiceData("B", True)))
    )
    fixed = {**old, "key": {"correct": list(reversed(old["key"]["correct"]))}}
    assert not key_changed(old, fixed)


def test_numbers_and_texts_carry_over_without_ids():
    old = snap(QuestionData(1, "numeric", "Year?", numeric_answer=1893.0, tolerance=0.0))
    fixed = rekey(old, snap(QuestionData(1, "numeric", "Year?", numeric_answer=1894.0)))
    assert fixed["key"] == {"value": 1894.0, "tolerance": 0.0} and key_changed(old, fixed)


@pytest.mark.parametrize(
    "changed",
    [
        question(kind="multiple"),  # another kind
        QuestionData(1, "single", "?", choices=(ChoiceData("A", True), ChoiceData("B"))),  # fewer
        QuestionData(  # reworded
            1, "single", "?", choices=tuple(ChoiceData(t, t == "A") for t in ("A", "B", "D"))
        ),
    ],
)
def test_changed_options_cannot_be_regraded(changed):
    assert rekey(snap(question()), snap(changed)) is None


def test_an_old_snapshot_with_repeated_texts_is_not_guessed():
    old = snap(question())
    old["options"][1]["text"] = old["options"][0]["text"]
    assert rekey(old, snap(question())) is None
