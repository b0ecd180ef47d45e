"""Export the bank, edit it in a text editor, import it again: the same questions, updated.

Against a real SQLite file, through the CLI (`flask questions …`) and the admin page.
"""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from admin_helpers import question_by_key, question_count
from sqlalchemy import select

from quizapp.models import QuestionChange, User, db

from attempt_helpers import items, start
from conftest import PASSWORD, csrf_token, login, make_app, quiz_id, seed_tiny

OLD_STEM = "::t-single::Which line is the border?"
NEW_STEM = "::t-single::Which line is the border today?"


def run(app, *args):
    return app.test_cli_runner().invoke(args=["questions", *args])


def exported_and_edited(app, tmp_path):
    text = run(app, "export").stdout
    assert text.count(OLD_STEM) == 1
    path = tmp_path / "bank.gift"
    path.write_text(text.replace(OLD_STEM, NEW_STEM), encoding="utf-8")
    return text, path


def test_export_edit_one_stem_import_updates_that_question(app, tmp_path):
    text, path = exported_and_edited(app, tmp_path)
    before = question_count(app)
    dry = run(app, "import", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Compared with the bank: 5 unchanged, 1 changed, 0 new." in dry.stdout
    assert "line 6: t-single changed (prompt)" in dry.stdout
    assert "Dry run, nothing saved. It would update 1 question and leave 5" in dry.stdout
    assert question_by_key(app, "t-single").prompt == "Which line is the border?"

    result = run(app, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "Updated 1 question and left 5 questions as they are." in result.stdout
    again = run(app, "export").stdout
    assert again == text.replace(OLD_STEM, NEW_STEM)
    assert question_count(app) == before
    assert "Exported 6 question(s)." in run(app, "export").stderr


def test_an_update_is_recorded_and_bumps_the_version(app, tmp_path):
    _, path = exported_and_edited(app, tmp_path)
    version = question_by_key(app, "t-single").version
    assert run(app, "import", str(path)).exit_code == 0
    question = question_by_key(app, "t-single")
    assert question.version == version + 1
    with app.app_context():
        change = db.session.scalar(select(QuestionChange))
        assert (change.question_id, change.changed_by_id) == (question.id, None)
        assert (change.source, change.fields) == ("GIFT import of bank.gift", ["prompt"])


@pytest.mark.parametrize(
    ("option", "prompt", "added"),
    [
        ("skip", "Which line is the border?", 0),
        ("copy", "Which line is the border?", 6),
    ],
)
def test_skip_and_copy_from_the_command_line(app, tmp_path, option, prompt, added):
    _, path = exported_and_edited(app, tmp_path)
    before = question_count(app)
    result = run(app, "import", str(path), "--on-existing", option)
    assert result.exit_code == 0, result.output
    assert question_by_key(app, "t-single").prompt == prompt
    assert question_count(app) == before + added


def test_a_past_attempt_keeps_the_question_as_it_was_taken(app, tmp_path):
    client = app.test_client()
    login(client, "alice")
    attempt_id = start(client, quiz_id(app))
    shown = {item.snapshot["prompt"] for item in items(app, attempt_id)}
    assert "Which line is the border?" in shown
    _, path = exported_and_edited(app, tmp_path)
    assert run(app, "import", str(path)).exit_code == 0
    after = {item.snapshot["prompt"] for item in items(app, attempt_id)}
    assert after == shown and "Which line is the border today?" not in after
    page = client.get(f"/attempts/{attempt_id}").text
    assert "Which line is the border today?" not in page


def upload(client, data: bytes, name: str = "bank.gift", **fields):
    return client.post(
        "/admin/gift/import",
        data={"file": (io.BytesIO(data), name), **fields},
        content_type="multipart/form-data",
    )


def edited_export(teacher) -> bytes:
    text = teacher.get("/admin/gift/export").text
    return text.replace(OLD_STEM, NEW_STEM).encode()


def test_the_page_dry_run_compares_and_saves_nothing(teacher, app):
    before = question_count(app)
    response = upload(teacher, edited_export(teacher), dry_run="y")
    assert response.status_code == 200
    assert "Compared with the bank: 5 unchanged, 1 changed, 0 new." in response.text
    assert "It would update 1 question and leave 5 questions as they are." in response.text
    assert "<td>t-single</td><td>changed: prompt</td>" in response.text
    assert question_count(app) == before
    assert question_by_key(app, "t-single").prompt == "Which line is the border?"
    with app.app_context():
        assert db.session.scalar(select(QuestionChange)) is None


@pytest.mark.parametrize(
    ("option", "prompt", "added", "message"),
    [
        (None, "Which line is the border today?", 0, "Updated 1 question and left 5"),
        ("update", "Which line is the border today?", 0, "Updated 1 question and left 5"),
        ("skip", "Which line is the border?", 0, "Left 6 questions as they are."),
        ("copy", "Which line is the border?", 6, "Added 6 questions already in the bank as"),
    ],
)
def test_the_page_updates_skips_or_copies(teacher, app, option, prompt, added, message):
    before = question_count(app)
    fields = {"on_existing": option} if option else {}
    response = upload(teacher, edited_export(teacher), **fields)
    assert response.headers["Location"] == "/admin/questions?origin=imported"
    assert message in teacher.get(response.headers["Location"]).text
    assert question_by_key(app, "t-single").prompt == prompt
    assert question_count(app) == before + added
    with app.app_context():
        tess = db.session.scalar(select(User.id).where(User.username == "tess"))
        changes = [(c.changed_by_id, c.source) for c in db.session.scalars(select(QuestionChange))]
    updated = option in (None, "update")
    assert changes == ([(tess, "GIFT import of bank.gift")] if updated else [])


def test_an_unknown_choice_is_refused_beside_the_field(teacher, app):
    before = question_count(app)
    response = upload(teacher, edited_export(teacher), on_existing="merge")
    assert response.status_code == 422
    assert 'id="on_existing-error"' in response.text and "Not a valid choice" in response.text
    assert question_count(app) == before


def test_a_problem_anywhere_leaves_every_question_as_it_was(teacher, app):
    data = edited_export(teacher) + b"\n::broken:: No end {=a ~b\n"
    response = upload(teacher, data)
    assert response.status_code == 422 and "Nothing was imported: 1 problem" in response.text
    assert question_by_key(app, "t-single").prompt == "Which line is the border?"


def test_the_import_needs_a_csrf_token(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_tiny(app)
    client = app.test_client()
    token = csrf_token(client.get("/login").text)
    client.post("/login", data={"username": "tess", "password": PASSWORD, "csrf_token": token})
    data = b"// [id:t-single]\n::x:: Changed? {=The Durand Line ~The Radcliffe Line ~Other}\n"
    missing = upload(client, data)
    assert missing.status_code == 400 and "CSRF token is missing" in missing.text
    assert question_by_key(app, "t-single").prompt == "Which line is the border?"
    own = csrf_token(client.get("/admin/gift").text)
    assert upload(client, data, csrf_token=own).status_code == 303
    assert question_by_key(app, "t-single").prompt == "Changed?"
    with app.app_context():
        db.engine.dispose()


def test_only_teachers_may_import(student, app):
    before = question_count(app)
    assert upload(student, b"// [id:t-single]\n::x:: Changed? {T}\n").status_code == 403
    assert app.test_client().get("/admin/gift").status_code == 302  # anonymous: to log in
    assert question_by_key(app, "t-single").prompt == "Which line is the border?"
    assert question_count(app) == before


def test_an_oversized_upload_is_refused_with_a_clear_message(tmp_path):
    app = make_app(tmp_path, MAX_CONTENT_LENGTH=2048)
    seed_tiny(app)
    client = app.test_client()
    login(client, "tess")
    response = upload(client, b"<quiz>" + b" " * 4096 + b"</quiz>", "bank.xml")
    assert response.status_code == 413 and "That upload is too large." in response.text
    with app.app_context():
        db.engine.dispose()


def test_the_real_commands_export_edit_import(app, tmp_path):
    """Exactly what a teacher types: export > bank.gift, edit one stem, import bank.gift."""
    flask = Path(sys.executable).with_name("flask")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "DATABASE_"))}
    env |= {
        "FLASK_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
        "FLASK_SECRET_KEY": "a-test-secret-key-0123456789abcdef",
    }

    def flask_questions(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(flask), "--app", "quizapp", "questions", *args],
            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
        )  # fmt: skip

    exported = flask_questions("export")
    assert exported.returncode == 0, exported.stderr
    bank = tmp_path / "bank.gift"
    bank.write_text(exported.stdout.replace(OLD_STEM, NEW_STEM), encoding="utf-8")
    dry = flask_questions("import", "bank.gift", "--dry-run")
    assert "Compared with the bank: 5 unchanged, 1 changed, 0 new." in dry.stdout, dry.stderr
    done = flask_questions("import", "bank.gift")
    assert done.returncode == 0 and "Updated 1 question" in done.stdout, done.stderr
    again = flask_questions("export")
    assert again.stdout == bank.read_text(encoding="utf-8")
    assert "Exported 6 question(s)." in again.stderr
