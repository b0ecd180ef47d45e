"""The Flask extensions, created once here and bound to an app in `create_app`."""

from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from quizapp.models.base import db

MIGRATE_OPTIONS = {"render_as_batch": True, "compare_type": True}


class LazyMigrate:
    """Flask-Migrate, bound on first use. Importing it loads Alembic (a fifth of a second),
    which only `flask db` and migration code need, not every request worker or command."""

    def init_app(self, app, database) -> None:
        app.extensions["migrate"] = _PendingMigrate(app, database)  # `flask db`: cli/migrations.py


class _PendingMigrate:
    """Stands in `app.extensions['migrate']` until something reads it, then binds the real one."""

    def __init__(self, app, database):
        self.app, self.database = app, database

    def __getattr__(self, name: str):
        from flask_migrate import Migrate

        Migrate(self.app, self.database, **MIGRATE_OPTIONS)  # replaces this stand-in
        return getattr(self.app.extensions["migrate"], name)


csrf = CSRFProtect()
migrate = LazyMigrate()

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to see that page."
login_manager.login_message_category = "info"
login_manager.session_protection = None  # the per-user session token does this job

__all__ = ["csrf", "db", "login_manager", "migrate"]
