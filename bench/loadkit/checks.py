"""After the run: compare what students were told with what the database holds."""

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from loadkit.dataset import setup_app
from quizapp.core.grading import parse_response
from quizapp.core.review import regrade
from quizapp.models import Attempt, AttemptItem, db


@dataclass
class Findings:
    attempts: int = 0
    submitted: int = 0
    duplicated_attempts: int = 0
    duplicated_answers: int = 0
    lost_answers: int = 0
    bad_scores: int = 0
    integrity: str = "not checked"
    problems: list[str] = field(default_factory=list)

    @property
    def duplicated(self) -> int:
        return self.duplicated_attempts + self.duplicated_answers


def check(url: str, outcomes, questions: int) -> Findings:
    app = setup_app(url)
    with app.app_context():
        findings = _check(outcomes, questions)
        findings.integrity = _integrity()
        db.session.remove()  # return its connection before the pool is closed
        db.engine.dispose()
    return findings


def _check(outcomes, questions: int) -> Findings:
    found = Findings()
    attempts = db.session.scalars(select(Attempt)).all()
    found.attempts = len(attempts)
    found.submitted = sum(a.status == "submitted" for a in attempts)
    per_user = Counter(a.user_id for a in attempts)
    found.duplicated_attempts = sum(n - 1 for n in per_user.values() if n > 1)
    pairs = db.session.execute(
        select(AttemptItem.attempt_id, AttemptItem.position, func.count())
        .group_by(AttemptItem.attempt_id, AttemptItem.position)
        .having(func.count() > 1)
    ).all()
    found.duplicated_answers = len(pairs)
    items = {(i.attempt_id, i.position): i for i in db.session.scalars(select(AttemptItem))}
    for attempt in attempts:
        recomputed = sum(
            regrade(i.snapshot, i.response).points if i.response is not None else 0
            for (attempt_id, _), i in items.items()
            if attempt_id == attempt.id
        )
        if attempt.status == "submitted" and abs((attempt.score or 0) - recomputed) > 1e-9:
            found.bad_scores += 1
            found.problems.append(f"attempt {attempt.id}: score {attempt.score} ≠ {recomputed}")
    for outcome in outcomes:
        _check_student(found, outcome, items, questions)
    return found


def _check_student(found: Findings, outcome, items, questions: int) -> None:
    found.problems.extend(outcome.problems)
    if outcome.attempt_id is None:
        return
    for position, form in outcome.answers.items():
        item = items.get((outcome.attempt_id, position))
        wanted = parse_response(item.snapshot, _as_lists(form)).value if item else None
        if item is None or item.response != wanted:
            found.lost_answers += 1
            found.problems.append(f"{outcome.username}: answer {position} not stored as sent")
    if len(outcome.answers) != questions and not outcome.problems:
        found.problems.append(f"{outcome.username}: {len(outcome.answers)} answers acknowledged")
    if outcome.shown_score is not None:
        stored = db.session.get(Attempt, outcome.attempt_id).score
        if stored != outcome.shown_score:
            found.problems.append(
                f"{outcome.username}: shown {outcome.shown_score}, stored {stored}"
            )


def _as_lists(form: dict) -> dict:
    return {k: v if isinstance(v, list) else [v] for k, v in form.items()}


def _integrity() -> str:
    """SQLite's own integrity check; on PostgreSQL (which keeps its pages consistent itself)
    a check that no answer row lost its attempt."""
    if db.engine.dialect.name == "sqlite":
        return db.session.execute(text("PRAGMA integrity_check")).scalar()
    orphans = db.session.scalar(
        select(func.count())
        .select_from(AttemptItem)
        .outerjoin(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(Attempt.id.is_(None))
    )
    return "ok" if orphans == 0 else f"{orphans} answers without an attempt"
