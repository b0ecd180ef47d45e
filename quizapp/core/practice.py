"""Spaced practice of missed questions: when each comes back, and when it is learnt.

A question a student gets wrong comes back after 1 day, then 3, then 7 (and every 7 days after
that). Every answer to it counts as a review and moves it one step along that schedule; a right
answer adds to its streak, a wrong one resets the streak. Two right answers in a row and it is
done; a later miss opens it again from the start.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

INTERVALS = (timedelta(days=1), timedelta(days=3), timedelta(days=7))
RIGHTS_TO_FINISH = 2


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


def end_of_day(now: datetime) -> datetime:
    """The first moment of the next (UTC) day: anything due before it is due today."""
    return datetime(now.year, now.month, now.day) + timedelta(days=1)
