"""`flask backup` and `flask restore`: the whole database, students' accounts and attempts
included, on SQLite (commits still in the write-ahead log too) and on PostgreSQL."""

from sqlalchemy import func, select

from quizapp.models import Attempt, AttemptItem, Quiz, User, db

from attempt_helpers import answer, items, right_form, start
from conftest import make_app
from security import postgres

TABLES = (User, Attempt, AttemptItem)


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in TABLES}


def take_a_quiz(app, student) -> None:
    with app.app_context():
        quiz_id = db.session.scalar(select(Quiz.id).order_by(Quiz.id))
    attempt_id = start(student, quiz_id)
    item = items(app, attempt_id)[0]
    answer(student, attempt_id, item, right_form(item.snapshot))


def wipe(app) -> None:
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.engine.dispose()


def cli(app, *args):
    return app.test_cli_runner().invoke(args=[str(a) for a in args])


def test_backup_then_restore_brings_back_students_and_attempts(app, student, tmp_path):
    take_a_quiz(app, student)
    before = counts(app)
    assert before["Attempt"] == 1 and before["AttemptItem"] > 0
    file = tmp_path / "school.backup"
    result = cli(app, "backup", file)
    assert result.exit_code == 0, result.output
    wipe(app)
    assert counts(app)["User"] == 0
    result = cli(app, "restore", file)
    assert result.exit_code == 0, result.output
    assert counts(app) == before
    # The restored accounts work: the student's attempt is there after logging in again.
    assert student.get("/history").status_code in (200, 302)


def test_restore_refuses_a_database_that_holds_data(app, tmp_path):
    file = tmp_path / "school.backup"
    assert cli(app, "backup", file).exit_code == 0
    before = counts(app)
    result = cli(app, "restore", file)
    assert result.exit_code != 0
    assert "already holds data" in result.output and "--replace" in result.output
    assert counts(app) == before
    result = cli(app, "restore", file, "--replace")
    assert result.exit_code == 0, result.output
    assert counts(app) == before


def test_a_file_that_is_no_backup_restores_nothing(app, tmp_path):
    file = tmp_path / "not-a-backup"
    file.write_bytes(b"PK\x03\x04 a zip, not a backup" * 10)
    wipe(app)
    result = cli(app, "restore", file)
    assert result.exit_code != 0 and "is not a" in result.output
    assert counts(app)["User"] == 0


def test_sqlite_backup_holds_commits_still_in_the_log(app, student, tmp_path):
    if postgres.base_url():
        return  # PostgreSQL has no write-ahead log file to miss; the tests above cover it
    take_a_quiz(app, student)
    wal = tmp_path / "test.sqlite-wal"
    assert wal.exists() and wal.stat().st_size > 0  # answers not yet checkpointed
    file = tmp_path / "school.backup"
    assert cli(app, "backup", file).exit_code == 0
    (tmp_path / "fresh").mkdir()
    fresh = make_app(tmp_path / "fresh")
    with fresh.app_context():
        db.create_all()
    assert cli(fresh, "restore", file).exit_code == 0
    assert counts(fresh) == counts(app)
