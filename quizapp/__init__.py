"""quizapp: read a short, sourced explainer, then prove you understood it in a quiz.

Importing the package loads nothing else: `flask generate` and the pure `quizapp.core` can be
used without Flask, SQLAlchemy or the app. `create_app` imports what the app is made of.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: dict | None = None) -> "Flask":
    """The application factory: config and commands, then extensions → plumbing → blueprints.

    Made by the `flask` command line (`flask --help`, `flask seed` …), the app does the second
    half on first use (web/application.py), so listing commands loads neither SQLAlchemy nor
    the views. Everywhere else (gunicorn, tests, scripts) it is built whole here.
    """
    import click

    from quizapp import cli
    from quizapp.config import configure
    from quizapp.web.application import QuizApp
    from quizapp.web.ids import IdConverter

    app = QuizApp(__name__, instance_relative_config=True)
    configure(app, test_config)
    app.url_map.converters["id"] = IdConverter  # <id:…> in routes: too large a number is a 404
    cli.init_cli(app)

    if click.get_current_context(silent=True) is not None:  # inside a `flask …` command
        app.defer_setup(_set_up)
    else:
        _set_up(app)
    return app


def _set_up(app: "Flask") -> None:
    from werkzeug.middleware.proxy_fix import ProxyFix

    from quizapp import views
    from quizapp.extensions import csrf, db, login_manager, migrate
    from quizapp.web.database import init_database
    from quizapp.web.errors import init_errors
    from quizapp.web.lan import init_lan
    from quizapp.web.numbers import init_numbers
    from quizapp.web.security import init_security
    from quizapp.web.static_files import init_static_files
    from quizapp.web.times import init_times

    # Extensions. The SQLite engine set-up (pragmas, BEGIN IMMEDIATE, the writer queue) is
    # wired into Flask-SQLAlchemy's engine options before db.init_app.
    init_database(app)
    migrate.init_app(app, db)
    csrf.init_app(app)
    login_manager.init_app(app)

    # Plumbing: headers and session rules, error pages, fingerprinted static files, and the
    # template filters that show times in the reader's zone and percentages alike.
    init_security(app)
    init_errors(app)
    init_static_files(app)
    init_lan(app)
    init_times(app)
    init_numbers(app)

    # Every wrap of the WSGI app, innermost first.
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:  # behind nginx etc.: the client's address, not the proxy's, is throttled
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    views.register_blueprints(app)
