"""Local times: stored in UTC, shown and typed in the reader's zone (their own or the school's)."""

import csv
import io
from datetime import datetime

import pytest
from admin_helpers import field_error
from sqlalchemy import select

from quizapp import create_app
from quizapp.models import Assignment, Attempt, Quiz, User, db

from attempt_helpers import start
from conftest import PASSWORD, csrf_token, logged_in, make_app, quiz_id, seed_tiny
from report_helpers import make_class, take

SIX_THIRTEEN = datetime(2030, 1, 15, 6, 13)  # UTC; 11:13 in Karachi (UTC+5), 06:13 in London


def set_zone(app, username: str, name: str | None) -> None:
    with app.app_context():
        db.session.scalar(select(User).where(User.username == username)).timezone = name
        db.session.commit()


def zone_of(app, username: str) -> str | None:
    with app.app_context():
        return db.session.scalar(select(User.timezone).where(User.username == username))


def timed_attempt(app, client) -> int:
    with app.app_context():
        db.session.get(Quiz, quiz_id(app)).time_limit_minutes = 30
        db.session.commit()
    attempt_id = start(client, quiz_id(app))
    with app.app_context():
        db.session.get(Attempt, attempt_id).deadline_at = SIX_THIRTEEN
        db.session.commit()
    return attempt_id


def test_a_student_in_karachi_sees_the_time_limit_end_in_karachi_time(student, app):
    set_zone(app, "alice", "Asia/Karachi")
    attempt_id = timed_attempt(app, student)
    page = student.get(f"/attempts/{attempt_id}/q/1").text
    assert "time limit ends at" in page
    assert (
        '<time datetime="2030-01-15T06:13:00Z" title="15 Jan 2030, 06:13 UTC">11:13 PKT</time>'
        in page
    )


def test_history_shows_when_each_attempt_started_in_the_readers_zone(student, app):
    set_zone(app, "alice", "Asia/Karachi")
    attempt_id = take(student, app)
    with app.app_context():
        db.session.get(Attempt, attempt_id).started_at = SIX_THIRTEEN
        db.session.commit()
    assert "15 Jan 2030, 11:13 PKT" in student.get("/history").text


def test_the_schools_zone_applies_to_users_without_their_own(tmp_path):
    app = make_app(tmp_path, APP_TIMEZONE="Asia/Karachi")
    seed_tiny(app)
    set_zone(app, "bob", "Europe/London")
    alice, bob = logged_in(app, "alice"), logged_in(app, "bob")
    alice_attempt, bob_attempt = timed_attempt(app, alice), timed_attempt(app, bob)
    assert ">11:13 PKT</time>" in alice.get(f"/attempts/{alice_attempt}/q/1").text
    assert ">06:13 GMT</time>" in bob.get(f"/attempts/{bob_attempt}/q/1").text
    with app.app_context():
        db.engine.dispose()


def test_the_default_school_zone_is_utc(student, app):
    assert app.config["APP_TIMEZONE"] == "UTC"
    attempt_id = timed_attempt(app, student)
    assert ">06:13 UTC</time>" in student.get(f"/attempts/{attempt_id}/q/1").text


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../../etc/passwd", "utc+5"])
def test_an_unknown_school_zone_stops_the_start(tmp_path, name):
    with pytest.raises(RuntimeError, match="APP_TIMEZONE"):
        create_app({"TESTING": True, "APP_TIMEZONE": name, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


# --- the account page ---------------------------------------------------------------------------


def test_the_account_page_sets_and_clears_the_zone(student, app):
    page = student.get("/account").text
    assert "My account" in page and "UTC" in page and 'list="zone-names"' in page
    response = student.post("/account", data={"timezone": "Asia/Karachi"})
    assert response.headers["Location"] == "/account"
    assert zone_of(app, "alice") == "Asia/Karachi"
    assert "Times are now shown in Asia/Karachi" in student.get("/account").text
    student.post("/account", data={"timezone": ""})
    assert zone_of(app, "alice") is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Asia/Atlantis", "is not a time zone we know"),
        ("Asia/Karachi; DROP TABLE users", "is not a time zone we know"),
        ("A" * 65, "Field cannot be longer than 64 characters"),
    ],
)
def test_the_account_page_refuses_an_unknown_zone_beside_the_field(student, app, value, message):
    set_zone(app, "alice", "Europe/London")
    response = student.post("/account", data={"timezone": value})
    assert response.status_code == 422
    assert 'id="timezone-error"' in response.text and message in response.text
    assert zone_of(app, "alice") == "Europe/London"


# --- the browser's guess ------------------------------------------------------------------------


@pytest.fixture
def csrf_app(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_tiny(app)
    yield app
    with app.app_context():
        db.engine.dispose()


def csrf_client(app, username="alice"):
    client = app.test_client()
    token = csrf_token(client.get("/login").text)
    client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
    return client, csrf_token(client.get("/account").text)


def test_the_guess_script_is_sent_only_while_the_user_has_no_zone(student, app):
    assert "/static/timezone." not in app.test_client().get("/learn").text
    page = student.get("/history").text
    assert 'data-url="/account/timezone-guess"' in page and "/static/timezone." in page
    set_zone(app, "alice", "Asia/Karachi")
    assert "/static/timezone." not in student.get("/history").text


def test_the_guess_needs_a_csrf_token(csrf_app):
    client, _ = csrf_client(csrf_app)
    response = client.post("/account/timezone-guess", data={"timezone": "Asia/Karachi"})
    assert response.status_code == 400
    assert zone_of(csrf_app, "alice") is None


def test_the_guess_is_stored_when_the_user_has_no_zone(csrf_app):
    client, token = csrf_client(csrf_app)
    response = client.post(
        "/account/timezone-guess", data={"timezone": "Asia/Karachi"}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 204
    assert zone_of(csrf_app, "alice") == "Asia/Karachi"


@pytest.mark.parametrize("name", ["Asia/Atlantis", "", "x" * 200, "America/../Asia/Karachi"])
def test_an_unknown_guess_is_refused(csrf_app, name):
    client, token = csrf_client(csrf_app)
    response = client.post("/account/timezone-guess", data={"timezone": name, "csrf_token": token})
    assert response.status_code == 422
    assert zone_of(csrf_app, "alice") is None


def test_a_guess_never_replaces_a_zone_the_user_chose(csrf_app):
    set_zone(csrf_app, "alice", "Europe/London")
    client, token = csrf_client(csrf_app)
    response = client.post(
        "/account/timezone-guess", data={"timezone": "Asia/Karachi", "csrf_token": token}
    )
    assert response.status_code == 204
    assert zone_of(csrf_app, "alice") == "Europe/London"


def test_the_guess_needs_a_login(client):
    response = client.post("/account/timezone-guess", data={"timezone": "Asia/Karachi"})
    assert "/login" in response.headers["Location"]


# --- times a teacher types ----------------------------------------------------------------------


def test_a_due_time_is_typed_in_the_teachers_zone_and_stored_in_utc(teacher, student, app):
    set_zone(app, "tess", "Asia/Karachi")
    class_id = make_class(app)
    teacher.post(
        f"/admin/classes/{class_id}/assignments",
        data={"quiz": str(quiz_id(app)), "due_at": "2030-05-01T17:00"},
    )
    with app.app_context():
        assert db.session.scalar(select(Assignment.due_at)) == datetime(2030, 5, 1, 12, 0)
    assert "01 May 2030, 17:00 PKT" in teacher.get(f"/admin/classes/{class_id}").text
    assert "01 May 2030, 12:00 UTC" in student.get("/classes/").text  # alice has no zone


def test_quiz_dates_are_typed_and_shown_back_in_the_teachers_zone(teacher, app):
    set_zone(app, "tess", "Asia/Karachi")
    form = {
        "title": "Dated",
        "question_count": "3",
        "topics": ["border"],
        "feedback_mode": "at_end",
        "opens_at": "2030-05-01T08:00",
        "closes_at": "2030-05-02T08:00",
    }
    location = teacher.post("/admin/quizzes/new", data=form).headers["Location"]
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).order_by(Quiz.id.desc()).limit(1))
        assert (quiz.opens_at, quiz.closes_at) == (
            datetime(2030, 5, 1, 3, 0),
            datetime(2030, 5, 2, 3, 0),
        )
    page = teacher.get(location).text
    assert 'value="2030-05-01T08:00:00"' in page or 'value="2030-05-01 08:00:00"' in page
    assert "Times are in your time zone, Asia/Karachi." in page


OUT_OF_RANGE = "Give a date in the years 2000 to 2099."
# Year 1 is what Chromium's picker gives for a year typed as "1"; at 04:59 in Karachi it is
# still on the calendar in UTC, but not in a zone west of UTC.
UNTYPEABLE = ["0001-01-01T00:00", "0001-01-01T04:59", "1999-12-31T23:59", "2100-01-01T00:00"]


@pytest.mark.parametrize("typed", [*UNTYPEABLE, "9999-12-31T23:59"])
def test_a_due_date_outside_the_years_taken_is_refused_beside_the_field(teacher, app, typed):
    set_zone(app, "tess", "Asia/Karachi")
    class_id = make_class(app)
    response = teacher.post(
        f"/admin/classes/{class_id}/assignments", data={"quiz": str(quiz_id(app)), "due_at": typed}
    )
    assert response.status_code == 422
    assert field_error(response.text, "due_at") == OUT_OF_RANGE
    with app.app_context():
        assert db.session.scalar(select(Assignment)) is None


@pytest.mark.parametrize("field", ["opens_at", "closes_at"])
@pytest.mark.parametrize("typed", UNTYPEABLE)
def test_a_quiz_date_outside_the_years_taken_is_refused_beside_the_field(
    teacher, app, field, typed
):
    set_zone(app, "tess", "Asia/Karachi")
    form = {"title": "Dated", "question_count": "3", "feedback_mode": "at_end", field: typed}
    with app.app_context():
        before = db.session.scalar(select(db.func.count()).select_from(Quiz))
    response = teacher.post("/admin/quizzes/new", data=form)
    assert response.status_code == 422
    assert field_error(response.text, field) == OUT_OF_RANGE
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Quiz)) == before


def test_the_first_and_last_minutes_of_the_years_taken_are_accepted(teacher, app):
    set_zone(app, "tess", "Asia/Karachi")
    class_id = make_class(app)
    page = teacher.get(f"/admin/classes/{class_id}").text
    assert 'min="2000-01-01T00:00"' in page and 'max="2099-12-31T23:59"' in page
    url, quiz = f"/admin/classes/{class_id}/assignments", str(quiz_id(app))
    teacher.post(url, data={"quiz": quiz, "due_at": "2000-01-01T00:00"})
    with app.app_context():
        assert db.session.scalar(select(Assignment.due_at)) == datetime(1999, 12, 31, 19, 0)
    teacher.post(url, data={"quiz": quiz, "due_at": "2099-12-31T23:59"})
    with app.app_context():
        assert db.session.scalar(select(Assignment.due_at)) == datetime(2099, 12, 31, 18, 59)


@pytest.mark.parametrize("zone_name", ["America/Los_Angeles", "Asia/Karachi"])
@pytest.mark.parametrize("stored", [datetime(1, 1, 1, 4, 59), datetime(9999, 12, 31, 23, 0)])
def test_a_stored_date_at_the_ends_of_the_calendar_still_shows(
    teacher, student, app, zone_name, stored
):
    set_zone(app, "alice", zone_name)
    set_zone(app, "tess", zone_name)
    class_id = make_class(app, quizzes=((quiz_id(app), stored),))
    for url in ("/quizzes", "/classes/", f"/classes/{class_id}"):
        response = student.get(url)
        assert response.status_code == 200, url
        assert f"{stored.year} " in response.text or f"{stored.year}," in response.text, url
    assert teacher.get(f"/admin/classes/{class_id}").status_code == 200


def test_exports_stay_in_utc_with_a_z_whatever_the_teachers_zone(teacher, student, app):
    set_zone(app, "tess", "Asia/Karachi")
    class_id = make_class(app, quizzes=((quiz_id(app), None),))
    attempt_id = take(student, app)
    with app.app_context():
        db.session.get(Attempt, attempt_id).started_at = SIX_THIRTEEN
        db.session.commit()
    attempts = teacher.get(f"/admin/classes/{class_id}/attempts.csv").text
    assert "2030-01-15T06:13:00Z" in attempts and "11:13" not in attempts
    bank = list(csv.DictReader(io.StringIO(teacher.get("/admin/questions.csv").text)))
    assert bank and all(row["updated_at"].endswith("Z") for row in bank)


@pytest.mark.parametrize("variable", ["APP_TIMEZONE", "FLASK_APP_TIMEZONE"])
def test_the_schools_zone_is_read_from_the_environment(monkeypatch, variable):
    for name in ("FLASK_DEBUG", "FLASK_TESTING", "APP_TIMEZONE", "FLASK_APP_TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FLASK_SECRET_KEY", "k-" + "x" * 40)
    monkeypatch.setenv("FLASK_SQLALCHEMY_DATABASE_URI", "sqlite://")
    monkeypatch.setenv(variable, "Asia/Karachi")
    assert create_app().config["APP_TIMEZONE"] == "Asia/Karachi"
    monkeypatch.setenv(variable, "Asia/Nowhere")
    with pytest.raises(RuntimeError, match="'Asia/Nowhere' is not a time zone"):
        create_app()
