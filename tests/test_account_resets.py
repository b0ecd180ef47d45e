"""One-time codes: a teacher resets a student of their class, an admin any account, the CLI
prints one; a code signs in once within 24 hours and demands a new password first."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from quizapp.models import PasswordReset, User, db

from conftest import PASSWORD, csrf_token, logged_in, login
from report_helpers import add_user, make_class, user_id

CODE_RE = re.compile(r'class="login-code">([A-Z0-9-]{14})<')


def code_in(html: str) -> str:
    match = CODE_RE.search(html)
    assert match, "no one-time code on the page"
    return match.group(1)


def reset(client, class_id: int, student_id: int):
    return client.post(f"/admin/classes/{class_id}/members/{student_id}/reset")


def account(app, username: str) -> User:
    with app.app_context():
        row = db.session.scalar(select(User).where(User.username == username))
        db.session.expunge(row)
        return row


def resets_logged(app) -> list[tuple[int, int | None, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(PasswordReset.user_id, PasswordReset.by_id, PasswordReset.action)
        )
        return [tuple(row) for row in rows]


def test_a_teacher_resets_a_student_of_their_class(teacher, student, app):
    class_id = make_class(app)
    page = teacher.get(f"/admin/classes/{class_id}").text
    assert f"/admin/classes/{class_id}/members/{user_id(app, 'alice')}/reset" in page
    response = reset(teacher, class_id, user_id(app, "alice"))
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    code = code_in(response.text)
    row = account(app, "alice")
    assert code.replace("-", "") not in row.login_code_hash  # stored hashed
    assert row.login_code_hash.startswith("$argon2id$") and row.must_change_password
    assert resets_logged(app) == [(user_id(app, "alice"), user_id(app, "tess"), "reset")]
    # the old password stops working and so does every session the student had
    assert student.get("/history").headers["Location"].startswith("/login")
    assert login(app.test_client(), "alice").status_code == 401
    # the class page logs it
    assert "password reset" in teacher.get(f"/admin/classes/{class_id}").text


def test_the_reset_logs_say_when_in_the_readers_zone_not_utc(teacher, admin, app):
    with app.app_context():
        for name in ("tess", "ada"):
            db.session.scalar(select(User).where(User.username == name)).timezone = "Asia/Karachi"
        db.session.commit()
    class_id = make_class(app)
    reset(teacher, class_id, user_id(app, "alice"))
    for client, url in ((teacher, f"/admin/classes/{class_id}"), (admin, "/admin/users/resets")):
        page = client.get(url).text
        assert '<th scope="col">When</th>' in page and "(UTC)" not in page
        assert re.search(r"\d\d:\d\d PKT</time></td><th scope=\"row\">alice", page)


def test_a_teacher_cannot_reset_a_student_of_another_class(teacher, app):
    add_user(app, "tom")
    other = make_class(app, teacher="tom", members=("bob",), code="WXYZ2345")
    mine = make_class(app)
    assert reset(teacher, other, user_id(app, "bob")).status_code == 404
    assert reset(teacher, mine, user_id(app, "bob")).status_code == 404  # not in my class
    assert reset(teacher, mine, user_id(app, "tess")).status_code == 404  # not a student
    assert resets_logged(app) == []
    assert account(app, "bob").login_code_hash is None


def sign_in_with_code(app, username: str, code: str):
    client = app.test_client()
    return client, client.post("/login", data={"username": username, "password": code})


def test_a_code_works_once_and_demands_a_new_password(teacher, app):
    class_id = make_class(app)
    code = code_in(reset(teacher, class_id, user_id(app, "alice")).text)
    client, response = sign_in_with_code(app, "alice", code.lower().replace("-", " "))
    assert response.headers["Location"] == "/account/new-password"
    for page in ("/history", "/quizzes", "/account/password", "/admin/"):
        assert client.get(page).headers["Location"] == "/account/new-password"
    form = client.get("/account/new-password")
    assert form.status_code == 200 and 'autocomplete="new-password"' in form.text
    weak = client.post("/account/new-password", data={"password": "alice", "confirm": "alice"})
    assert weak.status_code == 422 and "at least 8 characters" in weak.text
    new = "a new sentence to remember"
    done = client.post("/account/new-password", data={"password": new, "confirm": new})
    assert done.headers["Location"] == "/quizzes"
    assert client.get("/history").status_code == 200
    assert not account(app, "alice").must_change_password
    # used once: the code no longer signs in, the new password does
    assert sign_in_with_code(app, "alice", code)[1].status_code == 401
    assert login(app.test_client(), "alice", new).status_code == 302


def test_a_code_expires_after_24_hours(teacher, app):
    class_id = make_class(app)
    code = code_in(reset(teacher, class_id, user_id(app, "alice")).text)
    with app.app_context():
        row = db.session.scalar(select(User).where(User.username == "alice"))
        assert row.login_code_expires_at - row.created_at > timedelta(hours=23)
        row.login_code_expires_at -= timedelta(hours=24)  # the app's clock, 24 hours on
        db.session.commit()
    assert sign_in_with_code(app, "alice", code)[1].status_code == 401


def test_a_reset_ends_the_other_sessions_and_the_code_session_survives_setting(student, app):
    other_device = logged_in(app, "alice")
    teacher = logged_in(app, "tess")
    class_id = make_class(app)
    code = code_in(reset(teacher, class_id, user_id(app, "alice")).text)
    for old in (student, other_device):
        assert old.get("/history").headers["Location"].startswith("/login")
    client, _ = sign_in_with_code(app, "alice", code)
    new = "a new sentence to remember"
    client.post("/account/new-password", data={"password": new, "confirm": new})
    assert client.get("/history").status_code == 200
    assert student.get("/history").headers["Location"].startswith("/login")


def test_code_sign_in_is_throttled_like_passwords(teacher, app):
    class_id = make_class(app)
    code = code_in(reset(teacher, class_id, user_id(app, "alice")).text)
    client = app.test_client()
    limit = app.config["LOGIN_FAILURES_BEFORE_DELAY"]
    for _ in range(limit):
        wrong = client.post("/login", data={"username": "alice", "password": "ABCD-EFGH-JKMN"})
        assert wrong.status_code == 401
    blocked = client.post("/login", data={"username": "alice", "password": code})
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers
    assert account(app, "alice").login_code_hash is not None  # not used up by the refusal


def test_set_password_without_a_code_goes_to_the_normal_page(student):
    assert student.get("/account/new-password").headers["Location"] == "/account/password"


def test_reset_needs_a_csrf_token(tmp_path):
    from conftest import make_app, seed_tiny

    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_tiny(app)
    class_id = make_class(app)
    client = app.test_client()
    token = csrf_token(client.get("/login").text)
    client.post("/login", data={"username": "tess", "password": PASSWORD, "csrf_token": token})
    url = f"/admin/classes/{class_id}/members/{user_id(app, 'alice')}/reset"
    assert client.post(url).status_code == 400
    assert resets_logged(app) == []
    page = client.get(f"/admin/classes/{class_id}").text
    assert client.post(url, data={"csrf_token": csrf_token(page)}).status_code == 200


# --- admins and the command line ------------------------------------------------------------


def test_an_admin_resets_any_account_and_reads_the_log(admin, app):
    response = admin.post(f"/admin/users/{user_id(app, 'tess')}/reset")
    assert response.status_code == 200
    code = code_in(response.text)
    assert sign_in_with_code(app, "tess", code)[1].headers["Location"] == "/account/new-password"
    log = admin.get("/admin/users/resets")
    assert log.status_code == 200 and "tess" in log.text and "ada" in log.text
    assert admin.post(f"/admin/users/{user_id(app, 'ada')}/reset").status_code == 409


def test_teachers_and_students_cannot_use_the_admin_reset(teacher, student, app):
    for client in (teacher, student):
        assert client.post(f"/admin/users/{user_id(app, 'bob')}/reset").status_code == 403
        assert client.get("/admin/users/resets").status_code == 403
    assert resets_logged(app) == []


def test_the_cli_prints_a_code(app):
    result = app.test_cli_runner().invoke(args=["users", "reset-password", "Alice"])
    assert result.exit_code == 0, result.output
    code = re.search(r"alice: ([A-Z0-9-]{14})", result.output).group(1)
    assert resets_logged(app) == [(user_id(app, "alice"), None, "reset")]
    assert sign_in_with_code(app, "alice", code)[1].status_code == 302
    missing = app.test_cli_runner().invoke(args=["users", "reset-password", "nobody"])
    assert missing.exit_code != 0 and "No account" in missing.output


# --- accounts for a class from a list of names ------------------------------------------------

NAMES = [f"Amina Khan {i}" if i % 3 else "Amina Khan" for i in range(30)]


def make_accounts(client, class_id: int, names: str):
    """Post `names` from the class page as it is now (with the member count it shows)."""
    page = client.get(f"/admin/classes/{class_id}").text
    seen = re.search(r'name="members_seen" type="hidden" value="(\d+)"', page).group(1)
    data = {"names": names, "members_seen": seen}
    return client.post(f"/admin/classes/{class_id}/accounts", data=data)


def test_thirty_names_give_thirty_unique_accounts_and_cards(teacher, app):
    class_id = make_class(app)
    response = make_accounts(teacher, class_id, "\n".join(NAMES))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    cards = re.findall(r"Username: <strong>([a-z0-9.]+)</strong>", response.text)
    codes = CODE_RE.findall(response.text)
    assert len(cards) == len(set(cards)) == 30 and len(set(codes)) == 30
    assert cards[0] == "amina.k" and "amina.k2" in cards
    assert "http://localhost/login" in response.text and "Amina Khan" in response.text
    with app.app_context():
        made = db.session.scalars(select(User).where(User.username.in_(cards))).all()
        assert len(made) == 30 and {u.role for u in made} == {"student"}
        assert all(u.must_change_password for u in made)
    page = teacher.get(f"/admin/classes/{class_id}").text
    assert "Students (31)" in page and "new account" in page
    assert sign_in_with_code(app, cards[5], codes[5])[1].status_code == 302


def test_usernames_avoid_existing_accounts(teacher, app):
    add_user(app, "amina.k", role="student")
    class_id = make_class(app)
    response = make_accounts(teacher, class_id, "Amina Khan\n  \nÉlodie Brûlé\n李雷")
    cards = re.findall(r"Username: <strong>([a-z0-9.]+)</strong>", response.text)
    assert cards == ["amina.k2", "elodie.b", "student"]


def count_users(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ("", "This field is required."),
        ("\n \n", "This field is required."),
        ("\n".join(f"Pupil {i}" for i in range(61)), "At most 60 names at a time (61 given)."),
        ("A" * 61, "Names have at most 60 characters"),
        ("x" * 4000, "Field cannot be longer than 3720 characters."),
    ],
)
def test_bad_name_lists_save_nothing(teacher, app, names, message):
    class_id = make_class(app)
    before = count_users(app)
    response = make_accounts(teacher, class_id, names)
    assert response.status_code == 422 and message in response.text
    assert count_users(app) == before and resets_logged(app) == []


def test_another_teacher_cannot_make_accounts_in_my_class(app):
    add_user(app, "tom")
    class_id = make_class(app)
    tom = logged_in(app, "tom")
    response = tom.post(
        f"/admin/classes/{class_id}/accounts", data={"names": "Eve", "members_seen": "1"}
    )
    assert response.status_code == 404 and count_users(app) == 5


def test_sending_the_same_list_again_makes_nothing(teacher, app):
    class_id = make_class(app)
    page = teacher.get(f"/admin/classes/{class_id}").text
    assert 'name="members_seen" type="hidden" value="1"' in page
    data = {"names": "Eve Adams\nSam Lee", "members_seen": "1"}
    assert teacher.post(f"/admin/classes/{class_id}/accounts", data=data).status_code == 200
    before = count_users(app)
    again = teacher.post(f"/admin/classes/{class_id}/accounts", data=data)  # a reload
    assert again.status_code == 409 and "were these accounts made already?" in again.text
    assert 'name="members_seen" type="hidden" value="3"' in again.text
    assert count_users(app) == before
    tampered = teacher.post(
        f"/admin/classes/{class_id}/accounts", data={**data, "members_seen": "x"}
    )
    assert tampered.status_code == 422 and count_users(app) == before
