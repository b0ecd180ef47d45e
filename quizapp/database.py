"""Engine set-up that survives concurrent web writes on SQLite (see SECURITY.md).

WAL, synchronous=NORMAL, foreign keys and a busy timeout on every connection; writing requests
open their transaction with BEGIN IMMEDIATE, so two writers queue instead of deadlocking.
"""

import time

from flask import Flask, has_request_context, request
from sqlalchemy import event

from quizapp import faults
from quizapp.models import db

READ_METHODS = ("GET", "HEAD", "OPTIONS")


def init_database(app: Flask) -> None:
    db.init_app(app)
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        delays = faults.commit_delays()
        if delays:
            _inject_commit_delays(app, engine, *delays)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if _writing_request() else "BEGIN")


def _writing_request() -> bool:
    return has_request_context() and request.method not in READ_METHODS


def _inject_commit_delays(app: Flask, engine, before: float, after: float) -> None:
    """Load-test only (see quizapp/faults.py): sleep around the COMMIT of writing requests."""

    def before_commit(_conn) -> None:
        if _writing_request():
            time.sleep(before)

    inner = app.wsgi_app

    def delayed(environ, start_response):
        # Here the request's session is already closed: sleeping in after_request would keep
        # the transaction a post-commit read opened (and on SQLite the write lock) for the wait.
        body = inner(environ, start_response)
        if environ.get("REQUEST_METHOD") not in READ_METHODS:
            time.sleep(after)
        return body

    event.listen(engine, "commit", before_commit)
    app.wsgi_app = delayed
