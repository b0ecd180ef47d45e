"""SQL statements per page, counted through the Flask test client with a cursor listener.

Statements that only open or close a transaction are left out. Each page is counted small and
large (a 5- and a 50-question quiz, a history of 1 and of 200+ attempts), each time on its first
request (nothing cached yet) and on a repeated one (the usual case): small and large must be
equal.
"""

import random
from contextlib import contextmanager

from dataset import answers, form_fields
from flask import Flask
from sqlalchemy import event, select

from quizapp.models import AttemptItem, User, db

# Not queries: SQLite's BEGIN [IMMEDIATE] is sent as a statement, other databases' is not.
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@contextmanager
def counting(app: Flask):
    """Yields a list that collects every SQL statement the app sends."""
    statements: list[str] = []

    def listen(_conn, _cursor, statement, *_args) -> None:
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listen)


def _client(app: Flask, username: str):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        user_id = user.get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = user_id, True
    return client


def _answer_form(app: Flask, attempt_id: int, position: int) -> dict:
    """A valid answer to the item at `position`, whatever its kind, as the form sends it."""
    with app.app_context():
        item = db.session.scalar(
            select(AttemptItem).where(
                AttemptItem.attempt_id == attempt_id, AttemptItem.position == position
            )
        )
        response = answers(item.snapshot, random.Random(item.id))[0][0]
        return {"position": str(position), "version": str(item.version)} | {
            key: values[0] if len(values) == 1 else values
            for key, values in form_fields(item.snapshot, response).items()
        }


def _count(app: Flask, client, method: str, path: str, data=None) -> tuple[int, int]:
    """Statements on the first request and on a repeated one."""
    counts = []
    for _ in range(2):
        with counting(app) as statements:
            response = client.open(path, method=method, data=data)
        if response.status_code >= 400:
            raise SystemExit(f"{method} {path} answered {response.status_code}")
        counts.append(len(statements))
        if method == "POST":
            data = {**data, "version": str(int(data["version"]) + 1)}
    return counts[0], counts[1]


def page_queries(app: Flask, data) -> list[tuple[str, tuple, tuple]]:
    """(page, (first, repeated) small, (first, repeated) large) for every page the load run
    measures."""
    small = _client(app, data.small_username)
    large = _client(app, data.username)
    rows = []
    for name, method, small_path, large_path, small_form, large_form in (
        ("explainer section", "GET", f"/learn/{data.topic_slug}", None, None, None),
        ("quiz list", "GET", "/quizzes", None, None, None),
        (
            "question page",
            "GET",
            f"/attempts/{data.short_attempt}/q/3",
            f"/attempts/{data.long_attempt}/q/25",
            None,
            None,
        ),
        (
            "save an answer",
            "POST",
            f"/attempts/{data.short_attempt}/answer",
            f"/attempts/{data.long_attempt}/answer",
            _answer_form(app, data.short_attempt, 2),
            _answer_form(app, data.long_attempt, 20),
        ),
        (
            "result page",
            "GET",
            f"/attempts/{data.short_result_attempt}/result",
            f"/attempts/{data.long_result_attempt}/result",
            None,
            None,
        ),
        ("history page", "GET", "/history", "/history", None, None),
    ):
        n_small = _count(app, small, method, small_path, small_form)
        n_large = _count(app, large, method, large_path or small_path, large_form or small_form)
        rows.append((name, n_small, n_large))
    return rows
