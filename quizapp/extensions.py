"""The Flask extensions, created once here and bound to an app in `create_app`."""

import click
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from quizapp.models.base import db

MIGRATE_OPTIONS = {"render_as_batch": True, "compare_type": True}


class LazyMigrate:
    """Flask-Migrate, bound on first use. Importing it loads Alembic (a fifth of a second),
    which only `flask db` and migration code need, not every request worker or command."""

    def init_app(self, app, database) -> None:
        app.extensions["migrate"] = _PendingMigrate(app, database)
        app.cli.add_command(_MigrationCommands("db", help="Perform database migrations."))


class _PendingMigrate:
    """Stands in `app.extensions['migrate']` until something reads it, then binds the real one."""

    def __init__(self, app, database):
        self.app, self.database = app, database

    def __getattr__(self, name: str):
        from flask_migrate import Migrate

        Migrate(self.app, self.database, **MIGRATE_OPTIONS)  # replaces this stand-in
        return getattr(self.app.extensions["migrate"], name)


class _MigrationCommands(click.Group):
    """`flask db …`: Flask-Migrate's group (its options, callback and commands), imported
    when the group is used rather than when `flask --help` lists it."""

    def _load(self) -> None:
        from flask_migrate.cli import db as commands

        self.params, self.callback = commands.params, commands.callback
        self.commands = commands.commands

    def make_context(self, info_name, args, parent=None, **extra):
        self._load()
        return super().make_context(info_name, args, parent, **extra)

    def list_commands(self, ctx) -> list[str]:
        self._load()
        return super().list_commands(ctx)


csrf = CSRFProtect()
migrate = LazyMigrate()

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to see that page."
login_manager.login_message_category = "info"
login_manager.session_protection = None  # the per-user session token does this job

__all__ = ["csrf", "db", "login_manager", "migrate"]
