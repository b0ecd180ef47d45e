"""Statistics for score history, mastery and gradebooks, from aggregates the database made.

The database groups and sums (one row per quiz or section); these functions turn those sums into
shares, mastery levels and statuses. Item analysis lives in `core.item_analysis`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

MASTERY_WINDOW = 10  # the last answers per section that mastery looks at
MIN_MASTERY_EVIDENCE = 3


def share(part: float, whole: float) -> float | None:
    """`part / whole`, or None when there is nothing to divide by."""
    return part / whole if whole else None


def as_percent(fraction: float | None) -> float | None:
    return None if fraction is None else round(100 * fraction, 1)


def duration_minutes(started_at: datetime, submitted_at: datetime | None) -> int | None:
    """Whole minutes an attempt took (None while it is open)."""
    if submitted_at is None:
        return None
    return int((submitted_at - started_at).total_seconds() // 60)


# --- Mastery per explainer section -------------------------------------------------------------


@dataclass(frozen=True)
class Mastery:
    slug: str
    title: str
    answered: int
    right: int
    percent: float
    level: str


def mastery_level(answered: int, fraction: float) -> str:
    if answered < MIN_MASTERY_EVIDENCE:
        return "Too few answers yet"
    if fraction >= 0.8:
        return "Secure"
    if fraction >= 0.5:
        return "Getting there"
    return "Needs work"


def mastery(rows: Sequence[tuple[str, str | None, int, int]]) -> list[Mastery]:
    """Sections from (slug, title, answered, right) rows, weakest first."""
    result = [
        Mastery(
            slug,
            title or slug,
            answered,
            right,
            round(100 * right / answered, 1),
            mastery_level(answered, right / answered),
        )
        for slug, title, answered, right in rows
        if slug and answered
    ]
    return sorted(result, key=lambda m: (m.percent, m.title))


# --- Gradebook ---------------------------------------------------------------------------------


def assignment_status(
    due_at: datetime | None, first_submitted_at: datetime | None, now: datetime
) -> str:
    """done | late (first submitted after the due date) | missing (due date passed) | to do."""
    if first_submitted_at is not None:
        return "late" if due_at is not None and first_submitted_at > due_at else "done"
    return "missing" if due_at is not None and now > due_at else "to do"
