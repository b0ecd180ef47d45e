"""Error pages: a clear message, the right status, never a traceback."""

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
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
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _server_error)


def _page(status: int, message: str, title: str):
    return render_template("error.html", status=status, message=message, title=title), status


def _csrf_error(error: CSRFError):
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
    return _page(status, MESSAGES.get(status, error.description or ""), error.name)


def _server_error(error: Exception):
    db.session.rollback()
    log.exception("unhandled error", exc_info=error)
    return _page(
        500,
        "Something went wrong on our side. Nothing was saved; please try again.",
        "Server error",
    )
