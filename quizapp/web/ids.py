"""Database ids in URLs: positive integers that fit the id columns, anything else is a 404.

Werkzeug's `int` converter accepts any length of digits; SQLite then raises OverflowError for a
value of 2**63 or more (a 500), and PostgreSQL's 32-bit `integer` id columns a DataError above
2**31 - 1, for what is simply a wrong URL.
"""

from flask import request
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL `integer`; SQLite's are wider


class IdConverter(IntegerConverter):
    """`<id:name>`: 1 … MAX_ID; a longer or larger number does not match the route (404)."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 - Werkzeug's parameter name
        super().__init__(map, min=1, max=MAX_ID)


def id_arg(name: str) -> int | None:
    """A query-string id (`?class=3`), or None when it is missing or not a storable id."""
    value = request.args.get(name, type=int)
    return value if value is not None and 1 <= value <= MAX_ID else None
