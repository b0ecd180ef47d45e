"""The Flask class, able to finish its set-up on first use.

The `flask` command line creates the app to list its commands, and most commands never serve a
page. An app made there defers the heavy half of its set-up (the database engine, logins, CSRF,
the blueprints: SQLAlchemy, the models and every view) until something first needs it: one
of the app's commands running (cli/__init__.py), `flask shell`, a request, a WSGI call, the URL
map (`url_for`, `flask routes`) or `app.extensions` (Flask-Migrate's `flask db`). An app
context alone does not count: Flask pushes one to look a command up, `flask --help` included.
gunicorn, the tests and scripts build the app whole, as before.
"""

import threading
from collections.abc import Callable

from flask import Flask
from werkzeug.routing import Map


class QuizApp(Flask):
    _pending_setup: Callable[["QuizApp"], None] | None = None
    _setup_thread: int | None = None

    def defer_setup(self, setup: Callable[["QuizApp"], None]) -> None:
        """Run `setup(self)` once, when the app is first needed, in whichever thread needs it
        first; other threads wait for it to finish."""
        self._setup_lock = threading.Lock()
        self._pending_setup = setup

    @property
    def setup_pending(self) -> bool:
        return self._pending_setup is not None

    def finish_setup(self) -> None:
        # The set-up itself reads the extensions and the URL map: it sees them as they are.
        if self._pending_setup is None or self._setup_thread == threading.get_ident():
            return
        with self._setup_lock:
            if self._pending_setup is None:
                return
            self._setup_thread = threading.get_ident()
            try:
                self._pending_setup(self)  # if it raises, the next use tries again
                self._pending_setup = None
            finally:
                self._setup_thread = None

    # Flask assigns both in __init__; reading either finishes the set-up first.
    @property
    def extensions(self) -> dict:
        self.finish_setup()
        return self._extensions

    @extensions.setter
    def extensions(self, value: dict) -> None:
        self._extensions = value

    @property
    def url_map(self) -> Map:
        self.finish_setup()
        return self._url_map

    @url_map.setter
    def url_map(self, value: Map) -> None:
        self._url_map = value

    def create_url_adapter(self, request):
        if request is not None:  # a request context: it is about to be served
            self.finish_setup()
        return super().create_url_adapter(request)

    # The set-up may wrap `wsgi_app` (ProxyFix): finish it before the first call picks it up.
    def __call__(self, environ, start_response):
        self.finish_setup()
        return super().__call__(environ, start_response)
