"""The quiz list and who may see a quiz.

A published quiz is seen by every student (audience "all") or only by the members of the classes
it is assigned to (audience "classes"); teachers and admins see every quiz. The list shows each
student where they stand with each quiz in a fixed number of queries, however many quizzes.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, exists, func, or_, select

from quizapp.core.quiz_status import AttemptRow, QuizStatus, quiz_status
from quizapp.models import Assignment, Attempt, Membership, Quiz, QuizSlot, Topic, db, quiz_topic
from quizapp.services.attempt_start import quiz_is_open


@dataclass(frozen=True)
class ListedTopic:
    title: str


@dataclass(frozen=True)
class ListedQuiz:
    """What the quiz list shows of a quiz (and what `quiz_is_open` reads)."""

    id: int
    title: str
    description: str
    question_count: int
    time_limit_minutes: int | None
    opens_at: datetime | None
    closes_at: datetime | None
    max_attempts: int | None
    topics: tuple[ListedTopic, ...]
    is_published: bool = True


@dataclass(frozen=True)
class QuizCard:
    quiz: ListedQuiz
    status: QuizStatus | None  # None for a visitor who is not logged in


def _assigned_to(user_id: int):
    """Whether the quiz is assigned to a class `user_id` belongs to (a correlated EXISTS)."""
    return exists().where(
        Assignment.quiz_id == Quiz.id,
        Membership.class_id == Assignment.class_id,
        Membership.user_id == user_id,
    )


def audience_clause(user):
    """Where-clause on `Quiz`: the quizzes `user` (None: a visitor) may see."""
    if user is not None and user.is_teacher:
        return Quiz.id.is_not(None)
    everyone = Quiz.audience == "all"
    return everyone if user is None else or_(everyone, _assigned_to(user.id))


def may_see(quiz: Quiz, user) -> bool:
    """Whether `user` (None: a visitor) may see `quiz` (published or not is asked elsewhere)."""
    if quiz.audience == "all" or (user is not None and user.is_teacher):
        return True
    if user is None:
        return False
    return bool(db.session.scalar(select(_assigned_to(user.id)).where(Quiz.id == quiz.id)))


_SLOT_QUESTIONS = func.sum(case((QuizSlot.question_id.is_(None), QuizSlot.count), else_=1))


def _published(user) -> dict[int, ListedQuiz]:
    """Published quizzes `user` may see, with their sections' titles and paper size."""
    sizes = (
        select(QuizSlot.quiz_id, _SLOT_QUESTIONS.label("n")).group_by(QuizSlot.quiz_id).subquery()
    )
    rows = db.session.execute(
        select(
            Quiz.id,
            Quiz.title,
            Quiz.description,
            Quiz.question_count + func.coalesce(sizes.c.n, 0),
            Quiz.time_limit_minutes,
            Quiz.opens_at,
            Quiz.closes_at,
            Quiz.max_attempts,
            Topic.title,
        )
        .outerjoin(sizes, sizes.c.quiz_id == Quiz.id)
        .outerjoin(quiz_topic, quiz_topic.c.quiz_id == Quiz.id)
        .outerjoin(Topic, Topic.id == quiz_topic.c.topic_id)
        .where(Quiz.is_published, Quiz.purpose != "practice", audience_clause(user))
        .order_by(Quiz.id, Topic.position)
    )
    quizzes: dict[int, tuple] = {}
    for *fields, topic_title in rows:
        _, titles = quizzes.setdefault(fields[0], (fields, []))
        if topic_title is not None:
            titles.append(ListedTopic(topic_title))
    return {
        quiz_id: ListedQuiz(*fields, topics=tuple(titles))
        for quiz_id, (fields, titles) in quizzes.items()
    }


def _dues(user_id: int) -> dict[int, list[datetime]]:
    rows = db.session.execute(
        select(Assignment.quiz_id, Assignment.due_at)
        .join(Membership, Membership.class_id == Assignment.class_id)
        .where(Membership.user_id == user_id, Assignment.due_at.is_not(None))
    )
    dues: dict[int, list[datetime]] = defaultdict(list)
    for quiz_id, due_at in rows:
        dues[quiz_id].append(due_at)
    return dues


def _attempts(user_id: int) -> dict[int, list[AttemptRow]]:
    rows = db.session.execute(
        select(Attempt.quiz_id, Attempt.id, Attempt.status, Attempt.score, Attempt.max_score)
        .where(Attempt.user_id == user_id)
        .order_by(Attempt.quiz_id, Attempt.attempt_no)
    )
    attempts: dict[int, list[AttemptRow]] = defaultdict(list)
    for quiz_id, *fields in rows:
        attempts[quiz_id].append(AttemptRow(*fields))
    return attempts


def quiz_cards(user, now: datetime) -> list[QuizCard]:
    """The quiz list for `user` (None: a visitor): open quizzes, and for a student also closed
    ones they took or were given, each with their status. Four queries at most."""
    quizzes = _published(user)
    if user is None:
        return [QuizCard(q, None) for q in quizzes.values() if quiz_is_open(q, now)]
    dues, attempts = _dues(user.id), _attempts(user.id)
    cards = []
    for quiz in quizzes.values():
        is_open = quiz_is_open(quiz, now)
        has_closed = quiz.closes_at is not None and quiz.closes_at <= now
        if is_open or (has_closed and (quiz.id in dues or quiz.id in attempts)):
            mine = attempts.get(quiz.id, [])
            status = quiz_status(mine, quiz.max_attempts, is_open, dues.get(quiz.id, []), now)
            cards.append(QuizCard(quiz, status))
    return sorted(cards, key=lambda card: card.status.state == "closed")
