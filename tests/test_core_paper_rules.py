"""Papers that do not give themselves away (core.paper_rules, hooked into assembly.draw_paper)."""

import random

import pytest

from quizapp.core.assembly import Draw, QuestionData, assemble_paper, draw_paper
from quizapp.core.kinds import ChoiceData
from quizapp.core.paper_rules import (
    clash,
    clashes,
    clashing_pairs,
    complete,
    fold,
    numbers_in,
    pick,
    shows_key_of,
)


def single(qid, prompt, right, *wrong, **extra):
    choices = (ChoiceData(right, True), *(ChoiceData(w) for w in wrong))
    return QuestionData(id=qid, kind="single", prompt=prompt, choices=choices, **extra)


def short(qid, prompt, *accepted, **extra):
    return QuestionData(id=qid, kind="short_text", prompt=prompt, accepted=accepted, **extra)


def numeric(qid, prompt, value, **extra):
    return QuestionData(id=qid, kind="numeric", prompt=prompt, numeric_answer=value, **extra)


def fillers(start, n):
    return [
        single(i, f"Filler question number {chr(65 + i % 26)}?", f"yes{i}", f"no{i}")
        for i in range(start, start + n)
    ]


def test_fold_drops_case_accents_and_punctuation():
    assert fold("Éte, d'ÉTÉ!  Türkiye") == "ete d ete turkiye"


def test_numbers_are_read_as_written():
    assert numbers_in("In 1893, 1,000,000 people and 2.5 more; v2 and 3rd") == {1893.0, 1e6, 2.5}


@pytest.mark.parametrize(
    ("keyed", "other", "found"),
    [
        (short(1, "Which city?", "Peshawar"), single(2, "Near Peshawar, what?", "a", "b"), True),
        (short(1, "Which city?", "peshawar"), single(2, "What?", "PESHAWAR.", "b"), True),
        (short(1, "Which city?", "Kabul"), single(2, "Is Kabuli rice good?", "a", "b"), False),
        (
            short(1, "Who?", "Noor Wali Mehsud", "Mehsud"),
            single(2, "Mehsud's group?", "a", "b"),
            True,
        ),
        (short(1, "Who?", "Çelik"), single(2, "What did Celik say?", "a", "b"), True),
        (numeric(1, "Year?", 1893), single(2, "Drawn in 1893, the line…", "a", "b"), True),
        (numeric(1, "People?", 1e6), single(2, "How many?", "1,000,000", "5"), True),
        (numeric(1, "Year?", 1893), single(2, "Drawn in 18930?", "a", "b"), False),
        (
            single(1, "Who called it?", "Tarar", "Asif"),
            single(2, "What was Tarar claiming?", "a", "b"),
            True,
        ),
        # A choice question's key is already on its own screen: only a stem gives it away.
        (single(1, "Which?", "Torkham", "Chaman"), single(2, "Which?", "x", "Torkham"), False),
        (short(1, "Which?", "Torkham"), single(2, "Which?", "x", "Torkham"), True),
    ],
)
def test_a_key_is_found_in_another_question(keyed, other, found):
    assert shows_key_of(keyed, other) is found


def test_true_false_ordering_and_matching_keys_give_nothing_away():
    tf = QuestionData(
        id=1,
        kind="true_false",
        prompt="Is it true?",
        choices=(ChoiceData("True", True), ChoiceData("False")),
    )
    assert not clash(tf, single(2, "Is this true or false?", "yes", "no"))
    order = QuestionData(id=3, kind="ordering", prompt="Order?", choices=(ChoiceData("Kabul"),))
    assert not clash(order, single(4, "Is Kabul big?", "yes", "no"))


def test_never_with_is_symmetric_and_counts_from_either_side():
    a = single(1, "One?", "a1", "b1", never_with=frozenset({2}))
    b = single(2, "Two?", "a2", "b2")
    assert clash(a, b) and clash(b, a)
    assert clashes([a, b]) == {1: {2}, 2: {1}}


GIVEAWAY = [
    short(1, "Which city is the capital of Khyber Pakhtunkhwa?", "Peshawar"),
    single(2, "Which crossing is near Peshawar?", "Torkham", "Chaman", "Wagah"),
]
NEVER = [
    single(3, "Who leads the TTP?", "Mehsud", "Baradar"),
    single(4, "Which group is he from?", "TTP", "BLA", never_with=frozenset({3})),
]


@pytest.mark.parametrize("pair", [GIVEAWAY, NEVER], ids=["giveaway", "never-with"])
def test_a_clashing_pair_is_never_drawn_together_in_1000_draws(pair):
    pool = pair + fillers(10, 6)
    ids = {q.id for q in pair}
    drawn_each = {q.id: 0 for q in pair}
    for seed in range(1000):
        paper = draw_paper(pool, 5, random.Random(seed))
        assert len(paper) == 5  # the count is still filled
        on_paper = {q.id for q in paper} & ids
        assert len(on_paper) < 2, f"seed {seed} drew both {sorted(ids)}"
        for qid in on_paper:
            drawn_each[qid] += 1
    assert all(count > 100 for count in drawn_each.values())  # each still gets drawn


def test_topic_quotas_keep_clashing_pairs_apart_too():
    pool = [
        short(1, "Capital of KP?", "Peshawar", topic_slug="a"),
        single(2, "What is near Peshawar?", "x", "y", topic_slug="b"),
        *fillers(10, 4),
    ]
    for seed in range(200):
        paper = draw_paper(pool, 4, random.Random(seed), quotas={"a": 1, "b": 1})
        assert {1, 2} - {q.id for q in paper}, seed


def test_a_pool_that_cannot_be_kept_apart_still_fills_the_paper_and_says_so():
    pool = GIVEAWAY + [fillers(10, 1)[0]]
    paper = draw_paper(pool, 3, random.Random(1))
    assert len(paper) == 3
    assert clashing_pairs(paper) == [(1, 2)]  # the caller can name the clash
    assert pick(pool, 3, random.Random(1)) and len(pick(pool, 3, random.Random(1))) == 2


def test_pick_respects_questions_already_on_the_paper():
    fixed = [GIVEAWAY[0]]
    for seed in range(100):
        chosen = pick([GIVEAWAY[1], *fillers(10, 3)], 3, random.Random(seed), taken=fixed)
        assert GIVEAWAY[1] not in chosen and len(chosen) == 3


def test_complete_adds_the_least_clashing_questions_first():
    taken = [GIVEAWAY[0]]
    extra = complete([GIVEAWAY[1], fillers(10, 1)[0]], 1, random.Random(0), taken)
    assert [q.id for q in extra] == [10]
    assert complete(GIVEAWAY, 0, random.Random(0)) == []


def test_the_same_seed_draws_the_same_paper():
    pool = GIVEAWAY + NEVER + fillers(10, 8)
    first = draw_paper(pool, 6, random.Random("s"))
    assert first == draw_paper(pool, 6, random.Random("s"))


@pytest.mark.parametrize("pair", [GIVEAWAY, NEVER], ids=["giveaway", "never-with"])
def test_a_draw_never_gives_away_a_hand_picked_question_in_1000_papers(pair):
    """A quiz's hand-picked question and its random draws are one paper: a draw keeps clear
    of what the fixed questions give away, and of their "never with" partners."""
    fixed, partner = pair
    draws = [Draw([partner, *fillers(10, 4)], 2), Draw([partner, *fillers(20, 6)], 3)]
    for seed in range(1000):
        paper = assemble_paper([fixed], draws, random.Random(seed))
        assert len(paper) == 6 and fixed in paper
        assert partner not in paper, f"seed {seed} drew {partner.id} beside {fixed.id}"
