"""Helpers for progress and report tests: whole attempts in one call, and counting queries."""

from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import event, select

from quizapp.models import Assignment, Membership, SchoolClass, User, db, utcnow

from attempt_helpers import answer, items, right_form, start, wrong_form
from conftest import PASSWORD_HASH, quiz_id

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def take(client, app, right=True, quiz: int | None = None) -> int:
    """Start, answer every question (all right or all wrong) and submit; the attempt id."""
    attempt_id = start(client, quiz or quiz_id(app))
    finish_items(client, attempt_id, items(app, attempt_id), right)
    return attempt_id


def finish_items(client, attempt_id: int, paper, right=True) -> None:
    for item in paper:
        form = right_form(item.snapshot) if right else wrong_form(item.snapshot)
        assert answer(client, attempt_id, item, form).status_code == 303
    assert client.post(f"/attempts/{attempt_id}/submit").status_code == 303


@contextmanager
def count_queries(app):
    """Count the SQL statements run inside the block (transaction control excluded)."""
    counter = {"n": 0}

    def listener(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
            counter["n"] += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def user_id(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.username == username))


def add_user(app, username: str, role: str = "teacher") -> None:
    with app.app_context():
        db.session.add(User(username=username, role=role, password_hash=PASSWORD_HASH))
        db.session.commit()


def make_class(
    app,
    teacher: str = "tess",
    members: tuple[str, ...] = ("alice",),
    quizzes: tuple[tuple[int, datetime | None], ...] = (),
    code: str = "ABCD2345",
    expires_at: datetime | None = None,
) -> int:
    """A class straight in the database: its teacher, students and assigned quizzes."""
    with app.app_context():
        school_class = SchoolClass(
            name=f"Class {code}",
            teacher_id=db.session.scalar(select(User.id).where(User.username == teacher)),
            join_code=code,
            join_code_expires_at=expires_at or utcnow() + timedelta(days=14),
        )
        db.session.add(school_class)
        db.session.flush()
        for name in members:
            member_id = db.session.scalar(select(User.id).where(User.username == name))
            db.session.add(Membership(class_id=school_class.id, user_id=member_id))
        for quiz, due_at in quizzes:
            db.session.add(Assignment(class_id=school_class.id, quiz_id=quiz, due_at=due_at))
        db.session.commit()
        return school_class.id
