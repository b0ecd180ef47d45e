"""Helpers for progress and report tests: whole attempts in one call, and counting queries."""

from contextlib import contextmanager

from sqlalchemy import event

from quizapp.models import db

from attempt_helpers import answer, items, right_form, start, wrong_form
from conftest import quiz_id

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
