"""Start-up stays light: what only some commands need is imported by those commands."""

import json
import os
import subprocess
import sys
from pathlib import Path

CHECK = """
import sys
from pathlib import Path
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
