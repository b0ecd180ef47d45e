"""Pairs of questions a teacher said never to draw onto one paper (models.question_never_with).

A pair is stored once, lower id first; reading it back from either side gives the other.
"""

from collections.abc import Collection, Iterable

from sqlalchemy import delete, insert, or_, select

from quizapp.models import Question, db, question_never_with

PAIRS = question_never_with.c


def partner_map(ids: Collection[int]) -> dict[int, set[int]]:
    """Question id → the ids it is never drawn with, for every question in `ids`."""
    found: dict[int, set[int]] = {}
    if not ids:
        return found
    rows = db.session.execute(
        select(PAIRS.question_id, PAIRS.other_id).where(
            or_(PAIRS.question_id.in_(ids), PAIRS.other_id.in_(ids))
        )
    )
    for low, high in rows:
        found.setdefault(low, set()).add(high)
        found.setdefault(high, set()).add(low)
    return found


def partners(question: Question) -> list[Question]:
    """The questions `question` is never drawn with, by id."""
    ids = partner_map([question.id]).get(question.id, set())
    if not ids:
        return []
    return list(
        db.session.scalars(select(Question).where(Question.id.in_(ids)).order_by(Question.id))
    )


def unknown_ids(ids: Iterable[int]) -> list[int]:
    """The ids in `ids` that name no question."""
    wanted = set(ids)
    known = set(db.session.scalars(select(Question.id).where(Question.id.in_(wanted))))
    return sorted(wanted - known)


def set_partners(question: Question, ids: Iterable[int]) -> None:
    """Replace the questions `question` is never drawn with (ids checked by the form)."""
    others = {i for i in ids if i != question.id}
    db.session.execute(
        delete(question_never_with).where(
            or_(PAIRS.question_id == question.id, PAIRS.other_id == question.id)
        )
    )
    if others:
        rows = [
            {"question_id": min(question.id, o), "other_id": max(question.id, o)} for o in others
        ]
        db.session.execute(insert(question_never_with), rows)


def save_usage(question: Question, use: str, never_with: Iterable[int]) -> None:
    """Set which quizzes draw `question` and the questions it is never drawn with."""
    question.use = use
    db.session.flush()  # a new question needs its id for the pairs
    set_partners(question, never_with)
