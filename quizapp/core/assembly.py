"""Drawing a paper for one attempt, and the snapshot of each question as it was shown.

A paper is drawn from a quiz's pool with a seeded `random.Random`, so the same seed and pool give
the same paper. Option ids in a snapshot are random opaque tokens: neither their values nor their
order says which option is right.
"""

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from quizapp.core.kinds import ChoiceData, kind_of
from quizapp.core.kinds.base import NewId, random_option_id
from quizapp.core.paper_rules import clashes, complete, pick

__all__ = ["ChoiceData", "Draw", "QuestionData", "assemble_paper", "draw_paper", "make_snapshot"]


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
    never_with: frozenset[int] = frozenset()  # ids a teacher said never to draw with this one


def draw_paper(
    pool: Sequence[QuestionData],
    count: int,
    rng: random.Random,
    quotas: Mapping[str, int] | None = None,
    shuffle: bool = True,
    taken: Sequence[QuestionData] = (),
) -> list[QuestionData]:
    """Pick `count` questions: first each topic's quota, then the rest from the whole pool;
    no two that give each other away (core.paper_rules), nor one that gives away a question
    already `taken` for the paper, while the pool allows it."""
    remaining = sorted(pool, key=lambda q: q.id)
    apart = clashes([*taken, *remaining])
    paper: list[QuestionData] = []
    for topic_slug, quota in sorted((quotas or {}).items()):
        in_topic = [q for q in remaining if q.topic_slug == topic_slug]
        paper += pick(in_topic, min(quota, count - len(paper)), rng, [*taken, *paper], apart)
        remaining = [q for q in remaining if q not in paper]
    paper += pick(remaining, count - len(paper), rng, [*taken, *paper], apart)
    paper += complete(remaining, count - len(paper), rng, [*taken, *paper])
    if shuffle:
        rng.shuffle(paper)
    else:
        paper.sort(key=lambda q: q.id)
    return paper


@dataclass(frozen=True)
class Draw:
    """`count` questions at random from `pool`, each topic's quota (slug → count) first."""

    pool: Sequence[QuestionData]
    count: int
    quotas: Mapping[str, int] = field(default_factory=dict)


def assemble_paper(
    fixed: Sequence[QuestionData],
    draws: Sequence[Draw],
    rng: random.Random,
    shuffle: bool = True,
) -> list[QuestionData]:
    """One paper: the hand-picked `fixed` questions in their order, then each draw in turn from
    the questions not already on the paper; the whole paper shuffled when `shuffle`.

    Every random choice of a paper is made here, so a rule over which questions may share a
    paper has one place to apply to the draws.
    """
    paper = list({question.id: question for question in fixed}.values())  # first place kept
    taken = {question.id for question in paper}
    for draw in draws:
        candidates = [question for question in draw.pool if question.id not in taken]
        drawn = draw_paper(candidates, draw.count, rng, draw.quotas, shuffle=False, taken=paper)
        taken.update(question.id for question in drawn)
        paper += drawn
    if shuffle:
        rng.shuffle(paper)
    return paper


def make_snapshot(
    question: QuestionData,
    rng: random.Random,
    shuffle: bool = True,
    new_id: NewId = random_option_id,
) -> dict:
    """What the student is shown (`options`, `answers`) and the key used to grade it."""
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
    snapshot.update(kind_of(question.kind).snapshot(question, rng, shuffle, new_id))
    return snapshot
