"""Whole-database backup and restore: every table, students' accounts and attempts included.

SQLite uses the online backup API, which copies a consistent snapshot through a connection, so
commits still in the write-ahead log are included (copying the .sqlite file alone misses them).
PostgreSQL uses pg_dump's custom format and pg_restore in one transaction. A restore refuses a
database that already holds data unless told to replace it.
"""

import os
import sqlite3

# pg_dump and pg_restore run from an argument list, never through a shell.
import subprocess  # nosec B404
from contextlib import closing
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine, make_url

from quizapp.config import child_environment

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
DATA_TABLES = ("users", "topics", "questions", "quizzes", "attempts")
QUIZAPP_TABLES = {"users", "questions", "attempts"}  # what any quizapp database has


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def backup(engine: Engine, target: Path) -> None:
    """Write a backup of the whole database to `target` (overwritten)."""
    if engine.dialect.name == "sqlite":
        _sqlite_backup(Path(engine.url.database), target)
    else:
        _pg(engine, "pg_dump", "--format=custom", "--no-owner", f"--file={target}")


def restore(engine: Engine, source: Path, replace: bool = False) -> None:
    """Load `source` into the database; refuses a database holding data unless `replace`."""
    magic = _magic(source)
    if not replace and not is_empty(engine):
        raise BackupError(
            "The database already holds data. Restore into an empty database, or pass "
            "--replace to overwrite everything in it."
        )
    engine.dispose()  # no pooled connection may keep reading the old pages
    if engine.dialect.name == "sqlite":
        if magic != SQLITE_MAGIC:
            raise BackupError(f"{source} is not an SQLite backup made by `flask backup`.")
        _sqlite_restore(source, Path(engine.url.database))
    else:
        if magic[: len(PG_MAGIC)] != PG_MAGIC:
            raise BackupError(f"{source} is not a PostgreSQL backup made by `flask backup`.")
        _pg(engine, "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
            f"--dbname={engine.url.database}", str(source))  # fmt: skip


def is_empty(engine: Engine) -> bool:
    """True when none of the tables that hold a school's data has a row (or none exists)."""
    with engine.connect() as connection:
        present = set(inspect(connection).get_table_names()) & set(DATA_TABLES)
        # Table names come from DATA_TABLES, a constant, never from input.
        queries = [text(f"SELECT 1 FROM {name} LIMIT 1") for name in sorted(present)]  # nosec B608
        return not any(connection.execute(query).first() for query in queries)


def _magic(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError(f"Cannot read {path}: {error.strerror}.") from error


def _sqlite_backup(database: Path, target: Path) -> None:
    partial = target.with_name(target.name + ".partial")
    with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(partial)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    os.replace(partial, target)  # a backup interrupted half-way never has the final name


def _sqlite_restore(source: Path, database: Path) -> None:
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_file:
        check = backup_file.execute("PRAGMA quick_check").fetchone()[0]
        tables = {r[0] for r in backup_file.execute("SELECT name FROM sqlite_master")}
        if check != "ok" or not QUIZAPP_TABLES <= tables:
            raise BackupError(f"{source} is damaged or is not a quizapp database.")
        with closing(sqlite3.connect(database, timeout=15)) as live:
            backup_file.backup(live)  # page by page under SQLite's locks, in one go


def _pg(engine: Engine, program: str, *args: str) -> None:
    url = make_url(engine.url)
    with engine.connect() as connection:
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    env = child_environment(
        PGHOST=url.host or "",
        PGPORT=str(url.port or 5432),
        PGUSER=url.username or "",
        PGPASSWORD=url.password or "",  # in the environment, not in `ps` output
        PGDATABASE=url.database or "",
    )
    command = [program, f"--schema={schema}", *args]
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)  # nosec B603
    except FileNotFoundError as error:
        raise BackupError(
            f"{program} is not installed (apt-get install postgresql-client)."
        ) from error
    if result.returncode:
        raise BackupError(f"{program} failed: {result.stderr.strip()[-2000:]}")
