"""Start-up stays light: what only some commands need is imported by those commands."""

import subprocess
import sys

CHECK = """
import sys
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
