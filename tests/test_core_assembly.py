"""Drawing papers and snapshots: deterministic per seed, quotas honoured, no key shown."""

import json
import random

from quizapp.core.assembly import (
    ChoiceData,
    Draw,
    QuestionData,
    assemble_paper,
    draw_paper,
    make_snapshot,
)
from quizapp.core.review import describe_key, describe_response, regrade


def bank(n_per_topic=5):
    return [
        QuestionData(
            id=i * 10 + j,
            kind="single",
            prompt=f"Q{i}-{j}",
            topic_slug=f"t{i}",
            choices=(ChoiceData("right", True), ChoiceData("wrong"), ChoiceData("other")),
        )
        for i in range(3)
        for j in range(n_per_topic)
    ]


def test_same_seed_same_paper_and_different_seeds_differ():
    pool = bank()
    first = draw_paper(pool, 6, random.Random(42))
    assert first == draw_paper(list(reversed(pool)), 6, random.Random(42))
    papers = {tuple(q.id for q in draw_paper(pool, 6, random.Random(seed))) for seed in range(20)}
    assert len(papers) > 10


def test_quotas_are_honoured_then_filled_from_the_rest():
    paper = draw_paper(bank(), 6, random.Random(1), quotas={"t0": 4, "t2": 1})
    topics = [q.topic_slug for q in paper]
    assert len(paper) == 6 and len({q.id for q in paper}) == 6
    assert topics.count("t0") >= 4 and topics.count("t2") >= 1


def test_quota_larger_than_topic_and_count_larger_than_pool():
    paper = draw_paper(bank(2), 10, random.Random(3), quotas={"t1": 5})
    assert len(paper) == 6


def test_without_shuffle_the_paper_is_in_bank_order():
    paper = draw_paper(bank(), 5, random.Random(7), shuffle=False)
    assert [q.id for q in paper] == sorted(q.id for q in paper)


def test_snapshot_shows_no_key_and_grades_from_its_own_key():
    question = bank()[0]
    snapshot = make_snapshot(question, random.Random(5))
    shown = json.dumps({"options": snapshot["options"]})
    assert "correct" not in shown and "is_correct" not in shown
    right = snapshot["key"]["correct"][0]
    assert regrade(snapshot, right).is_correct
    assert describe_key(snapshot) == "right"
    assert describe_response(snapshot, right) == "right"
    assert describe_response(snapshot, None) == "No answer"


def test_option_ids_are_opaque_and_unique():
    snapshot = make_snapshot(bank()[0], random.Random(9))
    ids = [o["id"] for o in snapshot["options"]]
    assert len(set(ids)) == 3 and all(len(i) == 16 for i in ids)  # 64 bits, in hex


def test_option_ids_do_not_follow_from_the_papers_generator():
    """Review finding 2: ids drawn from the paper's seeded generator in stored order let a
    student who searched the seeds recover the stored order (and with it the key)."""
    first = make_snapshot(bank()[0], random.Random(9))
    again = make_snapshot(bank()[0], random.Random(9))
    assert [o["text"] for o in first["options"]] == [o["text"] for o in again["options"]]
    assert {o["id"] for o in first["options"]}.isdisjoint(o["id"] for o in again["options"])


def test_true_false_keeps_true_first():
    question = QuestionData(
        id=1,
        kind="true_false",
        prompt="p",
        choices=(ChoiceData("True", False), ChoiceData("False", True)),
    )
    snapshot = make_snapshot(question, random.Random(0))
    assert [o["text"] for o in snapshot["options"]] == ["True", "False"]
    assert describe_key(snapshot) == "False"


def test_ordering_is_never_shown_in_the_right_order():
    question = QuestionData(
        id=1,
        kind="ordering",
        prompt="p",
        choices=tuple(ChoiceData(t, True) for t in ("a", "b", "c")),
    )
    for seed in range(30):
        snapshot = make_snapshot(question, random.Random(seed), shuffle=False)
        assert [o["id"] for o in snapshot["options"]] != snapshot["key"]["order"]
        assert describe_key(snapshot) == "a → b → c"
        assert regrade(snapshot, snapshot["key"]["order"]).is_correct


def test_matching_pairs_and_answers_sorted_alphabetically():
    question = QuestionData(
        id=1,
        kind="matching",
        prompt="p",
        choices=(
            ChoiceData("TTP", True, match_text="Pakistani Taliban"),
            ChoiceData("BLA", True, match_text="Baloch separatists"),
        ),
    )
    snapshot = make_snapshot(question, random.Random(0))
    assert [a["text"] for a in snapshot["answers"]] == ["Baloch separatists", "Pakistani Taliban"]
    assert describe_key(snapshot) == "TTP → Pakistani Taliban; BLA → Baloch separatists"
    wrong = {p: snapshot["answers"][0]["id"] for p in snapshot["key"]["pairs"]}
    assert regrade(snapshot, wrong).points == 0.5
    assert "TTP → Baloch separatists" in describe_response(snapshot, wrong)


def test_two_prompts_may_share_a_match_offered_once():
    question = QuestionData(
        id=1,
        kind="matching",
        prompt="Match each city to its country.",
        choices=(
            ChoiceData("Kabul", True, match_text="Afghanistan"),
            ChoiceData("Islamabad", True, match_text="Pakistan"),
            ChoiceData("Kandahar", True, match_text="Afghanistan"),
        ),
    )
    snapshot = make_snapshot(question, random.Random(0))
    assert [a["text"] for a in snapshot["answers"]] == ["Afghanistan", "Pakistan"]
    pairs = snapshot["key"]["pairs"]
    kabul, _, kandahar = (o["id"] for o in snapshot["options"])
    assert pairs[kabul] == pairs[kandahar]
    assert regrade(snapshot, dict(pairs)).is_correct
    swapped = {p: a for p, a in pairs.items()}
    swapped[kandahar] = next(a["id"] for a in snapshot["answers"] if a["id"] != pairs[kabul])
    assert round(regrade(snapshot, swapped).points, 3) == round(2 / 3, 3)
    assert describe_key(snapshot).count("→ Afghanistan") == 2


def test_text_and_numeric_snapshots():
    short = make_snapshot(
        QuestionData(id=1, kind="short_text", prompt="p", accepted=("Torkham",)), random.Random(0)
    )
    assert describe_key(short) == "Torkham" and describe_response(short, "x") == "x"
    numeric = make_snapshot(
        QuestionData(id=2, kind="numeric", prompt="p", numeric_answer=2600, tolerance=100),
        random.Random(0),
    )
    assert describe_key(numeric) == "2600 (anything between 2500 and 2700 counts)"
    assert describe_response(numeric, 2650.0) == "2650"
    exact = make_snapshot(
        QuestionData(id=3, kind="numeric", prompt="p", numeric_answer=1893), random.Random(0)
    )
    assert describe_key(exact) == "1893"


def test_multiple_describe():
    question = QuestionData(
        id=1,
        kind="multiple",
        prompt="p",
        choices=(ChoiceData("a", True), ChoiceData("b", True), ChoiceData("c")),
    )
    snapshot = make_snapshot(question, random.Random(0), shuffle=False)
    ids = [o["id"] for o in snapshot["options"]]
    assert describe_key(snapshot) == "a, b"
    assert describe_response(snapshot, ids[:2]) == "a, b"


def _bank(n: int, topic: str = "a") -> list[QuestionData]:
    return [QuestionData(id=i, kind="single", prompt=f"Q{i}", topic_slug=topic) for i in range(n)]


def test_a_paper_keeps_hand_picked_questions_in_order_then_draws_from_the_rest():
    bank = _bank(10)
    fixed = [bank[7], bank[2], bank[7]]  # a repeat keeps its first place only
    for seed in range(20):
        paper = assemble_paper(fixed, [Draw(bank, 3), Draw(bank, 2)], random.Random(seed), False)
        ids = [q.id for q in paper]
        assert ids[:2] == [7, 2] and len(ids) == len(set(ids)) == 7


def test_a_draw_respects_its_quotas_and_runs_short_without_repeating():
    bank = _bank(4, "a") + [QuestionData(id=10 + i, kind="single", prompt="b", topic_slug="b")
                            for i in range(4)]  # fmt: skip
    paper = assemble_paper(bank[4:6], [Draw(bank, 4, {"b": 3})], random.Random(1), False)
    ids = [q.id for q in paper]
    assert ids[:2] == [10, 11] and len(set(ids)) == 6
    assert sum(1 for q in paper[2:] if q.topic_slug == "b") == 2  # only two "b" left
    short = assemble_paper([], [Draw(bank[:2], 5)], random.Random(1), False)
    assert [q.id for q in short] == [0, 1]


def test_a_shuffled_paper_mixes_hand_picked_and_drawn_questions():
    bank = _bank(30)
    orders = {
        tuple(q.id for q in assemble_paper(bank[:3], [Draw(bank, 3)], random.Random(s), True))[:3]
        for s in range(20)
    }
    assert len(orders) > 5  # the first three places vary: hand-picked ones are shuffled in
