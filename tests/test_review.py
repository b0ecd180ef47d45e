"""The review after a quiz and the feedback after each question: numbers for people, a short
answer's main answer, options marked right or wrong with the teacher's feedback on each."""

import random
import re

import pytest
from sqlalchemy import select

from quizapp.core.assembly import QuestionData, make_snapshot
from quizapp.core.kinds import ChoiceData
from quizapp.core.readable import (
    readable_key,
    readable_number,
    readable_points,
    tolerance_range,
)
from quizapp.core.review import OptionReview, review_item
from quizapp.models import Quiz, Topic, db
from quizapp.services.bank import question_from_fields

from attempt_helpers import answer, items, start
from conftest import quiz_id

CROSSED = {
    "key": "r-crossed",
    "kind": "numeric",
    "prompt": "About how many people went back in 2023?",
    "answer": 1_000_000,
    "tolerance": 100_000,
    "explanation": "GENERAL-numeric: about a million.",
}
LEADER = {
    "key": "r-leader",
    "kind": "short_text",
    "prompt": "Who has led the TTP since 2018?",
    "accepted": ["Noor Wali Mehsud", "Noor Wali Mehsood", "Mehsud"],
    "explanation": "GENERAL-short: he took over in 2018.",
}
ROAD = {
    "key": "r-road",
    "kind": "single",
    "prompt": "Which crossing is on the road to Kabul?",
    "choices": [
        {"text": "Torkham", "correct": True, "feedback": "OPTION-right: the Khyber Pass road."},
        {"text": "Chaman", "feedback": "OPTION-chaman: that is the Kandahar road."},
        {"text": "Wagah"},
    ],
    "explanation": "GENERAL-single: Torkham is the Kabul crossing.",
}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1e6, "1,000,000"),
        (1893.0, "1893"),  # a year stays a year
        (12_500.0, "12,500"),
        (2.5, "2.5"),
        (-20_000.0, "-20,000"),
        (1e-7, "0.0000001"),
        (-0.0, "0"),
        (12_345_678.9, "12,345,678.9"),
        (1e20, "100,000,000,000,000,000,000"),  # no exponent
        (float("inf"), "inf"),
    ],
)
def test_numbers_are_written_for_people(value, text):
    assert readable_number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(4.0, "4"), (0.0, "0"), (1 / 3, "0.33"), (4 / 3, "1.33"), (2 / 3, "0.67"), (2.5, "2.5")],
)
def test_points_are_written_to_two_decimals_at_most(value, text):
    assert readable_points(value) == text


def test_partial_credit_on_the_result_page_reads_as_points(app, student):
    attempt_id = start(student, quiz_id(app))
    matching = next(i for i in items(app, attempt_id) if i.snapshot["kind"] == "matching")
    prompt, match = next(iter(matching.snapshot["key"]["pairs"].items()))
    partly = {f"match-{prompt}": match, "go": "next"}  # one pair of three: a third of a point
    assert answer(student, attempt_id, matching, partly).status_code == 303
    assert student.post(f"/attempts/{attempt_id}/submit").status_code == 303
    text = text_of(student.get(f"/attempts/{attempt_id}/result").text)
    assert "0.33 out of 7 (4.8 %)" in text  # text_of reads the no-break space as a space
    assert "Partly right · 0.33 points" in text
    assert "0.333" not in text


def test_tolerances_read_as_ranges():
    assert tolerance_range(1e6, 1e5) == ("900,000", "1,100,000")
    assert tolerance_range(0.3, 0.1) == ("0.2", "0.4")  # no 0.19999999999999998
    assert readable_key(1e6, 1e5) == "1,000,000 (anything between 900,000 and 1,100,000 counts)"
    assert readable_key(1893, 0) == "1893"


def snapshot(question: QuestionData) -> dict:
    return make_snapshot(question, random.Random(0), shuffle=False)


def test_review_item_marks_each_option_and_keeps_the_main_short_answer():
    road = snapshot(
        QuestionData(
            id=1,
            kind="single",
            prompt="p",
            explanation="why",
            choices=(ChoiceData("a", True, "fa"), ChoiceData("b", False, "fb"), ChoiceData("c")),
        )
    )
    ids = [o["id"] for o in road["options"]]
    review = review_item(road, ids[1])
    assert review.options == (
        OptionReview("a", True, False, "fa"),
        OptionReview("b", False, True, "fb"),
        OptionReview("c", False, False, ""),
    )
    assert (review.yours, review.right, review.general_feedback) == ("b", "a", "why")
    leader = snapshot(QuestionData(id=2, kind="short_text", prompt="p", accepted=("A b", "Ab")))
    assert (
        review_item(leader, None).right == "A b" and review_item(leader, None).yours == "No answer"
    )
    assert review_item(leader, None).options == ()


def add_quiz(app, slug: str, feedback_mode: str) -> int:
    with app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.slug == "review"))
        if topic is None:
            topic = Topic(slug="review", title="Review", summary="s", body="x {: #x }", position=9)
            db.session.add(topic)
            for fields in (CROSSED, LEADER, ROAD):
                db.session.add(question_from_fields(fields, topic, status="published"))
        quiz = Quiz(slug=slug, title=slug, question_count=3, is_published=True, shuffle=False)
        quiz.feedback_mode, quiz.topics = feedback_mode, [topic]
        db.session.add(quiz)
        db.session.commit()
        return quiz.id


def answer_all(client, app, attempt_id: int) -> dict[str, object]:
    """Answers: the number right, the short answer by a variant, the single wrong (Chaman)."""
    by_kind = {item.snapshot["kind"]: item for item in items(app, attempt_id)}
    single = by_kind["single"]
    chaman = next(o["id"] for o in single.snapshot["options"] if o["text"] == "Chaman")
    forms = {"numeric": {"answer": "1,050,000"}, "short_text": {"answer": "Mehsud"}}
    forms["single"] = {"answer": chaman}
    for kind, item in by_kind.items():
        assert answer(client, attempt_id, item, forms[kind]).status_code == 303
    return by_kind


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_review_reads_well(app, student):
    attempt_id = start(student, add_quiz(app, "review-at-end", "at_end"))
    answer_all(student, app, attempt_id)
    assert student.post(f"/attempts/{attempt_id}/submit").status_code == 303
    html = student.get(f"/attempts/{attempt_id}/result").text
    text = text_of(html)
    assert "1,000,000 (anything between 900,000 and 1,100,000 counts)" in text
    assert "Your answer 1,050,000" in text and "1e+06" not in html and "±" not in html
    assert "The answer Noor Wali Mehsud" in text
    assert "Mehsood" not in html and "Noor Wali Mehsud or" not in html
    # Each option: an icon hidden from screen readers plus words, and its feedback.
    assert re.search(
        r'<li class="review-option is-right">\s*<span class="mark" aria-hidden="true">✓</span>'
        r'\s*<span class="option-text">Torkham</span>\s*<span class="tag">Right answer</span>'
        r'\s*<p class="option-feedback">OPTION-right: the Khyber Pass road.</p>',
        html,
    )
    assert re.search(
        r'<li class="review-option is-wrong is-chosen">\s*<span class="mark" aria-hidden="true">✗'
        r'</span>\s*<span class="option-text">Chaman</span>\s*<span class="tag">Wrong answer · '
        r"you chose this</span>\s*<p class=\"option-feedback\">OPTION-chaman",
        html,
    )
    assert re.search(r'class="tag">Wrong answer</span>\s*</li>', html)  # Wagah: no feedback
    for general in ("GENERAL-numeric", "GENERAL-short", "GENERAL-single"):
        assert f"Feedback: {general}" in text


def test_feedback_after_each_question_marks_the_options(app, student):
    attempt_id = start(student, add_quiz(app, "review-now", "immediate"))
    single = next(i for i in items(app, attempt_id) if i.snapshot["kind"] == "single")
    page = student.get(f"/attempts/{attempt_id}/q/{single.position}").text
    assert "OPTION-" not in page and "review-option" not in page and "GENERAL-" not in page
    chaman = next(o["id"] for o in single.snapshot["options"] if o["text"] == "Chaman")
    answer(student, attempt_id, single, {"answer": chaman})
    page = student.get(f"/attempts/{attempt_id}/q/{single.position}").text
    text = text_of(page)
    assert "Torkham Right answer OPTION-right: the Khyber Pass road." in text
    assert "Chaman Wrong answer · you chose this OPTION-chaman" in text
    assert "GENERAL-single" in text
    numeric = next(i for i in items(app, attempt_id) if i.snapshot["kind"] == "numeric")
    answer(student, attempt_id, numeric, {"answer": "2000000"})
    text = text_of(student.get(f"/attempts/{attempt_id}/q/{numeric.position}").text)
    assert "Your answer: 2,000,000." in text
    assert "The answer: 1,000,000 (anything between 900,000 and 1,100,000 counts)." in text


def test_a_multiple_select_review_marks_every_option_chosen_or_not():
    crossings = snapshot(
        QuestionData(
            id=3,
            kind="multiple",
            prompt="p",
            choices=(ChoiceData("a", True), ChoiceData("b", True), ChoiceData("c", False, "no")),
        )
    )
    a, b, c = (o["id"] for o in crossings["options"])
    chosen = [o.is_chosen for o in review_item(crossings, [a, c]).options]
    assert chosen == [True, False, True]
    assert [o.is_chosen for o in review_item(crossings, None).options] == [False] * 3
    assert [o.is_correct for o in review_item(crossings, None).options] == [True, True, False]
