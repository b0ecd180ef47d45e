"""Extra time set once per student in a class, applied to every timed attempt and due date.

The rules themselves are pure (quizapp.core.accommodations); this module reads and writes
them. An attempt's deadline is fixed when it starts, so changing an accommodation never
changes an attempt already started or submitted.
"""

from datetime import datetime, timedelta

from sqlalchemy import select

from quizapp.core.accommodations import (
    NONE,
    PLUS,
    Accommodation,
    due_extension,
    most_generous,
    time_limit,
)
from quizapp.models import Membership, db


def accommodations_of(user_ids: list[int]) -> dict[int, list[Accommodation]]:
    """Every accommodation each student has, across all their classes (none left out)."""
    found: dict[int, list[Accommodation]] = {uid: [] for uid in user_ids}
    if not user_ids:
        return found
    rows = db.session.execute(
        select(Membership.user_id, Membership.extra_time, Membership.extra_minutes).where(
            Membership.user_id.in_(user_ids), Membership.extra_time != NONE
        )
    )
    for user_id, kind, minutes in rows:
        found[user_id].append(Accommodation(kind, minutes or 0))
    return found


def minutes_allowed(user_id: int, limit_minutes: int | None) -> float | None:
    """This student's time limit in minutes for a quiz of `limit_minutes`; None: no limit."""
    if limit_minutes is None:
        return None
    best = most_generous(accommodations_of([user_id])[user_id], limit_minutes)
    return time_limit(limit_minutes, best)


def deadline_for(user_id: int, limit_minutes: int | None, now: datetime) -> datetime | None:
    """When an attempt started `now` must end: the quiz's limit, stretched for this student."""
    allowed = minutes_allowed(user_id, limit_minutes)
    return None if allowed is None else now + timedelta(minutes=allowed)


def set_accommodation(membership: Membership, kind: str, minutes: int | None) -> None:
    membership.extra_time = kind
    membership.extra_minutes = minutes if kind == PLUS else None


def class_accommodations(class_id: int) -> dict[int, Accommodation]:
    """user id -> the accommodation set in this class (students without one are left out)."""
    rows = db.session.execute(
        select(Membership.user_id, Membership.extra_time, Membership.extra_minutes).where(
            Membership.class_id == class_id, Membership.extra_time != NONE
        )
    )
    return {uid: Accommodation(kind, minutes or 0) for uid, kind, minutes in rows}


def student_due_at(
    due_at: datetime | None, limit_minutes: int | None, accommodations: list[Accommodation]
) -> datetime | None:
    """The due date as it applies to this student: later by their extra time on the quiz."""
    if due_at is None:
        return None
    return due_at + due_extension(limit_minutes, most_generous(accommodations, limit_minutes))
