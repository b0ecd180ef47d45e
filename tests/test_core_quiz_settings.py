"""core.quiz_settings: quotas, dates and slugs of a quiz."""

from datetime import datetime

import pytest

from quizapp.core.quiz_settings import purpose_from_slug, quiz_problems, slugify

JAN, FEB = datetime(2026, 1, 1), datetime(2026, 2, 1)


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"question_count": 5}, {}),
        ({"question_count": 5, "quotas": [("a", 2), ("b", 3)], "topics": []}, {}),
        (
            {"question_count": 5, "quotas": [("a", 2), ("b", 4)]},
            {"quotas": "The quotas add up to 6, more than the 5 questions."},
        ),
        (
            {"question_count": 5, "quotas": [("a", 2)], "topics": ["b"]},
            {"quotas": "A quota names a topic outside the pool: a."},
        ),
        (
            {"question_count": 5, "quotas": [("a", 1), ("a", 1)]},
            {"quotas": "Give each topic at most one quota."},
        ),
        (
            {"question_count": 5, "quotas": [("", 1)]},
            {"quotas": "Give each quota both a topic and a number of questions."},
        ),
        (
            {"question_count": 5, "quotas": [("a", None)]},
            {"quotas": "Give each quota both a topic and a number of questions."},
        ),
        (
            {"question_count": 5, "opens_at": FEB, "closes_at": JAN},
            {"closes_at": "The closing time must be after the opening time."},
        ),
        ({"question_count": 5, "opens_at": JAN, "closes_at": FEB}, {}),
        ({"question_count": 5, "opens_at": None, "closes_at": JAN}, {}),
    ],
)
def test_quiz_problems(settings, expected):
    assert quiz_problems(settings) == expected


@pytest.mark.parametrize(
    ("text", "taken", "slug"),
    [
        ("Border basics", set(), "border-basics"),
        ("Border basics", {"border-basics", "border-basics-2"}, "border-basics-3"),
        ("  Kābul & Kandahār: 2026!  ", set(), "kabul-kandahar-2026"),
        ("???", set(), "quiz"),
        ("x" * 70, set(), "x" * 60),
    ],
)
def test_slugify(text, taken, slug):
    assert slugify(text, taken) == slug


@pytest.mark.parametrize(
    "slug, purpose",
    [
        ("practice", "practice"),
        ("check-border", "section_check"),
        ("check-your-knowledge", "assessment"),  # no section of that name
        ("check-", "assessment"),
        ("whole-article", "assessment"),
        (None, "assessment"),
    ],
)
def test_purpose_from_the_slugs_that_used_to_mark_it(slug, purpose):
    assert purpose_from_slug(slug, {"border"}) == purpose
