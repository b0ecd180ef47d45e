"""Blueprints: glue between HTTP and the services. Parse, call, commit once, redirect."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from quizapp.views import (
        account,  # noqa: F401 - adds its routes to the auth blueprint
        admin,
        attempt_pages,  # noqa: F401 - adds its routes to the quizzes blueprint
        auth,
        classes,
        history,
        learn,
        quizzes,
    )

    for blueprint in (auth.bp, learn.bp, quizzes.bp, history.bp, classes.bp, admin.bp):
        app.register_blueprint(blueprint)
    app.context_processor(lambda: {"nav_endpoints": app.view_functions})
