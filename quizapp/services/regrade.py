"""Regrading submitted attempts after a question's key was fixed, with a dry run first.

`plan` lists the submitted attempts whose stored snapshot of the question grades by the old
key, with each score before and after. `apply` does it in the request's transaction: each
attempt leaves the item statistics (`item_stats.forget`), its snapshot takes the fixed key,
the item is graded again by the kinds registry, the score is added up again, the attempt
returns to the statistics (`item_stats.record`) and a `Regrade` row records who, when, the
old and the new score. Running it again finds nothing to do.
"""

import itertools
import random
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from quizapp.core.assembly import make_snapshot
from quizapp.core.regrading import key_changed, new_points, rekey
from quizapp.models import Attempt, AttemptItem, Question, Regrade, User, db
from quizapp.services import item_stats
from quizapp.services.bank import question_data


@dataclass(frozen=True)
class ScoreChange:
    """One attempt a regrade affects."""

    attempt_id: int
    username: str
    quiz_title: str
    submitted_at: datetime | None
    old_score: float
    new_score: float
    max_score: float

    @property
    def is_changed(self) -> bool:
        return self.old_score != self.new_score


@dataclass
class RegradePlan:
    changes: list[ScoreChange] = field(default_factory=list)
    fixed: dict[int, list[tuple[AttemptItem, dict]]] = field(default_factory=dict, repr=False)
    not_comparable: int = 0  # attempts whose options differ from the question's today


def _fresh_snapshot(question: Question) -> dict:
    """The question as it is now, with placeholder ids that `rekey` translates."""
    counter = itertools.count()
    return make_snapshot(
        question_data(question),
        random.Random(0),  # orders nothing a student sees: no shuffle
        shuffle=False,
        new_id=lambda: f"fresh-{next(counter)}",
    )


def _submitted_items(question_id: int, lock: bool) -> list[AttemptItem]:
    """The question's items in submitted attempts; with `lock`, their attempts' rows are
    locked first (PostgreSQL): two regrades of one attempt at once would count it twice in
    the statistics. (SQLite's writers are serialised already.)"""
    asked = select(AttemptItem.attempt_id).where(AttemptItem.question_id == question_id)
    if lock:
        locking = select(Attempt.id).where(Attempt.id.in_(asked), Attempt.status == "submitted")
        db.session.execute(locking.with_for_update()).all()
    query = (
        select(AttemptItem)
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(AttemptItem.question_id == question_id, Attempt.status == "submitted")
        .order_by(Attempt.submitted_at, Attempt.id)
        .options(selectinload(AttemptItem.attempt).selectinload(Attempt.items))
    )
    return list(db.session.scalars(query))


def plan(question: Question, lock: bool = False) -> RegradePlan:
    """What a regrade of `question` would change (nothing is written)."""
    fresh, result = _fresh_snapshot(question), RegradePlan()
    for item in _submitted_items(question.id, lock):
        fixed = rekey(item.snapshot, fresh)
        if fixed is None:
            result.not_comparable += 1
        elif key_changed(item.snapshot, fixed):
            result.fixed.setdefault(item.attempt_id, []).append((item, fixed))
    names = _usernames({items[0][0].attempt.user_id for items in result.fixed.values()})
    for items in result.fixed.values():
        attempt = items[0][0].attempt
        delta = sum(new_points(fixed, item.response)[0] - item.points for item, fixed in items)
        old = attempt.score or 0.0
        result.changes.append(
            ScoreChange(
                attempt.id,
                names.get(attempt.user_id, ""),
                attempt.quiz.title,
                attempt.submitted_at,
                old,
                old + delta,
                attempt.max_score,
            )
        )
    return result


def _usernames(user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = db.session.execute(select(User.id, User.username).where(User.id.in_(user_ids)))
    return {user_id: name for user_id, name in rows}


def apply(question: Question, by_id: int, now: datetime) -> RegradePlan:
    """Regrade every affected attempt (see the module's docstring); the plan it carried out."""
    result = plan(question, lock=True)
    for change in result.changes:
        items = result.fixed[change.attempt_id]
        attempt = items[0][0].attempt
        item_stats.forget(attempt, attempt.items)
        for item, fixed in items:
            item.snapshot = fixed
            item.points, item.is_correct = new_points(fixed, item.response)
        attempt.score = sum(i.points for i in attempt.items)
        db.session.flush()
        item_stats.record(attempt, attempt.items)
        db.session.add(
            Regrade(
                attempt_id=attempt.id,
                question_id=question.id,
                by_id=by_id,
                at=now,
                old_score=change.old_score,
                new_score=attempt.score,
            )
        )
    return result
