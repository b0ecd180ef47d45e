"""Spaced practice of missed questions: when each comes back, and when it is learnt.

A question a student answers wrong can be practised straight away; after that it comes back
1 day, then 3, then 7 days later (and every 7 days after that). Every answer to it counts as
a review and moves it one step along that schedule; a right answer adds to its streak, a wrong
one resets the streak. Two right answers in a row and it is done; a later miss opens it again
from the start. Only answers count: a question left unanswered (or never reached before time
ran out) moves nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from quizapp.core.times import end_of_local_day

# Step 0 is "now": a fresh mistake is due at once, then 1, 3 and 7 days after each review.
INTERVALS = (timedelta(0), timedelta(days=1), timedelta(days=3), timedelta(days=7))
RIGHTS_TO_FINISH = 2
UTC_ZONE = ZoneInfo("UTC")


@dataclass(frozen=True)
class ReviewState:
    step: int = 0
    right_streak: int = 0
    due_at: datetime | None = None
    is_done: bool = False


def schedule(state: ReviewState | None, is_correct: bool, now: datetime) -> ReviewState | None:
    """The review state after one more answer; None when there is nothing to practise."""
    if state is None or state.is_done:
        if is_correct:
            return state
        return ReviewState(step=0, right_streak=0, due_at=now + INTERVALS[0])
    streak = state.right_streak + 1 if is_correct else 0
    if streak >= RIGHTS_TO_FINISH:
        return ReviewState(step=state.step, right_streak=streak, due_at=state.due_at, is_done=True)
    step = min(state.step + 1, len(INTERVALS) - 1)
    return ReviewState(step=step, right_streak=streak, due_at=now + INTERVALS[step])


def counts_as_answer(response: object | None, answered_at: datetime | None) -> bool:
    """Whether an attempt's item was answered at all: only answers move the schedule."""
    return answered_at is not None and response not in (None, "", [], {})


def end_of_day(now: datetime, where: ZoneInfo = UTC_ZONE) -> datetime:
    """The first moment (naive UTC) of the reader's next day: anything before it is due today."""
    return end_of_local_day(now, where)
