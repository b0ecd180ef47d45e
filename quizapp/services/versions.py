"""Optimistic locking for edit forms: a save claims the version its form was opened at.

A form carries the row's version in a hidden field; saving runs one
UPDATE … SET version = version + 1 WHERE id = :id AND version = :seen, so of two teachers who
opened the same quiz or section, the second to save is told instead of silently reverting the
first one's change.
"""

from sqlalchemy import update

from quizapp.core.digits import plain_int
from quizapp.models import db


class StaleEdit(Exception):
    """Someone else saved the row after this form was opened."""

    def __init__(self, seen: int | None, current: int):
        super().__init__(f"version {seen} was opened, version {current} is saved")
        self.seen, self.current = seen, current


def seen_version(raw: str | None) -> int | None:
    """The version a form says it was opened at, or None when the field was tampered with."""
    return plain_int(raw)


def claim(row: db.Model, raw_seen: str | None) -> None:
    """Move `row` to its next version if it is still at the version the form saw; else
    StaleEdit (nothing is written)."""
    model, seen = type(row), seen_version(raw_seen)
    changed = 0
    if seen is not None:
        changed = db.session.execute(
            update(model)
            .where(model.id == row.id, model.version == seen)
            .values(version=seen + 1)
            .execution_options(synchronize_session=False)
        ).rowcount
    if changed != 1:
        db.session.refresh(row)
        raise StaleEdit(seen, row.version)
    row.version = seen + 1
    db.session.flush()
