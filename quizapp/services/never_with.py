"""Pairs of questions a teacher said never to draw onto one paper (models.question_never_with).

A pair is stored once, lower id first; reading it back from either side gives the other. A pair
belongs to both questions: marking or unmarking one moves the partner to its next version too
(so an edit form of the partner opened before is refused, not saved over the pair) and is
recorded in both questions' change logs.
"""

from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import delete, insert, or_, select, update

from quizapp.models import Question, QuestionChange, db, question_never_with
from quizapp.services.question_log import FORM_SOURCE

NEVER_WITH = "never with"  # the field name the change log records

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


def set_partners(question: Question, ids: Iterable[int]) -> set[int]:
    """Replace the questions `question` is never drawn with (ids checked by the form); the ids
    of the partners that were added or dropped."""
    others = {i for i in ids if i != question.id}
    before = partner_map([question.id]).get(question.id, set())
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
    return before ^ others


def partner_keys(ids: Collection[int]) -> dict[int, tuple[str, ...]]:
    """Question id → the stable ids (`key`) of the questions it is never drawn with, sorted:
    how an export names a pair."""
    apart = partner_map(ids)
    wanted = set().union(*apart.values()) if apart else set()
    keys = dict(
        db.session.execute(select(Question.id, Question.key).where(Question.id.in_(wanted))).all()
    )
    return {
        qid: tuple(sorted(keys[o] for o in others if keys.get(o))) for qid, others in apart.items()
    }


def resolve_pairs(
    named: Sequence[tuple[Question, Iterable[str]]],
) -> list[tuple[Question, set[int]]]:
    """Each question of a file (written and flushed) with the ids of the partners its `keys`
    name; a key naming no question is dropped, and a pair named by either question counts for
    both (it works both ways)."""
    named = [(question, set(keys)) for question, keys in named]
    wanted = set().union(*(keys for _, keys in named)) if named else set()
    found = select(Question.key, Question.id).where(Question.key.in_(wanted))
    ids = dict(db.session.execute(found).all()) if wanted else {}
    pairs = {q.id: {ids[k] for k in keys if k in ids} for q, keys in named}
    for question_id, partners in list(pairs.items()):
        for partner in partners & pairs.keys():
            pairs[partner].add(question_id)
    return [(question, pairs[question.id]) for question, _ in named]


def _touch_partners(ids: set[int], user_id: int | None, source: str) -> None:
    """Move each partner whose pair changed to its next version and log the change on it."""
    if not ids:
        return
    db.session.execute(
        update(Question).where(Question.id.in_(ids)).values(version=Question.version + 1)
    )
    db.session.add_all(
        QuestionChange(question_id=other, changed_by_id=user_id, source=source, fields=[NEVER_WITH])
        for other in sorted(ids)
    )


def save_usage(
    question: Question,
    use: str,
    never_with: Iterable[int],
    user_id: int | None = None,
    source: str = FORM_SOURCE,
) -> tuple[str, ...]:
    """Set which quizzes draw `question` and the questions it is never drawn with; the names
    of the fields of `question` this changed ("use", "never with"), for its change log. Every
    partner added or dropped moves to its next version, with the change in its log."""
    changed = ("use",) if question.id is not None and question.use != use else ()
    question.use = use
    db.session.flush()  # a new question needs its id for the pairs
    touched = set_partners(question, never_with)
    _touch_partners(touched, user_id, source)
    return (*changed, NEVER_WITH) if touched else changed


def save_usage_by_key(
    named: Sequence[tuple[Question, str, Iterable[str]]], user_id: int | None, source: str
) -> None:
    """Set each (question, use, partners' keys) read from a file: see `resolve_pairs`."""
    uses = {question.id: use for question, use, _ in named}
    for question, partners in resolve_pairs([(q, keys) for q, _, keys in named]):
        save_usage(question, uses[question.id], partners, user_id, source)
