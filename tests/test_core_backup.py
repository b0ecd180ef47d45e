"""core.backup: a backup document is checked whole before anything is restored."""

import copy
from datetime import datetime

import pytest

from quizapp.core.backup import check_backup

DOC = {
    "format": "quizapp-backup",
    "version": 1,
    "topics": [
        {"slug": "border", "title": "The border", "summary": "", "body": "x", "position": 1}
    ],
    "questions": [
        {
            "key": "q1",
            "kind": "true_false",
            "prompt": "So?",
            "answer": True,
            "topic": "border",
            "status": "published",
            "origin": "curated",
        },
        {"kind": "true_false", "prompt": "No key, no topic?", "answer": False, "topic": None},
    ],
    "quizzes": [
        {
            "slug": "all",
            "title": "All",
            "topics": ["border"],
            "kinds": ["true_false"],
            "difficulties": [2],
            "question_count": 2,
            "topic_quotas": {"border": 1},
            "shuffle": False,
            "feedback_mode": "immediate",
            "time_limit_minutes": 5,
            "max_attempts": None,
            "opens_at": "2026-02-27T08:00",
            "closes_at": None,
            "is_published": True,
        }
    ],
}


def test_a_sound_document():
    check = check_backup(copy.deepcopy(DOC))
    assert check.problems == ()
    assert [t["slug"] for t in check.topics] == ["border"]
    assert [(q["key"], q["status"], q["origin"]) for q in check.questions] == [
        ("q1", "published", "curated"),
        (None, "draft", "curated"),
    ]
    (quiz,) = check.quizzes
    assert quiz["opens_at"] == datetime(2026, 2, 27, 8) and quiz["closes_at"] is None
    assert quiz["description"] == "" and quiz["topic_quotas"] == {"border": 1}


def test_minimal_quiz_takes_defaults():
    doc = {**DOC, "quizzes": [{"title": "Bare"}]}
    (quiz,) = check_backup(doc).quizzes
    assert (quiz["slug"], quiz["question_count"], quiz["shuffle"]) == (None, 10, True)


@pytest.mark.parametrize(
    "slug, purpose",
    [("practice", "practice"), ("check-border", "section_check"), ("all", "assessment")],
)
def test_a_backup_without_purposes_reads_them_from_the_slugs(slug, purpose):
    doc = {**DOC, "quizzes": [{**DOC["quizzes"][0], "slug": slug}]}
    (quiz,) = check_backup(doc).quizzes
    assert quiz["purpose"] == purpose


def test_a_stated_purpose_wins_over_the_slug():
    doc = {**DOC, "quizzes": [{**DOC["quizzes"][0], "slug": "practice", "purpose": "assessment"}]}
    (quiz,) = check_backup(doc).quizzes
    assert quiz["purpose"] == "assessment"


def test_topics_known_to_the_database_count():
    doc = {**DOC, "topics": []}
    assert check_backup(doc).problems != ()
    assert check_backup(doc, {"border"}).problems == ()


@pytest.mark.parametrize("doc", [None, [], {"format": "x"}])
def test_not_a_backup(doc):
    assert check_backup(doc).problems == ("This is not a quizapp question-bank export.",)


def _changed(path: str, value):
    doc = copy.deepcopy(DOC)
    *parents, last = path.split(".")
    target = doc
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        ("version", 2, "Unknown export version 2."),
        ("topics", [1], "topics: expected a list of objects."),
        ("questions", {}, "questions: expected a list of objects."),
        (
            "topics.0.slug",
            None,
            "topics[1]: the slug must be lowercase letters, digits and dashes.",
        ),
        ("topics.0.title", " ", "topics[1]: a section needs a title."),
        ("topics.0.body", 3, "topics[1]: summary and body must be text."),
        ("topics.0.position", "1", "topics[1]: position must be a whole number."),
        ("topics", DOC["topics"] * 2, "topics: two sections share a slug."),
        ("questions.0.prompt", "", "questions[1] (q1): prompt: Write the question."),
        (
            "questions.1.kind",
            "essay",
            "questions[2]: kind: Choose one of the question kinds the app grades.",
        ),
        ("questions.0.topic", "nowhere", "questions[1] (q1): unknown section 'nowhere'."),
        (
            "questions.0.status",
            ["draft"],
            "questions[1] (q1): status must be one of draft, published, retired.",
        ),
        (
            "questions.0.origin",
            "made-up",
            "questions[1] (q1): origin must be one of curated, imported, generated.",
        ),
        (
            "questions.0.use",
            "everywhere",
            "questions[1] (q1): use must be one of graded, check, both.",
        ),
        ("questions.1.key", "q1", "questions: two questions share a key."),
        (
            "quizzes.0.slug",
            "Bad",
            "quizzes[1] (Bad): the slug must be lowercase letters, digits and dashes.",
        ),
        ("quizzes.0.slug", 7, "quizzes[1]: the slug must be lowercase letters, digits and dashes."),
        ("quizzes.0.title", None, "quizzes[1] (all): a quiz needs a title."),
        ("quizzes.0.audience", "everyone", "quizzes[1] (all): audience must be all or classes."),
        (
            "quizzes.0.slots",
            {"a": 1},
            "quizzes[1] (all): slots must be a list of at most 200 entries.",
        ),
        (
            "quizzes.0.question_count",
            -1,  # 0 is a quiz of hand-picked questions and draws only
            "quizzes[1] (all): question_count must be a whole number from 0 to 200.",
        ),
        (
            "quizzes.0.time_limit_minutes",
            0,
            "quizzes[1] (all): time_limit_minutes must be empty or a whole number from 1 to 600.",
        ),
        (
            "quizzes.0.max_attempts",
            True,
            "quizzes[1] (all): max_attempts must be empty or a whole number from 1 to 100.",
        ),
        ("quizzes.0.closes_at", 5, "quizzes[1] (all): 5 is not a date and time (ISO 8601)."),
        (
            "quizzes.0.closes_at",
            "2026-01-01T00:00",
            "quizzes[1] (all): The closing time must be after the opening time.",
        ),
        (
            "quizzes.0.feedback_mode",
            "never",
            "quizzes[1] (all): feedback_mode must be immediate or at_end.",
        ),
        (
            "quizzes.0.release_mode",
            "tomorrow",
            "quizzes[1] (all): release_mode must be immediate, after_close or manual.",
        ),
        ("quizzes.0.description", [], "quizzes[1] (all): description must be text."),
        (
            "quizzes.0.shuffle",
            "yes",
            "quizzes[1] (all): shuffle and is_published must be true or false.",
        ),
        ("quizzes.0.kinds", ["essay"], "quizzes[1] (all): kinds must be a list of question kinds."),
        (
            "quizzes.0.kinds",
            [["single"]],
            "quizzes[1] (all): kinds must be a list of question kinds.",
        ),
        (
            "quizzes.0.difficulties",
            [True],
            "quizzes[1] (all): difficulties must be a list of 1, 2 and 3.",
        ),
        (
            "quizzes.0.topics",
            ["nowhere"],
            "quizzes[1] (all): topics must be a list of known section slugs.",
        ),
        (
            "quizzes.0.topic_quotas",
            {"nowhere": 1},
            "quizzes[1] (all): topic_quotas must map known section slugs to counts.",
        ),
        (
            "quizzes.0.topic_quotas",
            {"border": 0},
            "quizzes[1] (all): topic_quotas must map known section slugs to counts.",
        ),
        (
            "quizzes.0.topic_quotas",
            [],
            "quizzes[1] (all): topic_quotas must map known section slugs to counts.",
        ),
        (
            "quizzes.0.topic_quotas",
            {"border": 3},
            "quizzes[1] (all): The quotas add up to 3, more than the 2 questions.",
        ),
        (
            "quizzes.0.purpose",
            "homework",
            "quizzes[1] (all): purpose must be one of assessment, section_check, practice.",
        ),
        ("quizzes", DOC["quizzes"] * 2, "quizzes: two quizzes share a slug."),
    ],
)
def test_problems_say_where(path, value, problem):
    problems = check_backup(_changed(path, value)).problems
    assert problem in problems, problems
