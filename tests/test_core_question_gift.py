"""core.question_gift: bank fields ↔ GIFT questions."""

import pytest

from quizapp.core.gift import (
    GiftAnswer,
    GiftPair,
    GiftQuestion,
    parse_gift,
    write_gift,
)
from quizapp.core.question_gift import (
    fields_from_gift,
    gift_from_fields,
    topic_for_category,
)
from quizapp.core.questions import check_question

TOPICS = {"border": "The border", "kabul-strikes": "Strikes on Kabul"}
FIELDS = [
    {
        "kind": "single",
        "key": "s",
        "prompt": "Which?",
        "explanation": "Because.",
        "difficulty": 1,
        "anchor": "a-1",
        "choices": [
            {"text": "A", "correct": True, "feedback": "Yes."},
            {"text": "B", "correct": False, "feedback": ""},
        ],
    },
    {
        "kind": "multiple",
        "key": "m",
        "prompt": "Which ones?",
        "explanation": "",
        "difficulty": 3,
        "anchor": "",
        "choices": [
            {"text": "A", "correct": True, "feedback": ""},
            {"text": "B", "correct": True, "feedback": ""},
            {"text": "C", "correct": True, "feedback": ""},
            {"text": "D", "correct": False, "feedback": "No."},
        ],
    },
    {
        "kind": "true_false",
        "key": "t",
        "prompt": "So?",
        "explanation": "",
        "difficulty": 2,
        "anchor": "",
        "answer": False,
    },
    {
        "kind": "short_text",
        "key": "x",
        "prompt": "Name?",
        "explanation": "",
        "difficulty": 2,
        "anchor": "",
        "accepted": ["Torkham", "Torkham crossing"],
    },
    {
        "kind": "numeric",
        "key": "n",
        "prompt": "Year?",
        "explanation": "",
        "difficulty": 2,
        "anchor": "",
        "answer": 1893.5,
        "tolerance": 0.25,
    },
    {
        "kind": "matching",
        "key": "p",
        "prompt": "Match {these}: a=b",
        "explanation": "#1",
        "difficulty": 2,
        "anchor": "",
        "pairs": [
            {"prompt": "TTP", "answer": "Taliban"},
            {"prompt": "BLA", "answer": "Baloch"},
            {"prompt": "PoR", "answer": "Registration"},
        ],
    },
]


@pytest.mark.parametrize("fields", FIELDS, ids=lambda f: f["kind"])
def test_write_then_read_gives_the_same_fields(fields):
    text = write_gift([gift_from_fields(fields, "border")])
    parsed = parse_gift(text)
    assert parsed.problems == ()
    (question,) = parsed.questions
    assert question.category == "border"
    assert check_question(fields_from_gift(question)).fields == fields


def test_ordering_has_no_gift_form():
    assert gift_from_fields({"kind": "ordering", "prompt": "Order", "items": ["a", "b"]}) is None


def test_name_is_the_key_or_the_start_of_the_prompt():
    long = {"kind": "true_false", "prompt": "word " * 30, "answer": True}
    assert gift_from_fields(long).name == ("word " * 11).strip() + "..."
    assert gift_from_fields({**long, "prompt": "x" * 70}).name == "x" * 57 + "..."
    assert gift_from_fields({**long, "prompt": "Short  one"}).name == "Short one"
    assert gift_from_fields({**long, "key": "k"}).name == "k"


def test_html_text_becomes_plain_text():
    question = GiftQuestion(
        "n",
        "short_text",
        "<p>Name the <b>crossing</b> &amp; gate</p>",
        text_format="html",
        general_feedback="<i>It is</i> Torkham",
        answers=(GiftAnswer("<b>Torkham</b>", 1.0), GiftAnswer("half", 0.5)),
    )
    fields = fields_from_gift(question)
    assert fields["prompt"] == "Name the crossing & gate"
    assert fields["explanation"] == "It is Torkham" and fields["accepted"] == ["Torkham"]


def test_partial_credit_and_distractors_are_dropped():
    single = GiftQuestion(
        "s",
        "single",
        "Q",
        answers=(GiftAnswer("right", 1.0), GiftAnswer("half", 0.5), GiftAnswer("wrong", 0.0)),
    )
    assert [c["correct"] for c in fields_from_gift(single)["choices"]] == [True, False, False]
    matching = GiftQuestion("m", "matching", "Q", pairs=(GiftPair("a", "1"), GiftPair("", "2")))
    assert fields_from_gift(matching)["pairs"] == [{"prompt": "a", "answer": "1"}]
    numeric = GiftQuestion("n", "numeric", "Q", answers=(GiftAnswer("*", 0.0),))
    assert (fields_from_gift(numeric)["answer"], fields_from_gift(numeric)["tolerance"]) == (
        None,
        0.0,
    )
    truth = GiftQuestion("t", "true_false", "Q", answers=())
    assert fields_from_gift(truth)["answer"] is None


@pytest.mark.parametrize("tags", [(), ("difficulty:9",), ("difficulty:x", "anchor:")])
def test_missing_or_odd_tags_fall_back(tags):
    fields = fields_from_gift(
        GiftQuestion("t", "true_false", "Q", tags=tags, answers=(GiftAnswer("True", 1.0),))
    )
    assert (fields["difficulty"], fields["anchor"]) == (2, "")


@pytest.mark.parametrize(
    ("category", "slug"),
    [
        ("border", "border"),
        ("The Border", "border"),
        ("$course$/top/Strikes on Kabul", "kabul-strikes"),
        ("$course$/top/border", "border"),
        ("", None),
        ("Elsewhere", None),
        ("top/", None),
    ],
)
def test_topic_for_category(category, slug):
    assert topic_for_category(category, TOPICS) == slug
