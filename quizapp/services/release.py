"""When a submitted attempt's review may show the answer keys.

One condition, `keys_visible`, decides it for every page and download a student can reach:
the review shows keys, explanations, per-option feedback and per-question verdicts only when
it is true; until then a student sees their own answers and their score.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, or_, select

from quizapp.core.times import local_text
from quizapp.models import Attempt, Quiz, Regrade, db

RELEASE_CHOICES = (
    ("immediate", "Straight after submitting"),
    ("after_close", "After the quiz's close date"),
    ("manual", "When I release them (a button on the quiz's report page)"),
)


def quiz_keys_visible(quiz: Quiz, now: datetime) -> bool:
    """Whether the quiz's answers are released at `now` (the app's clock)."""
    if quiz.release_mode == "immediate":
        return True
    if quiz.answers_released_at is not None and quiz.answers_released_at <= now:
        return True
    return (
        quiz.release_mode == "after_close" and quiz.closes_at is not None and quiz.closes_at <= now
    )


def released_quizzes(now: datetime) -> ColumnElement[bool]:
    """`quiz_keys_visible` as SQL, for queries that join `Quiz`."""
    return or_(
        Quiz.release_mode == "immediate",
        Quiz.answers_released_at <= now,
        and_(Quiz.release_mode == "after_close", Quiz.closes_at <= now),
    )


def keys_visible(attempt: Attempt, now: datetime) -> bool:
    """Whether the student may see the keys of this attempt's questions now."""
    return attempt.status == "submitted" and quiz_keys_visible(attempt.quiz, now)


def release_answers(quiz: Quiz, now: datetime) -> bool:
    """Release the quiz's answers now; False when they were released already."""
    if quiz.answers_released_at is not None:
        return False
    quiz.answers_released_at = now
    return True


def held_back_message(quiz: Quiz, where: ZoneInfo) -> str:
    """What a student reads while the keys are held back; the close time in their zone."""
    if quiz.release_mode == "after_close" and quiz.closes_at is not None:
        when = local_text(quiz.closes_at, where)
        return f"The right answers are shown after the quiz closes ({when})."
    return "The right answers are shown when your teacher releases them."


def regrades_of(attempt_id: int) -> list[Regrade]:
    """The regrades that changed this attempt's score, oldest first."""
    changed = Regrade.attempt_id == attempt_id, Regrade.old_score != Regrade.new_score
    return list(db.session.scalars(select(Regrade).where(*changed).order_by(Regrade.id)))
