"""The quiz editor's warning: the giveaway pairs some paper of a quiz cannot keep apart
(core.paper_check), found without drawing a paper."""

import random

from quizapp.core.assembly import Draw, QuestionData, assemble_paper
from quizapp.core.kinds import ChoiceData
from quizapp.core.paper_check import giveaways
from quizapp.core.paper_rules import clashing_pairs


def short(qid, prompt, *accepted, topic="a", **extra):
    return QuestionData(
        id=qid, kind="short_text", prompt=prompt, accepted=accepted, topic_slug=topic, **extra
    )


def plain(qid, topic="a", **extra):
    prompt = f"Plain question {chr(65 + qid % 26)}{qid}?"
    choices = (ChoiceData(f"yes{qid}", True), ChoiceData(f"no{qid}"))
    return QuestionData(
        id=qid, kind="single", prompt=prompt, choices=choices, topic_slug=topic, **extra
    )


CAPITAL = short(1, "Which city is the capital?", "Kabul")
NAMES_IT = short(2, "Is Kabul on a river?", "yes")  # shows question 1's answer


def pairs(found):
    return [(g.first.id, g.second.id, g.reason, g.on_every_paper) for g in found]


def test_a_quiz_whose_pool_keeps_every_pair_apart_has_no_warning():
    pool = [CAPITAL, NAMES_IT, *(plain(i) for i in range(10, 15))]
    assert giveaways([], [Draw(pool, 5)]) == []
    assert giveaways([CAPITAL], [Draw([NAMES_IT, *(plain(i) for i in range(10, 12))], 2)]) == []


def test_two_hand_picked_questions_that_clash_are_on_every_paper():
    assert pairs(giveaways([NAMES_IT, CAPITAL, plain(9)], [])) == [(1, 2, "shows_key", True)]


def test_a_draw_that_must_take_both_of_a_pair_names_it():
    pool = [NAMES_IT, CAPITAL, plain(10)]
    assert pairs(giveaways([], [Draw(pool, 3)])) == [(1, 2, "shows_key", False)]
    # It asks for more than the pool holds: every question of the pool is on the paper.
    assert pairs(giveaways([], [Draw(pool, 9)])) == [(1, 2, "shows_key", False)]


def test_a_marked_pair_is_named_as_marked():
    pool = [plain(10, never_with=frozenset({11})), plain(11, never_with=frozenset({10}))]
    assert pairs(giveaways([], [Draw(pool, 2)])) == [(10, 11, "never_with", False)]


def test_a_draw_clashing_with_a_hand_picked_question_names_that_pair():
    found = giveaways([CAPITAL], [Draw([NAMES_IT, plain(10)], 2)])
    assert pairs(found) == [(1, 2, "shows_key", False)]


def test_a_quota_that_cannot_be_met_apart_is_found_though_the_whole_pool_could():
    pool = [
        short(1, "Which city is the capital?", "Kabul", topic="t"),
        short(2, "Is Kabul on a river?", "yes", topic="t"),
        *(plain(i, topic="u") for i in range(10, 14)),
    ]
    assert giveaways([], [Draw(pool, 3)]) == []
    assert pairs(giveaways([], [Draw(pool, 3, {"t": 2})])) == [(1, 2, "shows_key", False)]
    assert giveaways([], [Draw(pool, 3, {"t": 1})]) == []


def test_later_draws_see_what_earlier_ones_took():
    first = Draw([CAPITAL], 1)
    assert pairs(giveaways([], [first, Draw([NAMES_IT], 1)])) == [(1, 2, "shows_key", False)]
    assert giveaways([], [first, Draw([NAMES_IT, plain(10)], 1)]) == []


def test_no_warning_means_the_draw_keeps_the_pairs_apart():
    pool = [CAPITAL, NAMES_IT, *(plain(i) for i in range(10, 14))]
    assert giveaways([], [Draw(pool, 5)]) == []
    for seed in range(200):
        assert clashing_pairs(assemble_paper([], [Draw(pool, 5)], random.Random(seed))) == []


def test_the_pair_names_first_the_question_whose_answer_shows():
    shown_in_lower = [short(1, "Is Kabul on a river?", "yes"), short(2, "The capital?", "Kabul")]
    assert pairs(giveaways(shown_in_lower, [])) == [(2, 1, "shows_key", True)]
