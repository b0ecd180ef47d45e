"""Where a student stands with one quiz: the status line of the quiz list."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

NOT_STARTED, IN_PROGRESS, TAKEN, NO_ATTEMPTS_LEFT, CLOSED = (
    "not_started",
    "in_progress",
    "taken",
    "no_attempts_left",
    "closed",
)


@dataclass(frozen=True)
class AttemptRow:
    """One of the student's attempts at the quiz, oldest first."""

    id: int
    status: str
    score: float | None
    max_score: float


@dataclass(frozen=True)
class QuizStatus:
    state: str
    resume_attempt_id: int | None = None
    best_percent: float | None = None
    last_percent: float | None = None
    attempts_used: int = 0
    attempts_left: int | None = None  # None: unlimited
    due_at: datetime | None = None
    is_overdue: bool = False


def _percent(attempt: AttemptRow) -> float | None:
    if attempt.score is None or not attempt.max_score:
        return None
    return round(100 * attempt.score / attempt.max_score, 1)


def due_date(dues: Sequence[datetime], now: datetime) -> tuple[datetime | None, bool]:
    """(the earliest due date still to come, else the latest one passed; whether it passed)."""
    upcoming = [due for due in dues if due >= now]
    if upcoming:
        return min(upcoming), False
    return (max(dues), True) if dues else (None, False)


def quiz_status(
    attempts: Sequence[AttemptRow],
    max_attempts: int | None,
    is_open: bool,
    dues: Sequence[datetime],
    now: datetime,
) -> QuizStatus:
    """The student's status with a quiz from their attempts (oldest first) and class due dates."""
    scores = [p for p in map(_percent, attempts) if p is not None]
    open_attempt = next((a for a in attempts if a.status == "in_progress"), None)
    left = None if max_attempts is None else max(0, max_attempts - len(attempts))
    due_at, is_overdue = due_date(dues, now)
    if not is_open:
        state = CLOSED
    elif open_attempt is not None:
        state = IN_PROGRESS
    elif left == 0:
        state = NO_ATTEMPTS_LEFT
    else:
        state = TAKEN if attempts else NOT_STARTED
    return QuizStatus(
        state=state,
        resume_attempt_id=open_attempt.id if open_attempt and is_open else None,
        best_percent=max(scores) if scores else None,
        last_percent=scores[-1] if scores else None,
        attempts_used=len(attempts),
        attempts_left=left,
        due_at=due_at,
        is_overdue=is_overdue and not attempts,
    )
