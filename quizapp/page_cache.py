"""Rendered HTML kept in memory for pages whose content changes rarely (explainer, quiz list).

Keys always carry the state of the rows the HTML was made from (an `updated_at`, or the rows
themselves), so an edit shows at once and nothing ever needs invalidating. Two kinds of entry:

* a *fragment*: the page's own content, the same for every visitor; the page around it (nav
  with the username, CSRF token, flashes) is still rendered per request;
* a whole *page*, only for visitors without a session: nothing in it belongs to anyone.

Each worker process has its own cache, bounded in size.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import TypeVar

from flask import Flask, current_app, has_request_context, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy import Executable

from quizapp.models import db

T = TypeVar("T")

MAX_ENTRIES = 1024
ANONYMOUS_SESSION_KEYS = frozenset({"_permanent"})  # security.py marks every non-empty session


class _LRU:
    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), Lock()

    def get(self, key: Hashable):
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: Hashable, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


def _cache() -> _LRU:
    cache = current_app.extensions.get("quizapp.page_cache")
    if cache is None:
        cache = current_app.extensions.setdefault("quizapp.page_cache", _LRU(MAX_ENTRIES))
    return cache


def read_state(statement: Executable, **params) -> list[tuple]:
    """The rows of `statement` (built once, at import) as plain tuples, without the ORM.

    A cache key's worth of state then costs a fraction of an ORM query. A logged-in request
    loads its user first and the read joins that transaction; a visitor's read takes a
    connection of its own, so a page served from the cache to a visitor never opens an ORM
    session at all.
    """
    if has_request_context() and "_user_id" in session:
        current_user.is_authenticated  # noqa: B018 - loads the user, as the page will anyway
    if db.session.registry.has() and db.session().in_transaction():
        return [tuple(row) for row in db.session.connection().execute(statement, params)]
    with db.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(statement, params)]


def session_csrf_token() -> str:
    """The session's raw CSRF token, made first if needed: a key for HTML that carries it."""
    token = session.get("csrf_token")
    if token is None:
        generate_csrf()
        token = session["csrf_token"]
    return token


def cached(key: Hashable, build: Callable[[], T]) -> T:
    """`build()` the first time `key` is seen, the stored value after that."""
    cache = _cache()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.put(key, value)
    return value


def fragment(key: Hashable, render: Callable[[], str]) -> Markup:
    """Rendered HTML that is the same for every visitor, made once per key."""
    # Markup is safe here: render() returns the output of an autoescaped template.
    return cached(("fragment", key), lambda: Markup(render()))  # nosec B704


def is_anonymous() -> bool:
    """True when the request carries no state at all: nobody logged in, no flash, no form."""
    # current_user first: loading it is what would put a user into the session.
    return not current_user.is_authenticated and set(session.keys()) <= ANONYMOUS_SESSION_KEYS


def whole_page(key: Hashable, render: Callable[[], str]) -> str:
    """For visitors without a session: the whole page, rendered once per key."""
    if not is_anonymous():
        return render()
    return cached(("page", request.endpoint, key), render)


def site_header() -> Markup:
    """The header and navigation, rendered once per visitor and part of the site.

    A logged-in header carries the username and the session's CSRF token (the logout form),
    so its key does too.
    """
    if current_user.is_authenticated:
        user = current_user
        key = (user.id, user.username, user.is_teacher, session_csrf_token())
    else:
        key = ()
    return fragment(("header", request.blueprint, *key), lambda: render_template("_header.html"))


def init_page_cache(app: Flask) -> None:
    app.add_template_global(site_header)
