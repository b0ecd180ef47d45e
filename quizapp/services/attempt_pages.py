"""What a question page is read with and shows: an attempt, its item at a position and counts
over its items, in one statement each (built once: a statement costs to build); the values its
controls show; the time left."""

from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from quizapp.core.kinds import FormValues, kind_of
from quizapp.models import Attempt, AttemptItem, db
from quizapp.services.attempts import attempt_ends_at


def _count_items(*columns):
    """Counts over the items of the attempt in the same query, as a correlated subquery."""
    return (
        select(*columns).where(AttemptItem.attempt_id == Attempt.id).correlate(Attempt)
    ).scalar_subquery()


# The attempt's item at the requested position, if it has one (for an outer join).
_ITEM_AT_POSITION = (AttemptItem.attempt_id == Attempt.id) & (
    AttemptItem.position == bindparam("position")
)


def _attempt_and_item(*counts):
    """An attempt (with its quiz), its item at a position (None if there is none) and any
    `counts` over its items, in one query. Built once: a statement costs to build."""
    return (
        select(Attempt, AttemptItem, *counts)
        .outerjoin(AttemptItem, _ITEM_AT_POSITION)
        .where(Attempt.id == bindparam("attempt_id"))
        .options(joinedload(Attempt.quiz))
    )


# Built on first use, not at import: a joinedload configures every mapper, which start-up
# (`flask --help`) does without.
@cache
def attempt_and_item():
    """(attempt, item, questions): positions run from 1 to the number of questions."""
    return _attempt_and_item(_count_items(func.count(AttemptItem.id)))


@cache
def question_page():
    """(attempt, item, questions, answered)"""
    return _attempt_and_item(
        _count_items(func.count(AttemptItem.id)), _count_items(func.count(AttemptItem.answered_at))
    )


def answered_positions(attempt_id: int) -> frozenset[int]:
    """The positions of the attempt's answered questions, for the question-number buttons."""
    found = db.session.scalars(
        select(AttemptItem.position).where(
            AttemptItem.attempt_id == attempt_id, AttemptItem.answered_at.is_not(None)
        )
    )
    return frozenset(found)


def shown_values(item: AttemptItem, submitted: FormValues | None = None) -> dict[str, list[str]]:
    """The answer controls' values as the page shows them: what the student just sent (a refused
    answer keeps its input), else the saved response, else nothing."""
    if submitted is not None:
        return {name: list(values) for name, values in submitted.items()}
    if item.response is None:
        return {}
    return kind_of(item.snapshot["kind"]).form_values(item.snapshot, item.response)


def seconds_left(attempt: Attempt, now: datetime) -> int | None:
    """Whole seconds until the attempt's time is up (never below 0), or None without a limit."""
    ends = attempt_ends_at(attempt)
    if ends is None:
        return None
    return max(0, int((ends - now).total_seconds()))


def time_left_text(seconds: int) -> str:
    """Time left in words, for a page read without a running countdown."""
    if seconds < 60:
        return "less than a minute"
    minutes = -(-seconds // 60)  # rounded up: "1 minute" until the last minute begins
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def unfinished(items: list[AttemptItem]) -> tuple[list[int], list[int]]:
    """(positions not answered, positions answered only in part), for the page before submit."""
    unanswered, partial = [], []
    for item in items:
        if item.answered_at is None or item.response is None:
            unanswered.append(item.position)
        elif not kind_of(item.snapshot["kind"]).is_complete(item.snapshot, item.response):
            partial.append(item.position)
    return unanswered, partial
