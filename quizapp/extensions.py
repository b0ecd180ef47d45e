"""The Flask extensions, created once here and bound to an app in `create_app`."""

from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

from quizapp.models.base import db

csrf = CSRFProtect()
migrate = Migrate(render_as_batch=True, compare_type=True)

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please log in to see that page."
login_manager.login_message_category = "info"
login_manager.session_protection = None  # the per-user session token does this job

__all__ = ["csrf", "db", "login_manager", "migrate"]
