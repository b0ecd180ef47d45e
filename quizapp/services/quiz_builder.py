"""Building a quiz: its settings (the quiz form, a backup), its hand-picked questions and extra
random draws (`QuizSlot` rows), and drawing a paper from all of them.

Views and CLI commands call this and commit; it never commits.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from quizapp.core.assembly import Draw, QuestionData, assemble_paper
from quizapp.core.paper_check import Giveaway, giveaways
from quizapp.core.question_use import uses_for
from quizapp.models import Question, Quiz, QuizSlot, Topic, db
from quizapp.services.bank import question_data
from quizapp.services.never_with import partner_map
from quizapp.services.pools import pool_of

MAX_SLOTS = 100
SEARCH_RESULTS = 20
SHOWN_GIVEAWAYS = 10


class SlotError(Exception):
    """A slot change that cannot be made; `status` is the HTTP status to answer with and
    `field` the form field the message belongs beside ("" for the page)."""

    def __init__(self, message: str, status: int = 422, field: str = ""):
        super().__init__(message)
        self.message, self.status, self.field = message, status, field


ALREADY_PICKED = "That question is already in the quiz: a paper holds it once."


def apply_quiz(quiz: Quiz, settings: dict, topics: dict[str, Topic]) -> None:
    """Copy checked quiz settings (see forms.quizzes.QuizForm.settings) onto `quiz`."""
    for name in (
        "title",
        "description",
        "kinds",
        "difficulties",
        "question_count",
        "shuffle",
        "feedback_mode",
        "time_limit_minutes",
        "max_attempts",
        "opens_at",
        "closes_at",
        "is_published",
    ):
        setattr(quiz, name, settings[name])
    if "release_mode" in settings:  # backups made before it existed leave it as it is
        quiz.release_mode = settings["release_mode"]
    quiz.audience = settings.get("audience", quiz.audience or "all")
    quiz.topics = [topics[slug] for slug in settings["topics"] if slug in topics]
    quiz.topic_quotas = {slug: count for slug, count in settings["quotas"]}


# --- drawing a paper ---------------------------------------------------------------------------


def _published(query):
    return query.where(Question.status == "published").options(
        selectinload(Question.choices), selectinload(Question.topic)
    )


def fixed_questions(quiz: Quiz) -> list[QuestionData]:
    """The quiz's hand-picked questions that are published, in the teacher's order."""
    order = [slot.question_id for slot in quiz.slots if slot.is_fixed]
    if not order:
        return []
    rows = db.session.scalars(_published(select(Question).where(Question.id.in_(order))))
    by_id = {question.id: question for question in _with_partners(list(rows))}
    return [by_id[question_id] for question_id in order if question_id in by_id]


def _with_partners(questions: list[Question]) -> list[QuestionData]:
    """The questions as the core draws them, each with its "never with" partners."""
    apart = partner_map([q.id for q in questions])
    return [replace(question_data(q), never_with=frozenset(apart.get(q.id, ()))) for q in questions]


def slot_pool(slot: QuizSlot, purpose: str) -> list[QuestionData]:
    """The published questions a random slot draws from: those meant for the quiz's purpose
    (a graded quiz never draws a question kept for the section checks)."""
    query = _published(select(Question).where(Question.use.in_(uses_for(purpose))))
    if slot.topic_id is not None:
        query = query.where(Question.topic_id == slot.topic_id)
    if slot.kind:
        query = query.where(Question.kind == slot.kind)
    if slot.difficulty is not None:
        query = query.where(Question.difficulty == slot.difficulty)
    return _with_partners(list(db.session.scalars(query)))


def paper_draws(quiz: Quiz) -> list[Draw]:
    """The random part of a paper: each random slot in order, then the quiz's own pool."""
    draws = [
        Draw(slot_pool(slot, quiz.purpose), slot.count) for slot in quiz.slots if not slot.is_fixed
    ]
    if quiz.question_count:
        draws.append(Draw(pool_of(quiz), quiz.question_count, quiz.topic_quotas or {}))
    return draws


def draw_quiz_paper(quiz: Quiz, rng: random.Random) -> list[QuestionData]:
    """One paper of `quiz` (hand-picked questions first, then the draws), nothing written."""
    return assemble_paper(fixed_questions(quiz), paper_draws(quiz), rng, quiz.shuffle)


@dataclass(frozen=True)
class GiveawayWarning:
    """What the quiz editor warns of: the first pairs some paper cannot keep apart, and how
    many more there are."""

    pairs: tuple[Giveaway, ...]
    more: int
    on_every_paper: bool  # some pair is hand-picked on both sides


def giveaway_warning(quiz: Quiz) -> GiveawayWarning | None:
    """The giveaway pairs papers of `quiz` cannot keep apart (core.paper_check), None when every
    paper can be drawn without one. A check over the quiz's questions: no paper is drawn."""
    found = giveaways(fixed_questions(quiz), paper_draws(quiz))
    if not found:
        return None
    shown = tuple(found[:SHOWN_GIVEAWAYS])
    return GiveawayWarning(shown, len(found) - len(shown), any(g.on_every_paper for g in found))


def paper_size(quiz: Quiz) -> int:
    """Questions a paper asks for (fewer when a pool runs short)."""
    return quiz.question_count + sum(1 if s.is_fixed else s.count for s in quiz.slots)


# --- editing the slots -------------------------------------------------------------------------


@dataclass(frozen=True)
class SlotRow:
    """A slot as the editor lists it."""

    id: int
    question: Question | None
    topic: str
    kind: str
    difficulty: int | None
    count: int


def slot_rows(quiz: Quiz) -> list[SlotRow]:
    ids = [slot.question_id for slot in quiz.slots if slot.is_fixed]
    questions = {}
    if ids:
        query = select(Question).where(Question.id.in_(ids)).options(selectinload(Question.topic))
        questions = {question.id: question for question in db.session.scalars(query)}
    topics = dict(db.session.execute(select(Topic.id, Topic.title)).all())
    return [
        SlotRow(
            s.id,
            questions.get(s.question_id),
            topics.get(s.topic_id, ""),
            s.kind or "",
            s.difficulty,
            s.count,
        )  # fmt: skip
        for s in quiz.slots
    ]


def _next_position(quiz: Quiz) -> int:
    if len(quiz.slots) >= MAX_SLOTS:
        raise SlotError(f"A quiz holds at most {MAX_SLOTS} entries.", 409)
    return max((slot.position for slot in quiz.slots), default=0) + 1


def add_question(quiz: Quiz, question_id: int) -> Question:
    """Hand-pick a published question for `quiz`."""
    question = db.session.get(Question, question_id)
    if question is None or question.status != "published":
        raise SlotError(
            "That question is not in the bank's published questions.", 404, "question_id"
        )
    if any(slot.question_id == question_id for slot in quiz.slots):
        raise SlotError(ALREADY_PICKED, 409, "question_id")
    quiz.slots.append(QuizSlot(position=_next_position(quiz), question_id=question_id))
    try:
        db.session.flush()  # the unique index catches a pick made meanwhile by another request
    except IntegrityError:
        raise SlotError(ALREADY_PICKED, 409, "question_id") from None
    return question


def add_draw(quiz: Quiz, topic_id: int | None, kind: str, difficulty: int | None, count: int):
    """Add a random draw of `count` published questions matching the filters (empty = any)."""
    if topic_id is not None and db.session.get(Topic, topic_id) is None:
        raise SlotError("That section does not exist.", 404)
    slot = QuizSlot(
        position=_next_position(quiz),
        topic_id=topic_id,
        kind=kind or None,
        difficulty=difficulty,
        count=count,
    )
    quiz.slots.append(slot)
    return slot


def quiz_slot(quiz: Quiz, slot_id: int) -> QuizSlot:
    slot = next((slot for slot in quiz.slots if slot.id == slot_id), None)
    if slot is None:
        raise SlotError("That entry is not in this quiz.", 404)
    return slot


def move_slot(quiz: Quiz, slot_id: int, step: int) -> bool:
    """Swap a slot with its neighbour (`step` -1 up, +1 down); False at either end."""
    slots = list(quiz.slots)
    index = slots.index(quiz_slot(quiz, slot_id))
    other = index + step
    if not 0 <= other < len(slots):
        return False
    slots[index].position, slots[other].position = slots[other].position, slots[index].position
    return True


def remove_slot(quiz: Quiz, slot_id: int) -> None:
    quiz.slots.remove(quiz_slot(quiz, slot_id))


def search_bank(words: str, topic_slug: str, exclude: Sequence[int]) -> list[Question]:
    """Published questions whose prompt holds `words` (and in the section), not yet picked."""
    query = (
        select(Question)
        .where(Question.status == "published")
        .options(selectinload(Question.topic))
        .order_by(Question.id.desc())
        .limit(SEARCH_RESULTS)
    )
    if words:
        query = query.where(func.lower(Question.prompt).contains(words.lower(), autoescape=True))
    if topic_slug:
        query = query.join(Topic, Question.topic_id == Topic.id).where(Topic.slug == topic_slug)
    if exclude:
        query = query.where(Question.id.not_in(exclude))
    return list(db.session.scalars(query))
