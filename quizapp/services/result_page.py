"""What an attempt's result page shows: each answer's review (the keys only once released),
the note on when they will be, regrades, and the questions the student has reported."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from quizapp.core.review import held_back_item, review_item
from quizapp.models import Attempt, AttemptItem, QuestionReport, User, db
from quizapp.services.attempt_start import has_attempts_left, quiz_is_open
from quizapp.services.release import held_back_message, keys_visible, regrades_of


@dataclass(frozen=True)
class ReportDraft:
    """A refused problem report, shown again beside its question: the text and what is wrong."""

    item_id: int
    text: str
    error: str


def reported_items(attempt: Attempt) -> set[int]:
    """Ids of the attempt's items its student has reported a problem with."""
    return set(
        db.session.scalars(
            select(QuestionReport.attempt_item_id)
            .join(AttemptItem, AttemptItem.id == QuestionReport.attempt_item_id)
            .where(AttemptItem.attempt_id == attempt.id, QuestionReport.user_id == attempt.user_id)
        )
    )


def result_page(attempt: Attempt, now: datetime, where: ZoneInfo) -> dict:
    """The values of quizzes/result.html for a submitted attempt."""
    keys_shown = keys_visible(attempt, now)
    # keys_shown: the one switch for the verdicts, right answers, marked options and feedback.
    review = review_item if keys_shown else held_back_item  # nothing of the key is computed
    return {
        "attempt": attempt,
        "rows": [(item, review(item.snapshot, item.response)) for item in attempt.items],
        "keys_shown": keys_shown,
        "held_back": held_back_message(attempt.quiz, where),
        "regrades": regrades_of(attempt.id),
        "reported": reported_items(attempt),
        "report_draft": None,
        "is_open": quiz_is_open(attempt.quiz, now),
        "attempts_left": has_attempts_left(db.session.get(User, attempt.user_id), attempt.quiz),
    }
