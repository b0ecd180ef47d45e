"""Rendered HTML kept in memory for pages whose content changes rarely (explainer, quiz list).

Keys always carry the state of the rows the HTML was made from (an `updated_at`, or the rows
themselves), so an edit shows at once and nothing ever needs invalidating. Two kinds of entry:

* a *fragment*: the page's own content, the same for every visitor; the page around it (nav
  with the username, CSRF token, flashes) is still rendered per request;
* a whole *page*, only for visitors without a session: nothing in it belongs to anyone.

Each worker process has its own cache, bounded in size.

In front of Flask sits a third, shorter-lived kind: `SharedPages`, which answers a repeated GET
of a page `whole_page` built (explainer, quiz list) with the same bytes as last time, for up to
SHARED_PAGE_SECONDS, without running Flask at all. It is keyed by the request's path and cookie,
so a logged-in student gets back exactly the page made for their own session. Any commit in the
process empties it at once (bar the student's own writes that no such page shows: answers,
starting and submitting); a change made by another worker process shows after at most those
SHARED_PAGE_SECONDS. Teachers' pages are never kept, so an editor always sees their own edit.

A student's own pages made only from `read_state` rows (history, a result) are kept the same
way but without a time limit: before a repeat is answered, `SharedPages` runs those reads again,
and checks the session's account (token, disabled, name, role), in one short transaction, and
answers from memory only if nothing changed and the session is still inside its idle limit.
"""

import itertools
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from threading import Lock
from typing import TypeVar

from flask import Flask, current_app, has_request_context, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup
from sqlalchemy import Engine, Executable, bindparam, event, select

from quizapp.models import User, db
from quizapp.web.security import RENEWED

T = TypeVar("T")

MAX_ENTRIES = 1024
ANONYMOUS_SESSION_KEYS = frozenset({"_permanent"})  # security.py marks every non-empty session
SHARED_PAGE = "quizapp.shared_page"  # WSGI environ: whole_page made this response
PERSONAL_PAGE = "quizapp.personal_page"  # WSGI environ: a `_Check` that tells a repeat is due
STATE_READS = "quizapp.state_reads"  # WSGI environ: the read_state calls of this request
KEEPS_SHARED_PAGES = "quizapp.keeps_shared_pages"  # WSGI environ: its commits clear nothing


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
    cache = current_app.extensions.get("quizapp.web.page_cache")
    if cache is None:
        cache = current_app.extensions.setdefault("quizapp.web.page_cache", _LRU(MAX_ENTRIES))
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
        rows = [tuple(row) for row in db.session.connection().execute(statement, params)]
    else:
        with db.engine.connect() as connection:
            rows = [tuple(row) for row in connection.execute(statement, params)]
    if has_request_context():
        request.environ.setdefault(STATE_READS, []).append((statement, params, rows))
    return rows


def session_csrf_token() -> str:
    """The session's raw CSRF token, made first if needed: a key for HTML that carries it."""
    token = session.get("csrf_token")
    if token is None:
        generate_csrf()
        token = session["csrf_token"]
    return token


def cached(key: Hashable, build: Callable[[], T]) -> T:
    """`build()` the first time `key` is seen, the stored value after that."""
    if not current_app.config["FRAGMENT_CACHE"]:
        return build()
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
    """A page the same for every visitor but for the header: rendered once per key for visitors
    without a session, and offered to `SharedPages` for a repeat of the same request."""
    if current_user.is_authenticated and current_user.is_teacher:
        return render()  # an editor sees their edit at once, whichever worker answers
    request.environ[SHARED_PAGE] = True
    if not is_anonymous():
        return render()
    return cached(("page", request.endpoint, key), render)


# What a kept personal page shows of the account: the header, and whether the session holds.
ACCOUNT_STATE = select(User.session_token, User.is_disabled, User.username, User.role).where(
    User.id == bindparam("user_id")
)


@dataclass(frozen=True)
class _Check:
    """How `SharedPages` tells that a kept personal page is still what the app would send."""

    engine: Engine
    user_id: int
    account: tuple
    reads: tuple[tuple[Executable, dict, list], ...]
    extra: Callable[[], Hashable]
    extra_value: Hashable
    session_ends: float  # Unix time: the idle limit from the cookie's last signing, or earlier

    def holds(self) -> bool:
        if time.time() >= self.session_ends or self.extra() != self.extra_value:
            return False
        with self.engine.connect() as connection:
            found = connection.execute(ACCOUNT_STATE, {"user_id": self.user_id}).one_or_none()
            if found is None or tuple(found) != self.account:
                return False
            return all(
                [tuple(row) for row in connection.execute(statement, params)] == rows
                for statement, params, rows in self.reads
            )


def personal_page(
    extra: Callable[[], Hashable] = lambda: None, until: datetime | None = None
) -> None:
    """Declares that this logged-in page is made from nothing but the rows of this request's
    `read_state` calls, the account, the session and `extra()` (e.g. today's date), so that
    `SharedPages` may answer a repeat of it, up to `until` (UTC), after checking that none of
    them changed.

    Call read_state before loading what the page shows: where each statement sees the latest
    commit (PostgreSQL's READ COMMITTED), a change in between then leaves the kept state older
    than the page, and the next check finds it changed, never the other way round.
    """
    renewed = session.get(RENEWED)
    if not current_user.is_authenticated or renewed is None:
        return
    user = current_user
    ends = renewed + current_app.permanent_session_lifetime.total_seconds()
    if until is not None:
        ends = min(ends, until.replace(tzinfo=UTC).timestamp())
    request.environ[PERSONAL_PAGE] = _Check(
        engine=db.engine,
        user_id=user.id,
        account=(user.session_token, user.is_disabled, user.username, user.role),
        reads=tuple(request.environ.get(STATE_READS, ())),
        extra=extra,
        extra_value=extra(),
        session_ends=ends,
    )


def keeps_shared_pages() -> None:
    """Declares that this request's writes appear on no shared page (a student's answers, their
    attempt's start and submission), so its commit leaves `SharedPages` as it is."""
    request.environ[KEEPS_SHARED_PAGES] = True


@dataclass(frozen=True)
class _Response:
    generation: int
    expires: float  # time.monotonic(): a shared page's time limit
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    check: _Check | None = None  # a personal page's, run before each repeat instead

    def still_good(self, generation: int, now: float) -> bool:
        if self.generation != generation:
            return False
        return self.check.holds() if self.check is not None else self.expires > now


class SharedPages:
    """WSGI middleware: a repeated GET of a `whole_page` page, answered from memory for a short
    while (see the module's docstring). Only 200 responses that set no cookie are kept."""

    def __init__(self, wsgi_app, seconds: float, size: int = MAX_ENTRIES):
        self.wsgi_app, self.seconds = wsgi_app, seconds
        self.responses = _LRU(size)
        self._generations = itertools.count(1)
        self.generation = next(self._generations)

    def clear(self) -> None:
        """Forget every kept page (the next request of each runs the app again)."""
        self.generation = next(self._generations)  # itertools.count: safe across threads

    def __call__(self, environ, start_response) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "GET":
            return self.wsgi_app(environ, start_response)
        key = (
            environ.get("HTTP_HOST", ""),
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            environ.get("HTTP_COOKIE", ""),
        )
        generation, now = self.generation, time.monotonic()
        kept = self.responses.get(key)
        if kept is not None and kept.still_good(generation, now):
            start_response(kept.status, list(kept.headers))
            return [kept.body]
        started: list = []

        def capture(status, headers, exc_info=None):
            started[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, capture)
        check = environ.get(PERSONAL_PAGE)
        if not (environ.get(SHARED_PAGE) or check) or not started or started[0][:4] != "200 ":
            return body
        if any(name.lower() == "set-cookie" for name, _ in started[1]):
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        status, headers = started[0], tuple(started[1])
        kept = _Response(generation, now + self.seconds, status, headers, data, check)
        self.responses.put(key, kept)
        return [data]


def _clear_after_commit(pages: SharedPages) -> Callable:
    def after_commit(_connection) -> None:
        if not (has_request_context() and request.environ.get(KEEPS_SHARED_PAGES)):
            pages.clear()

    return after_commit


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
    seconds = float(app.config["SHARED_PAGE_SECONDS"])
    if seconds > 0:
        pages = SharedPages(app.wsgi_app, seconds)
        with app.app_context():
            event.listen(db.engine, "commit", _clear_after_commit(pages))
        app.wsgi_app = pages
