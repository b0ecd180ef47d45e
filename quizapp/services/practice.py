"""Practice my mistakes: review items kept up to date from every submitted attempt.

`record_submission` runs inside the submit transaction (see attempts.finish); it never commits.
Only answered questions count: unanswered ones, and those an expired attempt never reached,
are neither mistakes nor reviews. "Today" is the reader's day, in their time zone.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from quizapp.core.assembly import QuestionData
from quizapp.core.practice import UTC_ZONE, ReviewState, counts_as_answer, end_of_day, schedule
from quizapp.core.quiz_settings import PRACTICE
from quizapp.core.stats import response_text
from quizapp.models import Attempt, AttemptItem, Question, Quiz, ReviewItem, db
from quizapp.services.bank import question_data

PRACTICE_SLUG = "practice"  # unique: two first uses at once cannot both create the quiz
PRACTICE_SIZE = 10


@dataclass(frozen=True)
class DueSummary:
    due_today: int
    open_items: int
    next_due_at: datetime | None


def record_submission(
    user_id: int, items: Sequence[AttemptItem], now: datetime, practise: bool = True
) -> None:
    """Store each answer's text for reports and move the student's review items along
    (not when `practise` is false: practice shows the answers, so an attempt whose keys are
    held back is left out of it)."""
    for item in items:
        item.response_text = response_text(item.snapshot, item.response)
    outcome = {
        i.question_id: i.is_correct is True
        for i in items
        if i.question_id is not None and counts_as_answer(i.response, i.answered_at)
    }
    if not outcome or not practise:
        return
    existing = {
        review.question_id: review
        for review in db.session.scalars(
            select(ReviewItem).where(
                ReviewItem.user_id == user_id, ReviewItem.question_id.in_(outcome)
            )
        )
    }
    for question_id, is_correct in outcome.items():
        review = existing.get(question_id)
        state = schedule(_state(review), is_correct, now)
        if state is None:
            continue
        if review is None:
            review = ReviewItem(user_id=user_id, question_id=question_id)
            db.session.add(review)
        review.step, review.right_streak = state.step, state.right_streak
        review.due_at, review.is_done = state.due_at, state.is_done


def _state(review: ReviewItem | None) -> ReviewState | None:
    if review is None:
        return None
    return ReviewState(review.step, review.right_streak, review.due_at, review.is_done)


def _open_reviews(user_id: int):
    """Open review items of questions still in the bank (only those can be practised)."""
    return (
        select(ReviewItem)
        .join(Question, Question.id == ReviewItem.question_id)
        .where(
            ReviewItem.user_id == user_id,
            ReviewItem.is_done.is_(False),
            Question.status == "published",
        )
    )


def due_summary(user_id: int, now: datetime, where: ZoneInfo = UTC_ZONE) -> DueSummary:
    """How many questions are due today, how many are still being practised, and when next."""
    reviews = _open_reviews(user_id).subquery()
    cutoff = end_of_day(now, where)
    due, total, next_due = db.session.execute(
        select(
            func.coalesce(func.sum(case((reviews.c.due_at < cutoff, 1), else_=0)), 0),
            func.count(),
            func.min(reviews.c.due_at),
        )
    ).one()
    return DueSummary(int(due), int(total), next_due)


def due_paper(user_id: int, now: datetime, where: ZoneInfo = UTC_ZONE) -> list[QuestionData]:
    """The questions due today, longest waiting first, as a practice paper."""
    questions = db.session.scalars(
        select(Question)
        .join(ReviewItem, ReviewItem.question_id == Question.id)
        .where(
            ReviewItem.user_id == user_id,
            ReviewItem.is_done.is_(False),
            ReviewItem.due_at < end_of_day(now, where),
            Question.status == "published",
        )
        .order_by(ReviewItem.due_at, ReviewItem.id)
        .limit(PRACTICE_SIZE)
        .options(selectinload(Question.choices), selectinload(Question.topic))
    ).all()
    return [question_data(q) for q in questions]


def practice_quiz() -> Quiz:
    """The hidden quiz that practice attempts belong to (created on first use)."""
    quiz = _find_practice_quiz()
    if quiz is not None:
        return quiz
    try:
        with db.session.begin_nested():  # a concurrent first use may create it first
            quiz = _new_practice_quiz()
    except IntegrityError:
        quiz = _find_practice_quiz()
    return quiz


def _find_practice_quiz() -> Quiz | None:
    return db.session.scalar(
        select(Quiz).where(Quiz.purpose == PRACTICE).order_by(Quiz.id).limit(1)
    )


def _new_practice_quiz() -> Quiz:
    quiz = Quiz(
        slug=PRACTICE_SLUG,
        purpose=PRACTICE,
        title="Practice my mistakes",
        description="Questions you got wrong, back when they are due.",
        question_count=PRACTICE_SIZE,
        feedback_mode="immediate",
        is_published=False,
    )
    db.session.add(quiz)
    db.session.flush()
    return quiz


def schedule_released(quiz: Quiz, now: datetime) -> int:
    """When a teacher releases a quiz's answers by hand, its submitted attempts' mistakes join
    their students' practice (they were left out while the keys were held back). Returns how
    many attempts were scheduled."""
    attempts = db.session.scalars(
        select(Attempt)
        .where(Attempt.quiz_id == quiz.id, Attempt.status == "submitted")
        .options(selectinload(Attempt.items))
        .order_by(Attempt.submitted_at, Attempt.id)
    ).all()
    for attempt in attempts:
        record_submission(attempt.user_id, attempt.items, now)
    return len(attempts)
