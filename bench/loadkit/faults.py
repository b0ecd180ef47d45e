"""Fault injection for the load-and-fault test: an app factory that wraps quizapp's.

gunicorn loads it instead of `quizapp:create_app()` (see `app_spec`, used by loadtest.py):

    gunicorn 'loadkit.faults:create_app(before=0.002, after=0.1, idempotent=False)'

`before` and `after` (seconds) make every writing request sleep just before each COMMIT it
makes and again after it has run, before the response is sent. That widens the windows in
which a killed worker leaves work "written but not committed" or "committed but not
acknowledged", so a SIGKILL really hits requests in flight.

`idempotent=False` is the negative control: starting a quiz ignores the client's idempotency
key and any open attempt and always draws a new one, the bug the checks must notice.
"""

import time
from datetime import datetime

from flask import Flask, has_request_context, request
from sqlalchemy import event

import quizapp
from quizapp.extensions import db
from quizapp.models import Attempt, Quiz, User
from quizapp.services import attempt_start
from quizapp.views import quizzes as quiz_views

READ_METHODS = ("GET", "HEAD", "OPTIONS")
MAX_DELAY = 2.0  # seconds: a typo must not hang a server


def app_spec(before: float, after: float, idempotent: bool = True) -> str:
    """The gunicorn application spec for this factory with these faults."""
    return (
        f"loadkit.faults:create_app(before={before!r}, after={after!r}, idempotent={idempotent!r})"
    )


def create_app(before: float = 0.0, after: float = 0.0, idempotent: bool = True) -> Flask:
    """quizapp's app with sleeps around each writing request's COMMIT, and optionally
    non-idempotent starts."""
    app = quizapp.create_app()
    before, after = (min(MAX_DELAY, max(0.0, float(s))) for s in (before, after))
    if before or after:
        _delay_commits(app, before, after)
    if not idempotent:
        # Where the start view finds it, whether it imported the function or the module; if
        # neither holds any more, the negative control sees no duplicates and fails loudly.
        attempt_start.start_attempt = quiz_views.start_attempt = duplicating_start
    return app


def _writing_request() -> bool:
    return has_request_context() and request.method not in READ_METHODS


def _delay_commits(app: Flask, before: float, after: float) -> None:
    def before_commit(_conn) -> None:
        if _writing_request():
            time.sleep(before)

    inner = app.wsgi_app

    def delayed(environ, start_response):
        # Here the request's session is already closed: sleeping in after_request would keep
        # the transaction a post-commit read opened (and on SQLite the write lock) for the wait.
        body = inner(environ, start_response)
        if environ.get("REQUEST_METHOD") not in READ_METHODS:
            time.sleep(after)
        return body

    with app.app_context():
        event.listen(db.engine, "commit", before_commit)
    app.wsgi_app = delayed


def duplicating_start(
    user: User, quiz: Quiz, now: datetime, client_token: str | None = None
) -> Attempt:
    """`start_attempt` without its idempotency: a retried start makes another attempt."""
    # The bug built from the service's own parts, so the paper is drawn as in production.
    used = attempt_start._attempts_used(user, quiz)
    return attempt_start._new_attempt(user, quiz, now, used + 1, None)
