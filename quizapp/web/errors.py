"""Error pages: a clear message, the right status, never a traceback."""

import logging

from flask import Flask, Response, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from quizapp.models import db

log = logging.getLogger("quizapp")
MESSAGES = {
    400: "The request could not be understood. Go back, reload the page and try again.",
    401: "Please log in to see that page.",
    403: "You do not have access to that page.",
    404: "That page does not exist, or you do not have access to it.",
    405: "That action is not allowed here.",
    409: "That action conflicts with the current state. Reload the page and try again.",
    413: "That upload is too large.",
    429: "Too many requests. Wait a moment and try again.",
}


def init_errors(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(DataError, _unstorable_value)
    for unavailable in (OperationalError, InterfaceError, PoolTimeout):
        app.register_error_handler(unavailable, _database_unavailable)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _server_error)


RETRY_AFTER = "30"  # seconds: a restarting database server is usually back within that
# Served when the database cannot be reached. It is plain text in code, not a template: the
# site header loads the user from the database, which is what just failed.
OUTAGE_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Back in a moment · quizapp</title></head>
<body><main>
<h1>Back in a moment</h1>
<p>quizapp cannot reach its database just now, so what you just sent was not saved.
Nothing is half-saved, and answers saved earlier are kept.
Wait a minute, then reload the page.</p>
</main></body>
</html>
"""


def outage_response(status: int = 503) -> Response:
    """The page shown when the database is unreachable: needs no database and no template."""
    response = Response(OUTAGE_PAGE, status=status, mimetype="text/html")
    response.headers["Retry-After"] = RETRY_AFTER
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(status: int, message: str, title: str):
    try:
        return render_template("error.html", status=status, message=message, title=title), status
    except (OperationalError, InterfaceError, PoolTimeout):
        _rollback()
        return outage_response()


def _rollback() -> None:
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection is already gone; nothing to undo
        log.debug("rollback after a database error failed", exc_info=True)


def _database_unavailable(error: Exception):
    _rollback()
    log.error("database unavailable: %s", error)
    return outage_response()


def _csrf_error(error: CSRFError):
    from quizapp.web.lan import PLAIN_HTTP_REFUSED, plain_http_state

    if plain_http_state() == "refused":  # the browser never kept the cookie the token is in
        return _page(400, PLAIN_HTTP_REFUSED, "Signing in cannot work at this address")
    return _page(400, f"{error.description} Reload the page and try again.", "Form expired")


def _unstorable_value(error: DataError):
    # PostgreSQL refuses values SQLite stores (a NUL character inside an uploaded file, a number
    # out of range): that is bad input, not a server fault.
    db.session.rollback()
    log.warning("refused a value the database cannot store: %s", error.orig)
    return _page(
        400,
        "Something in what you sent cannot be saved (for example a NUL character in a file). "
        "Check it and try again.",
        "Bad request",
    )


def _http_error(error: HTTPException):
    status = error.code or 500
    if status >= 500:
        return _server_error(error)
    # A view's own words (abort(403, "…")) say more than the generic message for the status.
    custom = error.description if error.description != type(error).description else None
    return _page(status, custom or MESSAGES.get(status, error.description or ""), error.name)


def _server_error(error: Exception):
    _rollback()
    log.exception("unhandled error", exc_info=error)
    return _page(
        500,
        "Something went wrong on our side. Nothing was saved; please try again.",
        "Server error",
    )
