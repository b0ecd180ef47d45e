"""What the speed work must not break: pages stay fresh and personal, static files carry
fingerprinted names with long caching, and page queries do not grow with the data."""

import re
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, event, select, update

from quizapp.models import Attempt, Quiz, Topic, User, db

from attempt_helpers import answer, items, right_form, start
from conftest import (
    PASSWORD,
    csrf_token,
    logged_in,
    login,
    make_app,
    quiz_id,
    seed_tiny,
)
from report_helpers import take


def _static_url(page: str, name: str, suffix: str) -> str:
    match = re.search(rf'"(/static/{name}\.[0-9a-f]{{12}}\.{suffix})"', page)
    assert match, f"no fingerprinted {name}.{suffix} in the page"
    return match.group(1)


def test_static_urls_are_fingerprinted_and_cached_for_a_year(app):
    client = app.test_client()
    url = _static_url(client.get("/learn/border").text, "style", "css")
    response = client.get(url)
    assert response.status_code == 200 and b"--" in response.data  # CSS variables
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_static_text_is_gzipped_only_for_clients_that_accept_it(app):
    client = app.test_client()
    url = _static_url(client.get("/learn/border").text, "style", "css")
    plain = client.get(url)
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert len(zipped.data) < len(plain.data)
    assert "Accept-Encoding" in zipped.headers["Vary"]


def test_plain_static_names_still_work_without_long_caching(app):
    response = app.test_client().get("/static/style.css")
    assert response.status_code == 200
    assert "immutable" not in response.headers.get("Cache-Control", "")
    response.close()


def test_cached_section_shows_each_user_their_own_nav(app):
    alice, bob, anonymous = app.test_client(), app.test_client(), app.test_client()
    login(alice, "alice")
    login(bob, "bob")
    first = anonymous.get("/learn/border").text
    assert "Log in" in first and "alice" not in first
    assert "alice" in alice.get("/learn/border").text
    page = bob.get("/learn/border").text
    assert "bob" in page and "alice" not in page
    assert "alice" not in anonymous.get("/learn/border").text


def test_edited_section_shows_at_once(app):
    client = app.test_client()
    assert "first paragraph about the border" in client.get("/learn/border").text
    with app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.slug == "border"))
        topic.body = "A rewritten paragraph. {: #border }"
        db.session.commit()
    page = client.get("/learn/border").text
    assert "A rewritten paragraph." in page and "first paragraph" not in page


def test_unknown_section_is_still_404(app):
    assert app.test_client().get("/learn/nowhere").status_code == 404


def test_quiz_list_follows_edits_and_publication(app):
    client = app.test_client()
    assert "Everything" in client.get("/quizzes").text
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "all"))
        quiz.title = "Everything, renamed"
        db.session.add(Quiz(slug="new", title="A brand new quiz", is_published=True))
        db.session.commit()
    page = client.get("/quizzes").text
    assert "Everything, renamed" in page and "A brand new quiz" in page
    with app.app_context():
        db.session.scalar(select(Quiz).where(Quiz.slug == "new")).is_published = False
        db.session.commit()
    assert "A brand new quiz" not in client.get("/quizzes").text


def _statements(app, client, method: str, path: str, data=None) -> int:
    seen: list[str] = []

    def listen(_conn, _cursor, statement, *_args) -> None:
        if not statement.startswith("BEGIN"):
            seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listen)
    try:
        client.open(path, method=method, data=data)
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    return len(seen)


def test_question_page_and_answer_queries_do_not_grow_with_answers(app, student):
    attempt_id = start(student, quiz_id(app))
    paper = items(app, attempt_id)
    before = _statements(app, student, "GET", f"/attempts/{attempt_id}/q/2")
    for item in paper[:-1]:
        assert answer(student, attempt_id, item, right_form(item.snapshot)).status_code == 303
    assert _statements(app, student, "GET", f"/attempts/{attempt_id}/q/2") == before <= 6
    last = paper[-1]
    form = {**right_form(last.snapshot), "position": str(last.position), "version": "0"}
    assert _statements(app, student, "POST", f"/attempts/{attempt_id}/answer", form) <= 6


def test_visitor_without_a_session_gets_no_cookie(app):
    response = app.test_client().get("/learn/border")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers


def test_history_follows_new_attempts_and_renamed_quizzes(app, student):
    take(student, app, right=True)
    assert "1 in all" in student.get("/history").text
    take(student, app, right=False)
    assert "2 in all" in student.get("/history").text
    with app.app_context():
        db.session.scalar(select(Quiz).where(Quiz.slug == "all")).title = "Everything, renamed"
        db.session.commit()
    assert "Everything, renamed" in student.get("/history").text


def test_history_shows_each_student_their_own(app, student, other_student):
    take(student, app, right=True)
    assert "1 in all" in student.get("/history").text
    page = other_student.get("/history").text
    assert "No attempts yet" in page and "1 in all" not in page


def test_result_page_follows_a_changed_score(app, student):
    attempt_id = take(student, app, right=True)
    assert "0 out of" not in student.get(f"/attempts/{attempt_id}/result").text
    with app.app_context():
        db.session.get(Attempt, attempt_id).score = 0
        db.session.commit()
    assert "<strong>0 out of" in student.get(f"/attempts/{attempt_id}/result").text


def test_cached_pages_carry_each_sessions_own_csrf_token(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_tiny(app)
    first, second = app.test_client(), app.test_client()
    for client in (first, second):
        page = client.get("/login").text
        client.post("/login", data={"username": "alice", "password": PASSWORD,
                                    "csrf_token": csrf_token(page)})  # fmt: skip
    tokens = [csrf_token(client.get("/learn/border").text) for client in (first, second)]
    assert tokens[0] != tokens[1]
    for client, token in zip((first, second), tokens, strict=True):
        assert client.post("/logout", data={"csrf_token": token}).status_code == 302


# --- Pages follow every change at once, whichever worker made it -------------------------------


SESSION = "__Host-session"


def test_a_copied_cookie_stops_showing_the_login_after_logout(app, student):
    assert "alice" in student.get("/learn/border").text
    copy = app.test_client()
    copy.set_cookie(SESSION, student.get_cookie(SESSION).value)
    assert "alice" in copy.get("/learn/border").text
    assert student.post("/logout").status_code == 302
    assert "alice" not in copy.get("/learn/border").text


def test_a_flash_is_shown_once(app, student):
    student.get("/learn/border")
    with student.session_transaction() as session:
        session["_flashes"] = [("info", "CANARY-flash-91c2")]
    assert "CANARY-flash-91c2" in student.get("/learn/border").text
    assert "CANARY-flash-91c2" not in student.get("/learn/border").text


def _as_another_worker(app, statement) -> None:
    """Commit `statement` through an engine of its own, as another worker process would."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with engine.begin() as connection:
        connection.execute(statement)
    engine.dispose()


def test_a_saved_answer_shows_on_the_question_page(app, student):
    attempt_id = start(student, quiz_id(app))
    item = items(app, attempt_id)[0]
    path = f"/attempts/{attempt_id}/q/{item.position}"
    before = student.get(path).text
    assert answer(student, attempt_id, item, right_form(item.snapshot)).status_code == 303
    after = student.get(path).text
    assert after != before
    assert f'name="version" value="{item.version + 1}"' in after


def test_another_workers_change_shows_at_once_on_a_result(app, student):
    attempt_id = take(student, app, right=True)
    path = f"/attempts/{attempt_id}/result"
    assert "<strong>0 out of" not in student.get(path).text
    _as_another_worker(app, update(Attempt).where(Attempt.id == attempt_id).values(score=0))
    assert "<strong>0 out of" in student.get(path).text


def test_a_logout_in_another_worker_ends_the_session_at_once(app, student):
    attempt_id = take(student, app, right=True)
    paths = ["/history", f"/attempts/{attempt_id}/result"]
    for path in paths:
        assert student.get(path).status_code == 200
    _as_another_worker(app, update(User).where(User.username == "alice").values(
        session_token="rotated-by-a-logout-elsewhere"))  # fmt: skip
    for path in paths:
        response = student.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_session_ends_with_the_idle_limit(tmp_path):
    app = make_app(tmp_path, PERMANENT_SESSION_LIFETIME=timedelta(seconds=2))
    seed_tiny(app)
    student = logged_in(app, "alice")
    assert student.get("/history").status_code == 200
    time.sleep(3.1)  # signatures count whole seconds
    response = student.get("/history")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_question_page_ends_with_the_time_limit(tmp_path):
    app = make_app(tmp_path, ANSWER_GRACE_SECONDS=0)
    seed_tiny(app)
    student = logged_in(app, "alice")
    attempt_id = start(student, quiz_id(app))
    closes = datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=1.5)
    _as_another_worker(app, update(Attempt).where(Attempt.id == attempt_id).values(
        deadline_at=closes))  # fmt: skip
    path = f"/attempts/{attempt_id}/q/1"
    assert student.get(path).status_code == 200
    time.sleep(max(0.0, (closes - datetime.now(UTC).replace(tzinfo=None)).total_seconds()) + 0.3)
    response = student.get(path)
    assert response.status_code == 302 and response.headers["Location"].endswith("/result")
