"""The shipped content: every question points at a real paragraph, every section has enough
questions, every glossary term is linked, every figure, quote and date has a source, the bank
has no tells (balanced true/false keys, no near-duplicate prompts, keys not stored first), and
the explainer reads at Flesch-Kincaid grade 9 or below."""

import re
from collections import Counter
from difflib import SequenceMatcher

import pytest
import textstat

from quizapp.core.markdown import plain_text, render
from quizapp.services import content as content_files

TOPICS = content_files.topic_files()
QUESTIONS = content_files.question_files()
ALL_QUESTIONS = [(slug, q) for slug, questions in QUESTIONS.items() for q in questions]
KINDS = {"single", "multiple", "true_false", "short_text", "numeric", "ordering", "matching"}
MIN_PER_SECTION = 15
MAX_GRADE = 9
TRUE_SHARE = (0.35, 0.65)
NEAR_DUPLICATE = 0.9
# Words that, if they went with one key, would answer a true/false question by themselves.
LOADED_WORDS = ("verified", "confirm", "established", "sources agree", "fact")


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
def test_reading_level_grade_9_or_below(topic, record_property):
    grade = textstat.flesch_kincaid_grade(plain_text(topic.body))
    minutes = render(topic.body).minutes
    record_property("fk_grade", grade)
    print(f"\n{topic.slug}: Flesch-Kincaid grade {grade:.1f}, {minutes} min")
    assert 6 <= grade <= MAX_GRADE
    assert 2 <= minutes <= 6


# --- A bank with no tells ---------------------------------------------------------------


def true_share(questions: list[dict]) -> float | None:
    """The share of true/false questions whose key is True (None when there are none)."""
    keys = [q["answer"] for q in questions if q["kind"] == "true_false"]
    return sum(keys) / len(keys) if keys else None


def near_duplicates(questions: list[dict], limit: float = NEAR_DUPLICATE) -> list[tuple]:
    """Pairs of question keys whose prompts are at least `limit` alike (difflib ratio)."""
    prompts = [(q["key"], " ".join(q["prompt"].casefold().split())) for q in questions]
    return [
        (a, b, round(ratio, 2))
        for i, (a, pa) in enumerate(prompts)
        for b, pb in prompts[i + 1 :]
        if (ratio := SequenceMatcher(None, pa, pb).ratio()) >= limit
    ]


def stored_first_share(questions: list[dict]) -> float:
    """The share of choice questions whose first stored option is a correct one."""
    choice = [q for q in questions if q["kind"] in ("single", "multiple")]
    return sum(bool(q["choices"][0].get("correct")) for q in choice) / len(choice)


def loaded_word_shares(questions: list[dict]) -> dict[str, tuple[int, int]]:
    """For true/false prompts with a loaded word: (number keyed True, number in all)."""
    tf = [q for q in questions if q["kind"] == "true_false"]
    return {
        word: (sum(q["answer"] for q in hits), len(hits))
        for word in LOADED_WORDS
        if (hits := [q for q in tf if word in q["prompt"].casefold()])
    }


def test_true_false_keys_are_balanced_across_the_bank():
    share = true_share([q for _, q in ALL_QUESTIONS])
    assert TRUE_SHARE[0] <= share <= TRUE_SHARE[1], f"{share:.0%} of true/false keys are True"


@pytest.mark.parametrize("slug", list(QUESTIONS))
def test_true_false_keys_are_balanced_within_each_section(slug):
    share = true_share(QUESTIONS[slug])
    assert share is not None, f"{slug} has no true/false questions"
    assert TRUE_SHARE[0] <= share <= TRUE_SHARE[1], f"{slug}: {share:.0%} True"


def test_loaded_words_do_not_predict_the_true_false_key():
    shares = loaded_word_shares([q for _, q in ALL_QUESTIONS])
    true = sum(t for t, _ in shares.values())
    total = sum(n for _, n in shares.values())
    assert total >= 4 and TRUE_SHARE[0] <= true / total <= TRUE_SHARE[1], shares
    for word, (t, n) in shares.items():
        assert n < 3 or 0 < t < n, f"every {word!r} prompt has the same key: {shares}"


def test_no_two_prompts_are_near_duplicates():
    assert near_duplicates([q for _, q in ALL_QUESTIONS]) == []


def test_keys_are_not_stored_first():
    assert stored_first_share([q for _, q in ALL_QUESTIONS]) <= 0.5


def tf(key: str, answer: bool, prompt: str = "True or false: x.") -> dict:
    return {"key": key, "kind": "true_false", "answer": answer, "prompt": prompt}


def single(key: str, first_is_key: bool) -> dict:
    options = [{"text": "b"}, {"text": "c"}]
    right = {"text": "a", "correct": True}
    choices = [right, *options] if first_is_key else [*options, right]
    return {"key": key, "kind": "single", "prompt": key, "choices": choices}


def test_the_bank_checks_catch_a_bank_with_tells():
    lopsided = [tf("a", False), tf("b", False), tf("c", False), tf("d", True)]
    assert true_share(lopsided) == 0.25
    assert near_duplicates(
        [
            {"key": "x", "prompt": "What did the TTP do in November 2022?"},
            {"key": "y", "prompt": "What did the TTP do in  November 2022 ?"},
        ]
    ) == [("x", "y", 0.99)]
    assert stored_first_share([single("p", True), single("q", True), single("r", False)]) > 0.5
    verified = [tf(k, False, f"True or false: {k} was independently verified.") for k in "abc"]
    assert loaded_word_shares(verified) == {"verified": (0, 3)}


# --- Sources ------------------------------------------------------------------------------

SOURCES = content_files.sources()
SOURCE_IDS = [s.get("id") for s in SOURCES]
# A paragraph needs a source when it gives a figure, a year or a date, or a quotation.
NEEDS_SOURCE = re.compile(r"\d|\"")
PARAGRAPH = re.compile(r"^(?!#)(?P<text>.*\S)\s*\{: #(?P<id>[a-z0-9-]+) \}\s*$", re.MULTILINE)


def unsourced_paragraphs(topics, sources) -> list[str]:
    """`section#paragraph` for each paragraph with a figure, date or quote no source supports."""
    supported = {place for s in sources for place in s.get("supports", [])}
    return [
        f"{t.slug}#{m['id']}"
        for t in topics
        for m in PARAGRAPH.finditer(t.body)
        if NEEDS_SOURCE.search(plain_text(m["text"])) and f"{t.slug}#{m['id']}" not in supported
    ]


def unknown_citations(events, sources) -> list[str]:
    ids = {s.get("id") for s in sources}
    return [f"{e['date']}: {c}" for e in events for c in e.get("sources", []) if c not in ids]


def test_sources_have_unique_ids():
    assert all(SOURCE_IDS) and len(SOURCE_IDS) == len(set(SOURCE_IDS))


def test_every_place_a_source_supports_is_a_real_paragraph():
    wrong = [
        place
        for s in SOURCES
        for place in s["supports"]
        if place.partition("#")[2] not in anchors(place.partition("#")[0])
    ]
    assert SOURCES and all(s.get("supports") for s in SOURCES) and wrong == []


def test_a_sources_topics_are_the_sections_it_supports():
    for s in SOURCES:
        assert set(s["topics"]) == {place.partition("#")[0] for place in s["supports"]}, s["id"]


def test_every_figure_quote_and_date_in_the_explainer_has_a_source():
    assert unsourced_paragraphs(TOPICS, SOURCES) == []


def test_every_source_a_timeline_event_cites_exists():
    events = content_files.timeline()
    assert all(e.get("sources") for e in events)
    assert unknown_citations(events, SOURCES) == []


def test_the_seed_article_is_a_source():
    assert any("article this app is based on" in s["title"] for s in SOURCES)


def test_the_source_checks_catch_missing_sources():
    topic = content_files.TopicFile("t", "T", "", 'He said "no" in 1990. {: #quote }', 1)
    assert unsourced_paragraphs([topic], []) == ["t#quote"]
    assert unsourced_paragraphs([topic], [{"supports": ["t#quote"]}]) == []
    events = [{"date": "2001", "sources": ["known", "typo"]}]
    assert unknown_citations(events, [{"id": "known"}]) == ["2001: typo"]
