"""Drawing a paper for one attempt, and the snapshot of each question as it was shown.

A paper is drawn from a quiz's pool with a seeded `random.Random`, so the same seed and pool give
the same paper. Option ids in a snapshot are random opaque tokens: neither their values nor their
order says which option is right.
"""

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChoiceData:
    text: str
    is_correct: bool = False
    feedback: str = ""
    match_text: str | None = None


@dataclass(frozen=True)
class QuestionData:
    id: int
    kind: str
    prompt: str
    topic_slug: str = ""
    explanation: str = ""
    anchor: str = ""
    difficulty: int = 2
    choices: tuple[ChoiceData, ...] = ()
    numeric_answer: float | None = None
    tolerance: float | None = None
    accepted: tuple[str, ...] = field(default_factory=tuple)


def draw_paper(
    pool: Sequence[QuestionData],
    count: int,
    rng: random.Random,
    quotas: Mapping[str, int] | None = None,
    shuffle: bool = True,
) -> list[QuestionData]:
    """Pick `count` questions: first each topic's quota, then the rest from the whole pool."""
    remaining = sorted(pool, key=lambda q: q.id)
    paper: list[QuestionData] = []
    for topic_slug, quota in sorted((quotas or {}).items()):
        in_topic = [q for q in remaining if q.topic_slug == topic_slug]
        paper += rng.sample(in_topic, min(quota, len(in_topic), count - len(paper)))
        remaining = [q for q in remaining if q not in paper]
    paper += rng.sample(remaining, min(count - len(paper), len(remaining)))
    if shuffle:
        rng.shuffle(paper)
    else:
        paper.sort(key=lambda q: q.id)
    return paper


def _token(rng: random.Random, taken: set[str]) -> str:
    while True:
        token = f"{rng.getrandbits(40):010x}"
        if token not in taken:
            taken.add(token)
            return token


def make_snapshot(question: QuestionData, rng: random.Random, shuffle: bool = True) -> dict:
    """What the student is shown (`options`, `answers`) and the key used to grade it."""
    taken: set[str] = set()
    snapshot = {
        "kind": question.kind,
        "prompt": question.prompt,
        "explanation": question.explanation,
        "topic_slug": question.topic_slug,
        "anchor": question.anchor,
        "difficulty": question.difficulty,
        "options": [],
        "feedback": {},
    }
    if question.kind in ("short_text", "numeric"):
        snapshot["key"] = (
            {"accepted": list(question.accepted)}
            if question.kind == "short_text"
            else {"value": question.numeric_answer, "tolerance": question.tolerance or 0.0}
        )
        return snapshot
    if question.kind == "matching":
        return _matching_snapshot(snapshot, question, rng, taken)
    choices = list(question.choices)
    options = [(_token(rng, taken), choice) for choice in choices]
    snapshot["feedback"] = {oid: c.feedback for oid, c in options if c.feedback}
    if question.kind == "ordering":
        snapshot["key"] = {"order": [oid for oid, _ in options]}
        shown = _shuffled_differently(options, rng)
    else:
        snapshot["key"] = {"correct": [oid for oid, c in options if c.is_correct]}
        shown = list(options)
        if shuffle and question.kind != "true_false":
            rng.shuffle(shown)
    snapshot["options"] = [{"id": oid, "text": c.text} for oid, c in shown]
    return snapshot


def _shuffled_differently(items: list, rng: random.Random) -> list:
    """A shuffled copy that is never the original order (the order is the answer)."""
    shown = list(items)
    while len(shown) > 1 and shown == items:
        rng.shuffle(shown)
    return shown


def _matching_snapshot(snapshot: dict, question: QuestionData, rng, taken) -> dict:
    prompts = [(_token(rng, taken), c.text) for c in question.choices]
    answers = [(_token(rng, taken), c.match_text or "") for c in question.choices]
    snapshot["options"] = [{"id": pid, "text": text} for pid, text in prompts]
    snapshot["answers"] = [
        {"id": aid, "text": text} for aid, text in sorted(answers, key=lambda a: a[1].casefold())
    ]
    snapshot["key"] = {
        "pairs": {pid: aid for (pid, _), (aid, _) in zip(prompts, answers, strict=True)}
    }
    return snapshot
