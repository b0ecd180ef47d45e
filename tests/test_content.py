"""The shipped content: every question points at a real paragraph, every section has enough
questions, every glossary term is linked, and the explainer reads at a secondary-school level."""

import re
from collections import Counter

import pytest
import textstat

from quizapp.core.markdown import plain_text, render
from quizapp.services import content as content_files

TOPICS = content_files.topic_files()
QUESTIONS = content_files.question_files()
ALL_QUESTIONS = [(slug, q) for slug, questions in QUESTIONS.items() for q in questions]
KINDS = {"single", "multiple", "true_false", "short_text", "numeric", "ordering", "matching"}
MIN_PER_SECTION = 15


def anchors(slug: str) -> set[str]:
    topic = next(t for t in TOPICS if t.slug == slug)
    return set(render(topic.body).anchors)


def test_there_are_six_sections_and_each_has_a_question_file():
    assert len(TOPICS) >= 6
    assert {t.slug for t in TOPICS} == set(QUESTIONS)


@pytest.mark.parametrize("slug", [t.slug for t in TOPICS])
def test_each_section_has_enough_questions(slug):
    assert len(QUESTIONS.get(slug, [])) >= MIN_PER_SECTION


def test_bank_size_kinds_and_difficulty_balance():
    assert len(ALL_QUESTIONS) >= 120
    assert {q["kind"] for _, q in ALL_QUESTIONS} == KINDS
    difficulties = Counter(q["difficulty"] for _, q in ALL_QUESTIONS)
    assert set(difficulties) == {1, 2, 3}
    assert min(difficulties.values()) >= len(ALL_QUESTIONS) // 6


def test_keys_are_unique():
    keys = [q["key"] for _, q in ALL_QUESTIONS]
    assert len(keys) == len(set(keys))


def question_problems(slug: str, q: dict) -> list[str]:
    """Everything wrong with one question entry (empty when it is fine)."""
    problems = []
    if q.get("anchor") not in anchors(slug):
        problems.append(f"anchor {q.get('anchor')!r} is not a paragraph id of {slug}")
    if not q.get("explanation", "").strip():
        problems.append("empty explanation")
    if q["kind"] not in KINDS:
        problems.append(f"unknown kind {q['kind']}")
    if q.get("difficulty") not in (1, 2, 3):
        problems.append("difficulty must be 1, 2 or 3")
    texts = [c["text"].strip().casefold() for c in q.get("choices", [])]
    texts += [i.strip().casefold() for i in q.get("items", [])]
    if len(texts) != len(set(texts)):
        problems.append("duplicate options")
    correct = sum(bool(c.get("correct")) for c in q.get("choices", []))
    if q["kind"] == "single" and correct != 1:
        problems.append(f"single choice with {correct} correct options")
    if q["kind"] == "multiple" and correct < 1:
        problems.append("multiple select without a correct option")
    if q["kind"] in ("single", "multiple") and len(texts) < 3:
        problems.append("fewer than 3 options")
    if q["kind"] == "short_text" and not q.get("accepted"):
        problems.append("short answer without accepted answers")
    if q["kind"] == "numeric" and (
        not isinstance(q.get("answer"), int | float) or q.get("tolerance", 0) < 0
    ):
        problems.append("numeric without a number or with a negative tolerance")
    if q["kind"] == "true_false" and not isinstance(q.get("answer"), bool):
        problems.append("true/false without a boolean answer")
    if q["kind"] == "ordering" and len(q.get("items", [])) < 3:
        problems.append("ordering with fewer than 3 items")
    if q["kind"] == "matching" and len(q.get("pairs", [])) < 3:
        problems.append("matching with fewer than 3 pairs")
    return problems


@pytest.mark.parametrize(
    ("slug", "question"), ALL_QUESTIONS, ids=[q["key"] for _, q in ALL_QUESTIONS]
)
def test_question_entry(slug, question):
    assert question_problems(slug, question) == []


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (
            {
                "kind": "single",
                "anchor": "nope",
                "explanation": "x",
                "difficulty": 1,
                "choices": [{"text": "a", "correct": True}, {"text": "b"}, {"text": "c"}],
            },
            "anchor",
        ),
        (
            {
                "kind": "single",
                "explanation": "",
                "difficulty": 1,
                "choices": [{"text": "a", "correct": True}, {"text": "b"}, {"text": "c"}],
            },
            "empty explanation",
        ),
        (
            {
                "kind": "single",
                "explanation": "x",
                "difficulty": 1,
                "choices": [
                    {"text": "a", "correct": True},
                    {"text": "b", "correct": True},
                    {"text": "c"},
                ],
            },
            "single choice with 2",
        ),
        (
            {
                "kind": "single",
                "explanation": "x",
                "difficulty": 1,
                "choices": [{"text": "a", "correct": True}, {"text": "A "}, {"text": "c"}],
            },
            "duplicate options",
        ),
        (
            {"kind": "ordering", "explanation": "x", "difficulty": 1, "items": ["a", "b"]},
            "ordering",
        ),
        ({"kind": "matching", "explanation": "x", "difficulty": 9, "pairs": []}, "difficulty"),
    ],
)
def test_the_content_checks_catch_bad_entries(entry, problem):
    slug = TOPICS[0].slug
    assert any(problem in p for p in question_problems(slug, entry))


def test_every_glossary_term_is_linked_from_a_section():
    bodies = "\n".join(t.body for t in TOPICS)
    linked = set(re.findall(r"/learn/glossary#([a-z0-9-]+)", bodies))
    terms = {t["slug"] for t in content_files.glossary()}
    assert terms - linked == set()
    assert linked - terms == set()


def test_timeline_has_twenty_dated_events_linked_to_sections():
    events = content_files.timeline()
    slugs = {t.slug for t in TOPICS}
    assert len(events) >= 20
    assert all(e["topic"] in slugs for e in events)
    assert str(events[0]["date"]).startswith("1893") and str(events[-1]["date"]).startswith(
        "2026-02"
    )


def test_sources_have_checked_dates_and_real_addresses():
    sources = content_files.sources()
    assert len(sources) >= 20
    assert all(s["url"].startswith(("https://", "http://")) and s["checked"] for s in sources)


def test_durand_line_length_is_given_as_a_range_not_one_number():
    body = next(t.body for t in TOPICS if t.slug == "durand-line")
    assert "2,600" in body and "2,400" in body and "2,670" in body
    exact = re.compile(r"\b2,(?:2|4|5|6)\d0 ?km|\b2,(?:574|611|640|670|430) ?km")
    for _, q in ALL_QUESTIONS:
        right = [c["text"] for c in q.get("choices", []) if c.get("correct")] + q.get(
            "accepted", []
        )
        assert not any(exact.search(t) and "about" not in t.lower() for t in right), q["key"]
        if q["kind"] == "numeric":
            assert not re.search(r"\bkm\b|kilomet|how long is|length", q["prompt"], re.I), q["key"]


@pytest.mark.parametrize("topic", TOPICS, ids=[t.slug for t in TOPICS])
def test_reading_level_for_15_to_18_year_olds(topic, record_property):
    grade = textstat.flesch_kincaid_grade(plain_text(topic.body))
    minutes = render(topic.body).minutes
    record_property("fk_grade", grade)
    print(f"\n{topic.slug}: Flesch-Kincaid grade {grade:.1f}, {minutes} min")
    assert 6 <= grade <= 12
    assert 2 <= minutes <= 6
