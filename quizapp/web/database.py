"""Engine set-up that survives concurrent web writes on SQLite (see SECURITY.md).

WAL, synchronous=FULL (SQLITE_SYNCHRONOUS), a journal size limit, foreign keys and a busy
timeout on every connection. With synchronous=FULL an answer is on disk before the student is
told it is saved (NORMAL can lose the last commits on a power cut or a cut-short log), and
`checkpoint.Checkpointer` keeps the log file from growing without bound.

A request's transaction takes SQLite's write lock at its first writing statement, not before:
its reads (the user's load, the rows a form refers to) run in a plain BEGIN transaction, and
just before the first INSERT, UPDATE, DELETE or SAVEPOINT that read transaction (which holds
no writes) ends and the write transaction opens with BEGIN IMMEDIATE. Two writers therefore
queue instead of one failing with "database is locked" when its read snapshot tries to write,
and other writers wait only for a request's writes and COMMIT, not for its reads. To the ORM
and to the view it is one transaction: one commit at the end, one rollback undoes every write.
As on PostgreSQL (READ COMMITTED), what was read before the first write may have changed by
the time it is written, so writes that depend on a read re-check it in their WHERE clause (an
item's version, an attempt still in progress) or rest on a unique constraint.

Writers queue in `WriteQueue` first: SQLite's own busy handler sleeps between tries (1 ms at
first, up to 100 ms), so under a burst of answers the write lock often sat free while every
waiter slept, and the slowest saves waited most of a second. A lock per process and an
flock(2) on a file beside the database between processes wake the next writer the moment the
last one commits. The busy timeout still covers writers outside the queue (CLI commands).
"""

import fcntl
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from flask import Flask, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import make_url

from quizapp.models import db
from quizapp.web.checkpoint import Checkpointer

log = logging.getLogger("quizapp")
READ_METHODS = ("GET", "HEAD", "OPTIONS")
# Statements that need the write lock. SAVEPOINT too: the read transaction must not end (and
# release the savepoint) at a write inside it.
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "SAVEPOINT", "CREATE", "DROP", "ALTER")


class WriteQueue:
    """One writer at a time: a re-entrant lock within the process, flock across processes."""

    def __init__(self, path: Path):
        self.path, self.lock, self.depth = path, threading.RLock(), 0
        self.fd, self.pid = None, None

    def _file(self) -> int:
        if self.pid != os.getpid():  # a forked worker needs its own open file for flock
            self.fd, self.pid = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600), os.getpid()
        return self.fd

    def enter(self) -> None:
        self.lock.acquire()
        try:
            if self.depth == 0:
                fcntl.flock(self._file(), fcntl.LOCK_EX)
        except BaseException:
            self.lock.release()
            raise
        self.depth += 1

    def leave(self) -> None:
        self.depth -= 1
        if self.depth == 0:
            fcntl.flock(self._file(), fcntl.LOCK_UN)
        self.lock.release()


def _queued_connection(queue: WriteQueue | None) -> type:
    class QueuedConnection(sqlite3.Connection):
        """Leaves the write queue (if the database has one: not an in-memory one) when its
        transaction ends, however it ends."""

        in_queue = False

        def enter_write_queue(self) -> None:
            if queue is not None:
                queue.enter()
            self.in_queue = True

        def leave_write_queue(self) -> None:
            if self.in_queue:
                self.in_queue = False
                if queue is not None:
                    queue.leave()

        def commit(self) -> None:
            try:
                super().commit()
            finally:
                self.leave_write_queue()

        def rollback(self) -> None:
            try:
                super().rollback()
            finally:
                self.leave_write_queue()

        def close(self) -> None:
            try:
                super().close()
            finally:
                self.leave_write_queue()

    return QueuedConnection


def _sqlite_file(uri: str) -> Path | None:
    url = make_url(uri)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return None if url.database.startswith("file:") else Path(url.database)


def init_database(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    path = checkpointer = None
    if make_url(uri).get_backend_name() == "sqlite":
        path = _sqlite_file(uri)
        queue = WriteQueue(path.with_name(path.name + "-writers")) if path else None
        options = app.config["SQLALCHEMY_ENGINE_OPTIONS"] = dict(
            app.config["SQLALCHEMY_ENGINE_OPTIONS"]
        )
        options["connect_args"] = {
            **options.get("connect_args", {}),
            "factory": _queued_connection(queue),
        }
        if path is not None:
            seconds = float(app.config["SQLITE_CHECKPOINT_SECONDS"])
            checkpointer = app.extensions["quizapp.checkpointer"] = Checkpointer(
                path, queue, seconds
            )
    db.init_app(app)
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas(app.config))
            event.listen(engine, "begin", _sqlite_begin)
            event.listen(engine, "before_cursor_execute", _write_lock_before_writing)
            _keep_statistics(engine, float(app.config["SQLITE_OPTIMIZE_SECONDS"]))
        if checkpointer is not None:
            event.listen(engine, "connect", lambda *_: checkpointer.ensure_running())


SYNCHRONOUS = {"OFF": 0, "NORMAL": 1, "FULL": 2, "EXTRA": 3}


def _sqlite_pragmas(config) -> Callable:
    synchronous = SYNCHRONOUS[str(config["SQLITE_SYNCHRONOUS"]).upper()]
    journal_limit = int(config["SQLITE_JOURNAL_SIZE_LIMIT"])

    def on_connect(dbapi_conn, _record) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute(f"PRAGMA journal_size_limit={journal_limit}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.close()
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves

    return on_connect


# SQLite's query planner needs statistics (sqlite_stat1) to choose between indexes: without
# them it took the (quiz, status) index for a class's report and read the whole school's
# attempts. As SQLite recommends, each connection runs `PRAGMA optimize` when it closes and, as
# pooled connections live long, every SQLITE_OPTIMIZE_SECONDS when it returns to the pool;
# `analysis_limit` keeps any ANALYZE it decides on to a sample. It analyses only tables whose
# statistics are missing or stale, so it usually costs well under a millisecond.
ANALYSIS_LIMIT = "PRAGMA analysis_limit=400"
OPTIMIZED_AT = "quizapp.optimized_at"


def _keep_statistics(engine, seconds: float) -> None:
    def on_connect(_dbapi_conn, record) -> None:
        record.info[OPTIMIZED_AT] = time.monotonic()

    def on_checkin(dbapi_conn, record) -> None:
        if dbapi_conn is None or not seconds:
            return
        if time.monotonic() - record.info.get(OPTIMIZED_AT, 0.0) >= seconds:
            record.info[OPTIMIZED_AT] = time.monotonic()
            _run_optimize(dbapi_conn)

    def on_close(dbapi_conn, _record) -> None:
        _run_optimize(dbapi_conn)

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "checkin", on_checkin)
    event.listen(engine, "close", on_close)


def _run_optimize(dbapi_conn) -> None:
    try:
        dbapi_conn.execute(ANALYSIS_LIMIT)
        dbapi_conn.execute("PRAGMA optimize")
    except sqlite3.Error as error:  # a busy or closed database: the next close tries again
        log.info("PRAGMA optimize skipped: %s", error)


def analyze(connection) -> None:
    """Statistics after a bulk change (`flask seed`, a migration, a bulk load): on SQLite an
    ANALYZE of a sample of each index (PRAGMA optimize only looks at tables this connection
    has queried); PostgreSQL's autovacuum analyses changed tables by itself."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(ANALYSIS_LIMIT)
        connection.exec_driver_sql("ANALYZE")


def _sqlite_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN")  # reads need no lock: the first write takes it


def _write_lock_before_writing(conn, _cursor, statement, _params, context, _many) -> None:
    """In a request, the first writing statement of a transaction ends its read transaction and
    opens a write transaction with BEGIN IMMEDIATE, in the write queue (see the docstring)."""
    dbapi_connection = conn.connection.dbapi_connection
    if getattr(dbapi_connection, "in_queue", True) or not has_request_context():
        return  # already writing, or not a connection of ours, or a CLI command
    if not _is_write(statement, context):
        return
    if dbapi_connection.in_transaction:
        dbapi_connection.execute("COMMIT")  # the reads so far: nothing to write
    dbapi_connection.enter_write_queue()
    try:
        dbapi_connection.execute("BEGIN IMMEDIATE")
    except BaseException:
        dbapi_connection.leave_write_queue()
        raise


def _is_write(statement: str, context) -> bool:
    if context is not None and (context.isinsert or context.isupdate or context.isdelete):
        return True
    return statement.lstrip()[:9].upper().startswith(WRITES)


def _writing_request() -> bool:
    return has_request_context() and request.method not in READ_METHODS
