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
    "markdown",
    "sqlalchemy.dialects.postgresql",
    "quizapp.core.generation.pipeline",
    "quizapp.core.generation.entities",
    "quizapp.services.seeding",
    "quizapp.services.database_backup",
)
HELP = f"""
import sys
from flask.cli import main
from quizapp.models import db
sys.argv = ["flask", "--app", "quizapp", "--help"]
try:
    main()
except SystemExit as done:
    assert not done.code, done.code
print("LOADED", sorted(m for m in {HEAVY!r} if m in sys.modules))
print("CONFIGURED", any(m.configured for m in db.Model.registry.mappers))
"""


def test_flask_help_loads_no_generator_markdown_or_postgres_dialect_and_maps_nothing(tmp_path):
    """`flask --help` creates the app and lists its commands: the article generator, Markdown,
    the PostgreSQL dialect and the mapper configuration are left for what uses them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "DATABASE_"))}
    env["FLASK_SECRET_KEY"] = "k" * 32
    env["FLASK_SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path / 'unused.sqlite'}"
    done = subprocess.run(
        [sys.executable, "-c", HELP], capture_output=True, text=True, cwd=tmp_path, env=env,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "create-user" in done.stdout  # the app's own commands were listed
    assert "LOADED []" in done.stdout
    assert "CONFIGURED False" in done.stdout


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
