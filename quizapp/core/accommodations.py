"""Extra time for a student: the time limit and due date of each timed quiz, stretched once.

A teacher sets one accommodation per student in a class: ×1.25, ×1.5, ×2, a number of extra
minutes, or no time limit. A student in several classes gets the most generous one, quiz by
quiz (for a 10-minute quiz "+5 minutes" beats "×1.25"; for a 60-minute quiz it does not).

Due dates move by the same extra minutes the student gets on that quiz's time limit. "No time
limit" counts as ×2 for the due date. An untimed quiz's due date moves only for "+N minutes".
"""

from dataclasses import dataclass
from datetime import timedelta

FACTORS = {"x1.25": 1.25, "x1.5": 1.5, "x2": 2.0}
PLUS = "plus"
UNTIMED = "untimed"
NONE = "none"
KINDS = (NONE, *FACTORS, PLUS, UNTIMED)
LABELS = {
    NONE: "No extra time",
    "x1.25": "Time × 1.25",
    "x1.5": "Time × 1.5",
    "x2": "Time × 2",
    PLUS: "Extra minutes",
    UNTIMED: "No time limit",
}
MAX_EXTRA_MINUTES = 600


@dataclass(frozen=True)
class Accommodation:
    kind: str = NONE
    minutes: int = 0

    @property
    def label(self) -> str:
        if self.kind == PLUS:
            return f"+{self.minutes} minutes"
        return LABELS.get(self.kind, LABELS[NONE])


def time_limit(limit_minutes: int | None, accommodation: Accommodation) -> float | None:
    """The student's limit in minutes for a quiz of `limit_minutes`; None means no limit."""
    if limit_minutes is None or accommodation.kind == UNTIMED:
        return None
    if accommodation.kind == PLUS:
        return limit_minutes + accommodation.minutes
    return limit_minutes * FACTORS.get(accommodation.kind, 1.0)


def due_extension(limit_minutes: int | None, accommodation: Accommodation) -> timedelta:
    """How much later than the class's due date the student's work counts as on time."""
    if accommodation.kind == PLUS:
        return timedelta(minutes=accommodation.minutes)
    if limit_minutes is None:
        return timedelta(0)
    factor = 2.0 if accommodation.kind == UNTIMED else FACTORS.get(accommodation.kind, 1.0)
    return timedelta(minutes=limit_minutes * (factor - 1))


def most_generous(accommodations: list[Accommodation], limit_minutes: int | None) -> Accommodation:
    """The accommodation that gives the most time on a quiz of `limit_minutes`."""

    def generosity(a: Accommodation) -> tuple[float, timedelta]:
        allowed = time_limit(limit_minutes, a)
        return (float("inf") if allowed is None else allowed, due_extension(limit_minutes, a))

    return max(accommodations, key=generosity, default=Accommodation())
