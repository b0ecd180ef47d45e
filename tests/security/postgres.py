"""PostgreSQL for the test suite: QUIZAPP_TEST_DATABASE_URL=postgresql://… runs every test in its
own schema of that database (chosen by search_path, so the app needs no change).

Creating a schema and its tables costs far more than emptying one, so schemas are recycled:
after a test, its schemas go back to a pool and the next test gets one with every table
truncated (identities restarted), which looks exactly like a new database. Without the
variable, tests use a new SQLite file per test.
"""

import os
import secrets

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from quizapp.config import _normalise_db_url

URL_VAR = "QUIZAPP_TEST_DATABASE_URL"
_by_key: dict[str, str] = {}  # tmp_path → schema, while its test runs
_kept: set[str] = set()  # schemas of module-scoped fixtures: not recycled
_free: list[str] = []
_all: set[str] = set()
_engine = None


def base_url() -> str | None:
    url = os.environ.get(URL_VAR, "").strip()
    return _normalise_db_url(url) if url else None


def schema_url(key: str, keep: bool = False) -> str:
    """A URL whose connections use the schema of `key` (a test's tmp_path): the same key gives
    the same schema, so an app made twice in one test sees the same data."""
    schema = _by_key.get(key)
    if schema is None:
        schema = _recycled() if _free else _new_schema()
        _by_key[key] = schema
        if keep:
            _kept.add(key)
    url = make_url(base_url()).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def release() -> None:
    """After a test: its schemas return to the pool."""
    for key in [k for k in _by_key if k not in _kept]:
        _free.append(_by_key.pop(key))


def drop_schemas() -> None:
    """At the end of the session: drop every schema it made."""
    while _all:
        _execute(f'DROP SCHEMA IF EXISTS "{_all.pop()}" CASCADE')
    _by_key.clear(), _kept.clear(), _free.clear()
    if _engine is not None:
        _engine.dispose()


def _new_schema() -> str:
    schema = f"t_{secrets.token_hex(6)}"
    _execute(f'CREATE SCHEMA "{schema}"')
    _all.add(schema)
    return schema


def _recycled() -> str:
    schema = _free.pop()
    tables = _execute(
        "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = :schema",
        schema=schema,
    )
    if tables:
        names = ", ".join(f'"{schema}".{table}' for table in tables)
        _execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    return schema


def _execute(statement: str, **params) -> list:
    global _engine
    if _engine is None:
        _engine = create_engine(base_url(), pool_size=1, pool_pre_ping=True)  # see test_load
    with _engine.begin() as connection:
        result = connection.execute(text(statement), params)
        return list(result.scalars()) if result.returns_rows else []
