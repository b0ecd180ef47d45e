"""Accounts: register, log in, log out, password change, roles and the CLI."""

import pytest
from sqlalchemy import func, select

from quizapp.models import User, db

from conftest import PASSWORD, login, make_app, seed_tiny


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_register_logs_in_as_a_student(client, app):
    response = client.post(
        "/register",
        data={
            "username": "Zara",
            "password": "a long enough one",
            "confirm": "a long enough one",
            "role": "admin",
        },
    )
    assert response.headers["Location"] == "/learn"
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "zara"))
        assert user.role == "student"
        assert user.password_hash.startswith("$argon2id$")
    assert client.get("/history").status_code == 200


@pytest.mark.parametrize(
    ("username", "password", "confirm", "message"),
    [
        ("alice", "a long enough one", "a long enough one", "That username is taken"),
        ("ALICE", "a long enough one", "a long enough one", "That username is taken"),
        ("zz", "a long enough one", "a long enough one", "Use 3–40 lowercase letters"),
        ("bad name!", "a long enough one", "a long enough one", "Use 3–40 lowercase letters"),
        ("zara", "short", "short", "Use at least 8 characters."),
        ("zara", "password123", "password123", "That password is too common"),
        ("zara", "zara", "zara", "Use at least 8 characters."),
        ("zara", "a long enough one", "a different one", "The passwords differ."),
        ("zara", "x" * 129, "x" * 129, "Use at most 128 characters."),
    ],
)
def test_register_validation(client, app, username, password, confirm, message):
    before = user_count(app)
    response = client.post(
        "/register", data={"username": username, "password": password, "confirm": confirm}
    )
    assert response.status_code == 422 and message in response.text
    assert user_count(app) == before


def test_long_unicode_password_is_accepted(client, app):
    password = "ça va? Ünïcödé spaces and more " * 2
    response = client.post(
        "/register", data={"username": "uni", "password": password, "confirm": password}
    )
    assert response.status_code == 302


def test_login_failure_message_is_the_same_for_unknown_user_and_wrong_password(client):
    unknown = client.post("/login", data={"username": "nobody", "password": "whatever12"})
    wrong = client.post("/login", data={"username": "alice", "password": "whatever12"})
    assert unknown.status_code == wrong.status_code == 401
    assert (
        "Wrong username or password." in unknown.text
        and "Wrong username or password." in wrong.text
    )


def test_login_redirects_only_to_local_next(client):
    response = client.post("/login?next=/history", data={"username": "alice", "password": PASSWORD})
    assert response.headers["Location"] == "/history"
    client.post("/logout")
    for target in ("https://evil.example/", "//evil.example", "/\\evil.example"):
        response = client.post(
            f"/login?next={target}", data={"username": "alice", "password": PASSWORD}
        )
        assert response.headers["Location"] == "/quizzes"
        client.post("/logout")


def test_logout_is_post_only_and_kills_the_copied_cookie(student):
    assert student.get("/logout").status_code == 405
    cookie = student.get_cookie("__Host-session").value
    assert student.post("/logout").status_code == 302
    student.set_cookie("__Host-session", cookie)
    response = student.get("/history")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_password_change_ends_other_sessions(app, student):
    other = app.test_client()
    login(other, "alice")
    response = student.post(
        "/account/password",
        data={
            "current": PASSWORD,
            "password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
        },
    )
    assert response.status_code == 302
    assert student.get("/history").status_code == 200
    assert other.get("/history").status_code == 302
    assert login(app.test_client(), "alice", "a brand new passphrase").status_code == 302


def test_password_change_with_wrong_current_password(student):
    response = student.post(
        "/account/password",
        data={
            "current": "not my password",
            "password": "a brand new passphrase",
            "confirm": "a brand new passphrase",
        },
    )
    assert response.status_code == 422 and "not your current password" in response.text


def test_disabled_user_cannot_log_in(app, client):
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "alice")).is_disabled = True
        db.session.commit()
    assert login(client, "alice").status_code == 401


def test_old_hash_is_upgraded_at_login(app, client):
    from argon2 import PasswordHasher

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "alice"))
        user.password_hash = PasswordHasher(time_cost=1, memory_cost=16, parallelism=1).hash(
            PASSWORD
        )
        old = user.password_hash
        db.session.commit()
    assert login(client, "alice").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(User.password_hash).where(User.username == "alice")) != old


def test_csrf_is_enforced_when_enabled(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_tiny(app)
    client = app.test_client()
    response = client.post("/login", data={"username": "alice", "password": PASSWORD})
    assert response.status_code == 400 and "CSRF token is missing" in response.text
    page = client.get("/login").text
    from conftest import csrf_token

    ok = client.post(
        "/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(page)}
    )
    assert ok.status_code == 302


def test_create_user_cli(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-user", "Teach2", "--role", "teacher"], input="a fine teacher password\n"
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(User.role).where(User.username == "teach2")) == "teacher"
    again = runner.invoke(args=["create-user", "teach2"], input="a fine teacher password\n")
    assert again.exit_code != 0 and "taken" in again.output
    weak = runner.invoke(args=["create-user", "weak"], input="short\n")
    assert weak.exit_code != 0 and "at least 8" in weak.output


def test_no_default_admin_account(app, client):
    assert login(client, "admin", "admin").status_code == 401
