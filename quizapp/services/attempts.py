"""An attempt under way: its deadlines, saving an answer, submitting. Views call these; these
never commit. Starting one is in `services.attempt_start`."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm.attributes import set_committed_value

from quizapp.core.grading import parse_partial, parse_response
from quizapp.core.review import regrade
from quizapp.models import Attempt, AttemptItem, db
from quizapp.services import item_stats
from quizapp.services.practice import record_submission
from quizapp.services.release import quiz_keys_visible


class AttemptError(Exception):
    """A request that cannot be honoured; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.message, self.status = message, status


@dataclass(frozen=True)
class SaveResult:
    error: str = ""
    saved: bool = True  # False when a page left blank had nothing to save


def attempt_ends_at(attempt: Attempt) -> datetime | None:
    """When the attempt's time is up: its time limit or its quiz's close date, the earlier.
    (Unpublishing a quiz does not end attempts already started; a close date does.)"""
    ends = [t for t in (attempt.deadline_at, attempt.quiz.closes_at) if t is not None]
    return min(ends) if ends else None


def closed_by_quiz(attempt: Attempt) -> datetime | None:
    """The quiz's close date when that, not a time limit, is what ends the attempt; else None."""
    closes, limit = attempt.quiz.closes_at, attempt.deadline_at
    if closes is None or (limit is not None and limit < closes):
        return None
    return closes


def answers_close_at(attempt: Attempt) -> datetime | None:
    """The last moment an answer is taken: the end of the attempt plus the network's grace."""
    ends = attempt_ends_at(attempt)
    if ends is None:
        return None
    return ends + timedelta(seconds=current_app.config["ANSWER_GRACE_SECONDS"])


def is_past_deadline(attempt: Attempt, now: datetime) -> bool:
    closes = answers_close_at(attempt)
    return closes is not None and now > closes


def close_if_expired(attempt: Attempt, now: datetime) -> bool:
    """Submit an open attempt whose time is up (saved answers count); True if it closed it."""
    return (
        attempt.status == "in_progress" and is_past_deadline(attempt, now) and finish(attempt, now)
    )


SUBMITTED = "This attempt is already submitted; answers can no longer change."
_ITEM = AttemptItem.__table__.c
# Built once (a statement costs to build); the version check makes a stale save change nothing,
# and the attempt must still be open when the row is written, whatever was read before.
# The saved item is brought up to date by hand: cheaper than the ORM's synchronisation.
SAVE_ANSWER = (
    update(AttemptItem)
    .where(
        AttemptItem.id == bindparam("item_id"),
        AttemptItem.version == bindparam("seen"),
        AttemptItem.attempt_id.in_(
            select(Attempt.id).where(
                Attempt.id == bindparam("open_attempt_id"), Attempt.status == "in_progress"
            )
        ),
    )
    .values(
        response=bindparam("new_response", type_=_ITEM.response.type),
        points=bindparam("new_points", type_=_ITEM.points.type),
        is_correct=bindparam("new_is_correct", type_=_ITEM.is_correct.type),
        answered_at=bindparam("now", type_=_ITEM.answered_at.type),
        version=AttemptItem.version + 1,
    )
    .execution_options(synchronize_session=False)
)


def _refuse_stale(attempt: Attempt, item: AttemptItem, version: str) -> None:
    """AttemptError when the page the answer came from is out of date."""
    if attempt.status != "in_progress":
        raise AttemptError(SUBMITTED)
    if version != str(item.version):
        raise AttemptError(
            "This question was answered again in another tab or window. "
            "Reload the page to see the saved answer."
        )
    if attempt.quiz.gives_feedback_at_once and item.answered_at is not None:
        raise AttemptError("You already answered this question and saw the feedback.")


def save_answer(
    attempt: Attempt,
    item: AttemptItem,
    form: dict,
    version: str,
    now: datetime,
    partial: bool = False,
) -> SaveResult:
    """Grade and store one answer; a stale form or a closed attempt is refused. `partial` (the
    student is leaving the page, or a background save): a partial answer is kept, and a blank
    page takes back the answer saved before, so the question is unanswered again. A blank
    page from out of date (another tab answered since) or with feedback shown saves nothing.

    Call `close_if_expired` first: a late answer must close the attempt, not be saved.
    """
    parsed = (parse_partial if partial else parse_response)(item.snapshot, form)
    if partial and parsed.value is None and not parsed.error:
        if not _clears(attempt, item, version):
            return SaveResult(saved=False)
        _store(attempt, item, None, None, now=None)
        return SaveResult()
    _refuse_stale(attempt, item, version)
    if parsed.error:
        status = 400 if "not part of this question" in parsed.error else 422
        if status == 400:
            raise AttemptError(parsed.error, 400)
        return SaveResult(parsed.error)
    _store(attempt, item, parsed.value, regrade(item.snapshot, parsed.value), now)
    return SaveResult()


def _clears(attempt: Attempt, item: AttemptItem, version: str) -> bool:
    """Whether a blank page takes back the item's saved answer: only from the page that
    showed that answer, and not once feedback on it was shown."""
    current = item.answered_at is not None and version == str(item.version)
    return current and not attempt.quiz.gives_feedback_at_once


def _store(attempt: Attempt, item: AttemptItem, value, result, now: datetime | None) -> None:
    """Write the item's answer (None with no result: no answer) if the page was current and
    the attempt is still open; AttemptError otherwise."""
    if not _lock_open_attempt(attempt.id):
        db.session.refresh(attempt)
        raise AttemptError(SUBMITTED)
    points, correct = (result.points, result.is_correct) if result is not None else (0, None)
    changed = db.session.execute(
        SAVE_ANSWER,
        {"item_id": item.id, "seen": item.version, "open_attempt_id": attempt.id}
        | {"new_response": value}
        | {"new_points": points, "new_is_correct": correct, "now": now},
    ).rowcount
    if changed != 1:
        db.session.refresh(attempt)  # which of the two changed since the page was read
        if attempt.status != "in_progress":
            raise AttemptError(SUBMITTED)
        raise AttemptError("This question was answered again in another tab or window.")
    saved = {"response": value, "points": points, "is_correct": correct}
    for key, value in (saved | {"answered_at": now, "version": item.version + 1}).items():
        set_committed_value(item, key, value)  # the row as it now is, without another UPDATE


# A save takes this row lock on PostgreSQL before writing its item, and `finish` takes it by
# marking the attempt submitted before adding up the answers, so a save and a submit of the
# same attempt run one after the other: either the save lands first and is counted, or it
# finds the attempt submitted and is refused. (On SQLite writers are serialised already.)
LOCK_OPEN_ATTEMPT = (
    select(Attempt.id)
    .where(Attempt.id == bindparam("attempt_id"), Attempt.status == "in_progress")
    .with_for_update()
)


def _lock_open_attempt(attempt_id: int) -> bool:
    if db.session.get_bind().dialect.name == "sqlite":
        return True  # BEGIN IMMEDIATE: the UPDATE's own status check cannot be overtaken
    return db.session.execute(LOCK_OPEN_ATTEMPT, {"attempt_id": attempt_id}).first() is not None


def finish(attempt: Attempt, now: datetime) -> bool:
    """Close the attempt and record its score; False when it was already closed (a replay).

    The attempt is marked submitted first, which waits for any save holding its row lock, and
    the answers are added up after that, so every save acknowledged before is counted."""
    closed = db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.status == "in_progress")
        .values(status="submitted", submitted_at=now)
    ).rowcount
    if closed != 1:
        db.session.refresh(attempt)
        return False
    items = db.session.scalars(
        select(AttemptItem).where(AttemptItem.attempt_id == attempt.id)
    ).all()
    score, practise = sum(item.points for item in items), quiz_keys_visible(attempt.quiz, now)
    db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id)
        .values(
            score=score,
            is_practice_held=not practise,
            submitted_at=_submitted_at(attempt, items, now),
        )
    )
    db.session.refresh(attempt)
    record_submission(attempt.user_id, items, now, practise=practise)
    item_stats.record(attempt, items)
    return True


def _submitted_at(attempt: Attempt, items: list[AttemptItem], now: datetime) -> datetime:
    """When the attempt counts as submitted: now, or when its time was up if that came first
    (a straggler closed days later still took the time allowed, not days). Never before the
    last thing the student did, though: its start or its last saved answer. A close date set
    in the past after the student began, or an answer taken in the grace after the time
    limit, would otherwise date the submission before the work it holds (a negative time
    taken); the last moment the student was seen working is the honest end of that attempt."""
    ends = attempt_ends_at(attempt)
    stopped = min(now, ends) if ends is not None else now
    answered = (item.answered_at for item in items if item.answered_at is not None)
    return max(stopped, attempt.started_at, *answered)
