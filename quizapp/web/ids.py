"""Database ids in URLs: positive integers that fit a 64-bit column, anything else is a 404.

Werkzeug's `int` converter accepts any length of digits; SQLite then raises OverflowError for a
value of 2**63 or more, and PostgreSQL a DataError, both server errors for what is a wrong URL.
"""

from flask import request
from werkzeug.routing import IntegerConverter

MAX_ID = 2**63 - 1


class IdConverter(IntegerConverter):
    """`<id:name>`: 1 … 2**63-1; a longer or larger number does not match the route (404)."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 - Werkzeug's parameter name
        super().__init__(map, min=1, max=MAX_ID)


def id_arg(name: str) -> int | None:
    """A query-string id (`?class=3`), or None when it is missing or not a storable id."""
    value = request.args.get(name, type=int)
    return value if value is not None and 1 <= value <= MAX_ID else None
