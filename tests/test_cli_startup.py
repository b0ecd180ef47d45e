"""Start-up stays light: what only some commands need is imported by those commands."""

import json
import os
import subprocess
import sys
from pathlib import Path

from flask import url_for

CHECK = """
import sys
from pathlib import Path

from flask import url_for
from quizapp import create_app
app = create_app({"TESTING": True, "SECRET_KEY": "x" * 32,
                  "SQLALCHEMY_DATABASE_URI": "sqlite://"})
app.cli.list_commands(None)
loaded = [m for m in ("alembic", "flask_migrate", "quizapp.services.seeding",
                      "quizapp.services.database_backup") if m in sys.modules]
print(",".join(loaded))
"""


def test_listing_the_commands_imports_no_alembic_seeder_or_backup():
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""


HEAVY = (
    "alembic",
    "flask_migrate",
    "flask_sqlalchemy",
    "flask_login",
    "flask_wtf",
    "sqlalchemy",
    "markdown",
    "quizapp.models",
    "quizapp.views",
    "quizapp.services",
    "quizapp.core.generation.pipeline",
    "quizapp.services.seeding",
    "quizapp.services.database_backup",
)
HELP = f"""
import sys
from flask.cli import main
sys.argv = ["flask", "--app", "quizapp", "--help"]
try:
    main()
except SystemExit as done:
    assert not done.code, done.code
print("LOADED", sorted(m for m in {HEAVY!r} if m in sys.modules))
"""


def _cli_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "DATABASE_"))}
    env["FLASK_SECRET_KEY"] = "k" * 32
    env["FLASK_SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    return env


def test_flask_help_loads_neither_sqlalchemy_nor_the_models_nor_the_views(tmp_path):
    """`flask --help` creates the app and lists its commands; the app made by the command line
    finishes its set-up (database, logins, CSRF, blueprints) only when something uses it."""
    done = subprocess.run(
        [sys.executable, "-c", HELP], capture_output=True, text=True, cwd=tmp_path,
        env=_cli_env(tmp_path), timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for command in ("create-user", "db", "seed", "questions", "routes", "shell"):
        assert f"  {command} " in done.stdout  # the app's own commands and Flask's were listed
    assert "LOADED []" in done.stdout


def _flask(tmp_path, *args: str, stdin: str = "") -> str:
    """`flask --app quizapp ARGS` from the project folder (Flask-Migrate finds migrations/)."""
    flask = Path(sys.executable).with_name("flask")
    done = subprocess.run(
        [str(flask), "--app", "quizapp", *args], input=stdin, capture_output=True, text=True,
        cwd=Path(__file__).resolve().parents[1], env=_cli_env(tmp_path), timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_every_kind_of_command_finishes_the_deferred_set_up_before_it_runs(tmp_path):
    """Flask-Migrate's group (via app.extensions), our commands and groups (wrapped), `flask
    shell` (a shell context processor) and `flask routes` (the URL map) each find the app whole."""
    assert "Running upgrade" in _flask(tmp_path, "db", "upgrade")
    assert "(head)" in _flask(tmp_path, "db", "current")
    assert "questions:" in _flask(tmp_path, "seed")
    assert "Created teacher 'tess'" in _flask(
        tmp_path, "create-user", "tess", "--role", "teacher", stdin="a-Long-pass-phrase-42\n"
    )
    assert "quiz_stats:" in _flask(tmp_path, "stats", "rebuild")
    assert "::" in _flask(tmp_path, "questions", "export", "--format", "gift")
    shell = _flask(
        tmp_path, "shell",
        stdin="from quizapp.models import User, db\n"
        "print('TEACHERS', db.session.query(User).filter_by(role='teacher').count())\n",
    )  # fmt: skip
    assert "TEACHERS 1" in shell
    routes = _flask(tmp_path, "routes")
    assert "auth.login" in routes and "/admin/articles" in routes


def test_each_app_command_is_wrapped_to_finish_the_set_up(app):
    """A new command added to COMMANDS is wrapped too, down to every subcommand, except the
    two that never use the app."""
    from quizapp.cli.commands import APP_FREE

    def walk(command):
        yield command
        for subcommand in getattr(command, "commands", {}).values():
            yield from walk(subcommand)

    for name, top in app.cli.commands.items():
        if name == "db" or top in APP_FREE:
            continue
        for command in walk(top):
            assert getattr(command, "finishes_setup", False), (name, command.name)


def _deferred_app(tmp_path, **overrides):
    """An app as the `flask` command line makes it: created inside a click command."""
    import click

    from tests.conftest import make_app

    with click.Context(click.Command("flask")):
        app = make_app(tmp_path, **overrides)
    assert app.setup_pending
    return app


def test_concurrent_first_requests_set_the_deferred_app_up_once(app, tmp_path):
    """Eight threads hit a deferred app at once: one runs the set-up, the others wait for it;
    every request is served whole (not 404 for want of blueprints)."""
    import threading

    deferred = _deferred_app(tmp_path)  # the same database file as `app`
    start = threading.Barrier(8)
    statuses, errors = [], []

    def first_request():
        try:
            start.wait()
            statuses.append(deferred.test_client().get("/login").status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=first_request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == [] and statuses == [200] * 8
    assert not deferred.setup_pending
    assert list(deferred.blueprints) == list(app.blueprints)


def test_the_first_request_to_a_deferred_app_already_passes_through_proxy_fix(app, tmp_path):
    """The set-up wraps `wsgi_app` in ProxyFix; a deferred app finishes it before its first WSGI
    call reads `wsgi_app`, so even that request is throttled by the client's address."""
    from sqlalchemy import select

    from quizapp.models import LoginFailure, db

    deferred = _deferred_app(tmp_path, TRUSTED_PROXIES=1)
    response = deferred.test_client().post(
        "/login", data={"username": "alice", "password": "wrong"},
        headers={"X-Forwarded-For": "203.0.113.7"},
    )  # fmt: skip
    assert response.status_code == 401  # a failed login
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]  # hooks ran
    with deferred.app_context():
        assert db.session.scalars(select(LoginFailure.ip)).all() == ["203.0.113.7"]


def test_generate_runs_without_the_app_a_secret_key_or_a_database(tmp_path):
    """`flask generate` is a plugin command: the app is never created, so it needs no secret
    key and no database, and importing it loads neither Flask-SQLAlchemy nor the models."""
    article = tmp_path / "article.txt"
    article.write_text(
        "Pakistan launched airstrikes on Kabul on 27 February 2026. Defence Minister Khawaja "
        "Asif said Pakistan was in an open war with the Afghan Taliban.\n",
        encoding="utf-8",
    )
    flask = Path(sys.executable).with_name("flask")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "DATABASE_"))}
    done = subprocess.run(
        [str(flask), "--app", "quizapp", "generate", str(article), "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert isinstance(json.loads(done.stdout), list)
    imported = subprocess.run(
        [sys.executable, "-c", "import sys, quizapp.cli.generate; "
         "print(sorted(m for m in ('sqlalchemy', 'flask_sqlalchemy', 'quizapp.models') "
         "if m in sys.modules))"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert imported.stdout.strip() == "[]"


def test_static_files_are_read_on_first_use_not_when_the_app_is_created(app):
    files = app.extensions["quizapp.web.static_files"]
    assert files.cache_info().currsize == 0
    with app.test_request_context():
        assert url_for("static", filename="style.css").startswith("/static/style.")
    assert files.cache_info().currsize == 1
