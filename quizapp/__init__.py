"""quizapp: read a short, sourced explainer, then prove you understood it in a quiz."""

from flask import Flask
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

from quizapp.config import configure
from quizapp.database import init_database
from quizapp.errors import init_errors
from quizapp.models import db
from quizapp.page_cache import init_page_cache
from quizapp.security import init_security

csrf = CSRFProtect()
migrate = Migrate(render_as_batch=True, compare_type=True)


def create_app(test_config: dict | None = None) -> Flask:
    """The application factory: config → extensions → blueprints → CLI."""
    app = Flask(__name__, instance_relative_config=True)
    configure(app, test_config)

    init_database(app)
    migrate.init_app(app, db)
    csrf.init_app(app)
    init_security(app)
    init_errors(app)
    init_page_cache(app)

    from quizapp import admin, auth, classes, cli, history, learn, quizzes

    for blueprint in (auth.bp, learn.bp, quizzes.bp, history.bp, classes.bp, admin.bp):
        app.register_blueprint(blueprint)
    cli.init_cli(app)
    app.context_processor(lambda: {"nav_endpoints": app.view_functions})
    return app
