"""Practice my mistakes: review items kept up to date from every submitted attempt.

`record_submission` runs inside the submit transaction (see attempts.finish); it never commits.
Only answered questions count: unanswered ones, and those an expired attempt never reached,
are neither mistakes nor reviews. "Today" is the reader's day, in their time zone.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from quizapp.core.assembly import QuestionData
from quizapp.core.item_analysis import response_text
from quizapp.core.practice import UTC_ZONE, ReviewState, counts_as_answer, end_of_day, schedule
from quizapp.core.quiz_settings import PRACTICE
from quizapp.models import Attempt, AttemptItem, Question, Quiz, ReviewItem, db
from quizapp.services.bank import question_data
from quizapp.services.release import released_quizzes

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
    held back waits, marked `is_practice_held`, until `join_released` brings it in)."""
    for item in items:
        item.response_text = response_text(item.snapshot, item.response)
    if practise:
        _schedule_mistakes(user_id, items, now)


def _schedule_mistakes(user_id: int, items: Sequence[AttemptItem], now: datetime) -> None:
    outcome = {
        i.question_id: i.is_correct is True
        for i in items
        if i.question_id is not None and counts_as_answer(i.response, i.answered_at)
    }
    if not outcome:
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


def join_released(user_id: int, now: datetime) -> int:
    """Bring the mistakes of the student's held-back attempts whose keys are shown by `now`
    (an after-close quiz past its close date, or a release by hand) into their practice.

    Called where the practice queue is read, so no scheduler is needed; it costs one indexed
    query when nothing waits. Returns how many attempts joined."""
    return _join_held(Attempt.user_id == user_id, now)


def schedule_released(quiz: Quiz, now: datetime) -> int:
    """When a teacher releases a quiz's answers by hand, its held-back attempts' mistakes join
    their students' practice at once. Returns how many attempts joined."""
    return _join_held(Attempt.quiz_id == quiz.id, now)


def _join_held(which: ColumnElement[bool], now: datetime) -> int:
    held = db.session.scalars(
        select(Attempt.id)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(which, Attempt.is_practice_held.is_(True), released_quizzes(now))
        .order_by(Attempt.submitted_at, Attempt.id)
    ).all()
    return sum(_claim_and_schedule(attempt_id, now) for attempt_id in held)


def _claim_and_schedule(attempt_id: int, now: datetime) -> bool:
    """Clear the attempt's mark and schedule its mistakes; False when another request cleared
    it first (the update waits for that request's row lock, so each attempt joins once)."""
    claimed = db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt_id, Attempt.is_practice_held.is_(True))
        .values(is_practice_held=False)
    ).rowcount
    if claimed != 1:
        return False
    attempt = db.session.get(Attempt, attempt_id)
    items = db.session.scalars(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id))
    _schedule_mistakes(attempt.user_id, items.all(), now)
    return True
