"""The queries a question or result page is read with: an attempt, its item at a position and
counts over its items, in one statement each (built once: a statement costs to build)."""

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from quizapp.models import Attempt, AttemptItem


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


_TOTAL = _count_items(func.count(AttemptItem.id))
# (attempt, item, questions): positions run from 1 to the number of questions.
ATTEMPT_AND_ITEM = _attempt_and_item(_TOTAL)
# (attempt, item, questions, answered)
QUESTION_PAGE = _attempt_and_item(_TOTAL, _count_items(func.count(AttemptItem.answered_at)))
