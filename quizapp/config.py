"""Configuration: code defaults → instance/config.py → FLASK_* environment variables.

Tests pass a dict instead. DATABASE_URL (or FLASK_SQLALCHEMY_DATABASE_URI) chooses the database;
the default is SQLite at instance/quizapp.sqlite. APP_TIMEZONE (or FLASK_APP_TIMEZONE) is the
school's time zone, an IANA name checked at start-up; the default is UTC.
"""

import os
from datetime import timedelta
from pathlib import Path

from flask import Flask

from quizapp.core.times import zone

DEFAULT_SECRET_KEY = "dev"  # noqa: S105 - the value production refuses to start with
SECRET_KEY_FILE = "secret_key"


class Defaults:
    SECRET_KEY = DEFAULT_SECRET_KEY
    SQLALCHEMY_DATABASE_URI = ""  # filled in from the instance folder
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    SESSION_COOKIE_NAME = "__Host-session"
    SESSION_COOKIE_SECURE = True  # Chromium and the test client accept it on http://127.0.0.1
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_REFRESH_EACH_REQUEST = False  # security.py renews it once a RENEW_SESSION_AFTER
    PERMANENT_SESSION_LIFETIME = timedelta(hours=2)  # idle lifetime
    RENEW_SESSION_AFTER = 60  # seconds
    REMEMBER_COOKIE_DURATION = timedelta(hours=2)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    PASSWORD_HASH = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}  # OWASP minimum
    LOGIN_FAILURE_WINDOW = timedelta(minutes=15)
    LOGIN_FAILURES_BEFORE_DELAY = 10  # per (account, address) and window; then a wait of
    LOGIN_FIRST_DELAY = 30  # seconds, doubling with each further failure,
    LOGIN_DELAY_CAP = 900  # up to this many seconds
    LOGIN_FAILURES_PER_IP = 300  # per address and window: a school shares one, so keep it high
    # Accounts the registration page makes per address and window (each costs an argon2 hash).
    # A class behind one address waits a few minutes; "Make student accounts" has no such limit.
    REGISTRATIONS_PER_IP = 10
    REGISTRATION_WINDOW = timedelta(minutes=10)
    ANSWER_GRACE_SECONDS = 5  # network slack after a time limit
    HSTS = False
    TRUSTED_PROXIES = 0  # reverse proxies in front whose X-Forwarded-For/-Proto to believe
    PAGE_SIZE = 20
    SQLITE_SYNCHRONOUS = "FULL"  # an acknowledged answer is on disk (see web/database.py)
    SQLITE_JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024  # bytes the WAL file keeps after a checkpoint
    SQLITE_CHECKPOINT_SECONDS = 60.0  # 0 turns the truncating checkpoint thread off
    SQLITE_OPTIMIZE_SECONDS = 3600.0  # a pooled connection runs PRAGMA optimize this often
    POOL_CACHE = True  # the questions a quiz draws from, kept per worker (services/pools.py)
    # Plain http on a school network (`make serve LAN_HTTP=1`, web/lan.py): a session cookie
    # without __Host-/Secure, and only private-network clients served. Off unless turned on.
    LAN_HTTP = False
    SERVE_PORT = None  # set by `flask serve`: the teaching home then shows the class's address
    # Submitted attempts older than this many days are removed by `flask attempts purge`;
    # None (the default) keeps them for ever and the command refuses to run without --days.
    ATTEMPT_RETENTION_DAYS: int | None = None
    APP_TIMEZONE = "UTC"  # the school's zone: times for users who have not chosen their own


def configure(app: Flask, test_config: dict | None) -> None:
    app.config.from_object(Defaults)
    app.config["SQLALCHEMY_DATABASE_URI"] = (
        f"sqlite:///{Path(app.instance_path) / 'quizapp.sqlite'}"
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        _load_secret_key(app)
        app.config.from_prefixed_env()
        database_url = os.environ.get("DATABASE_URL")
        if database_url and "SQLALCHEMY_DATABASE_URI" not in _prefixed_keys():
            app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_db_url(database_url)
        if os.environ.get("QUIZAPP_LAN_HTTP", "").lower() in ("1", "true", "yes", "on"):
            app.config["LAN_HTTP"] = True
        if os.environ.get("QUIZAPP_SERVE_PORT", "").isdigit():
            app.config["SERVE_PORT"] = int(os.environ["QUIZAPP_SERVE_PORT"])
        school_zone = os.environ.get("APP_TIMEZONE")
        if school_zone and "APP_TIMEZONE" not in _prefixed_keys():
            app.config["APP_TIMEZONE"] = school_zone
    else:
        app.config.from_mapping(test_config)
    if app.config["LAN_HTTP"]:
        # Browsers drop Secure (and so __Host-) cookies sent over http from another machine.
        app.config["SESSION_COOKIE_NAME"] = "quizapp_session"
        app.config["SESSION_COOKIE_SECURE"] = False
        app.config["HSTS"] = False
    app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_db_url(app.config["SQLALCHEMY_DATABASE_URI"])
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", _engine_options(app))
    _refuse_insecure_production(app)
    _refuse_unknown_timezone(app)


def child_environment(**extra: str) -> dict[str, str]:
    """The environment for a program the app runs (pg_dump…): this process's, plus `extra`.
    Environment variables are read here and nowhere else in the package."""
    return {**os.environ, **extra}


def _prefixed_keys() -> set[str]:
    return {key.removeprefix("FLASK_") for key in os.environ if key.startswith("FLASK_")}


def _normalise_db_url(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants the psycopg 3 driver named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _engine_options(app: Flask) -> dict:
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return {"connect_args": {"timeout": 15}}
    return {"pool_pre_ping": True}


def _load_secret_key(app: Flask) -> None:
    path = Path(app.instance_path) / SECRET_KEY_FILE
    if path.is_file():
        app.config["SECRET_KEY"] = path.read_text().strip()


def _refuse_insecure_production(app: Flask) -> None:
    if app.debug or app.testing:
        return
    key = app.config.get("SECRET_KEY")
    if not key or key == DEFAULT_SECRET_KEY or len(str(key)) < 16:
        raise RuntimeError(
            "quizapp refuses to start without a secret key. Create one with "
            "`make secret` (writes instance/secret_key) or set FLASK_SECRET_KEY to a long "
            "random value, e.g. python -c 'import secrets; print(secrets.token_hex(32))'."
        )


def _refuse_unknown_timezone(app: Flask) -> None:
    name = app.config.get("APP_TIMEZONE")
    if zone(name) is None:
        raise RuntimeError(
            f"APP_TIMEZONE={name!r} is not a time zone quizapp knows. Use an IANA name such as "
            "'Asia/Karachi', 'Europe/London' or 'UTC'."
        )
