"""Headers, caching, error pages, CORS (checklist items 33, 35, 36) and the database engine set-up
(WAL, synchronous=NORMAL, foreign keys, busy timeout, BEGIN IMMEDIATE before a request writes)."""

import re
import sqlite3

import pytest
from flask import has_request_context, request
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from quizapp.models import db

from attempt_helpers import start
from conftest import PASSWORD, login, make_app, quiz_id, seed_tiny
from security import postgres
from security.clients import page_token

CSP_MUST = ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'")


def _responses(app) -> dict[int, object]:
    """One response of each status the checklist names, from a CSRF-protected app."""
    anonymous, student = app.test_client(), app.test_client()
    data = {"username": "alice", "password": PASSWORD, "csrf_token": page_token(student)}
    assert student.post("/login", data=data).status_code == 302
    attacker = app.test_client()
    data = {"username": "bob", "password": "wrong guess!", "csrf_token": page_token(attacker)}
    for _ in range(10):
        attacker.post("/login", data=data)
    return {
        200: anonymous.get("/"),
        302: anonymous.get("/history"),
        400: student.post("/logout"),  # no CSRF token
        403: student.get("/admin/"),
        404: anonymous.get("/nope"),
        405: anonymous.get("/logout"),
        429: attacker.post("/login", data={**data, "password": PASSWORD}),
    }


def test_item_33_security_headers_on_every_kind_of_response(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_tiny(app)
    for status, response in _responses(app).items():
        assert response.status_code == status, (status, response.status_code)
        csp = response.headers["Content-Security-Policy"]
        for directive in CSP_MUST:
            assert directive in csp, (status, directive)
        script_src = re.search(r"script-src ([^;]*)", csp)
        assert script_src and "'unsafe-inline'" not in script_src[1], status
        assert "'unsafe-inline'" not in csp.split("default-src", 1)[-1].split(";")[0]
        assert response.headers["X-Content-Type-Options"] == "nosniff", status
        assert response.headers["Referrer-Policy"], status
        assert response.headers["Content-Type"] == "text/html; charset=utf-8", status
        assert "Strict-Transport-Security" not in response.headers  # HSTS off over plain HTTP


def test_item_33_hsts_when_served_over_https(tmp_path):
    app = make_app(tmp_path, HSTS=True)
    seed_tiny(app)
    hsts = app.test_client().get("/").headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts)[1]) >= 31_536_000


def test_item_35_private_pages_are_not_cached(app, student):
    attempt_id = start(student, quiz_id(app))
    responses = [student.get(u) for u in (f"/attempts/{attempt_id}/q/1", "/history", "/classes/")]
    student.post(f"/attempts/{attempt_id}/submit")
    responses.append(student.get(f"/attempts/{attempt_id}/result"))
    admin = app.test_client()
    assert login(admin, "ada").status_code == 302
    responses += [admin.get("/admin/"), admin.get("/admin/users")]
    for response in responses:
        assert response.status_code == 200, response.request.path
        assert "no-store" in response.headers.get("Cache-Control", ""), response.request.path


def test_item_35_login_page_and_its_answers_are_not_cached(client):
    assert "no-store" in client.post("/login", data={}).headers.get("Cache-Control", "")


def test_item_36_not_found_page_has_no_traceback(client):
    response = client.get("/nope")
    assert response.status_code == 404
    for leak in ("Traceback", "Werkzeug Debugger", "werkzeug", 'File "'):
        assert leak not in response.text


def test_item_36_server_error_is_generic(tmp_path, caplog):
    app = make_app(tmp_path)
    seed_tiny(app)

    @app.get("/test-only/boom")
    def boom():
        raise RuntimeError("secret detail: /etc/passwd at line 42")

    response = app.test_client().get("/test-only/boom")
    assert response.status_code == 500
    assert "secret detail" not in response.text and "Traceback" not in response.text
    assert "Something went wrong" in response.text
    assert "secret detail" in caplog.text  # the detail goes to the log, not to the visitor


def test_item_36_no_cors_for_another_origin(client):
    for method, url in (("GET", "/"), ("OPTIONS", "/login"), ("POST", "/login")):
        response = client.open(url, method=method, headers={"Origin": "https://evil.example"})
        assert "Access-Control-Allow-Origin" not in response.headers, (method, url)
        assert "Access-Control-Allow-Credentials" not in response.headers


# --- the database engine ----------------------------------------------------------------------

sqlite_only = pytest.mark.skipif(bool(postgres.base_url()), reason="SQLite engine settings")


@sqlite_only
def test_sqlite_pragmas_on_every_connection(app):
    with app.app_context():
        pragma = {
            name: db.session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                      "busy_timeout": 15000}  # fmt: skip


def _sqlite_write_lock_is_free(app) -> bool:
    other = sqlite3.connect(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()  # closing rolls the empty transaction back
    return True


@sqlite_only
def test_sqlite_writes_run_under_the_write_lock_taken_before_them(app, student):
    """A reading request only BEGINs; a writing request's reads hold no lock, and its first
    write runs after BEGIN IMMEDIATE, so two writers queue instead of one of them failing with
    "database is locked" when its read snapshot tries to write."""
    with app.app_context():
        engine = db.engine
    begins: set[tuple[str, str]] = set()
    lock_free: list[tuple[str, bool]] = []

    def record(_conn, _cursor, statement, *_):
        if not has_request_context():
            return
        if statement.startswith("BEGIN"):
            begins.add((request.method, statement))
        elif statement.startswith(("SELECT", "INSERT")):
            lock_free.append((statement.split()[0], _sqlite_write_lock_is_free(app)))

    event.listen(engine, "before_cursor_execute", record)
    try:
        student.get("/history")
        assert all(free for _, free in lock_free)
        lock_free.clear()
        student.post(f"/quizzes/{quiz_id(app)}/start")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert begins == {("GET", "BEGIN"), ("POST", "BEGIN")}  # the write lock comes later
    first_write = next(i for i, (kind, _) in enumerate(lock_free) if kind == "INSERT")
    assert all(free for _, free in lock_free[:first_write])
    assert not lock_free[first_write][1]


@pytest.mark.skipif(not postgres.base_url(), reason="runs when the suite runs on PostgreSQL")
def test_the_postgresql_run_really_uses_postgresql(app):
    with app.app_context():
        assert db.engine.dialect.name == "postgresql"
        assert db.session.execute(text("SHOW server_version_num")).scalar() >= "150000"


def test_item_33_an_svg_keeps_its_own_styles_and_still_runs_no_script(client):
    """A map opened on its own is an SVG document: its inline <style> must apply, scripts not."""
    response = client.get("/static/img/map.svg")
    response.close()
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "style-src 'unsafe-inline'" in policy
    assert "script-src" not in policy and "frame-ancestors 'none'" in policy
    page = client.get("/")
    assert "style-src 'self'" in page.headers["Content-Security-Policy"]
