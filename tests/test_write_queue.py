"""SQLite writers queue in quizapp.web.database.WriteQueue: a request's transaction joins the
queue (and takes SQLite's write lock) at its first writing statement and holds it until the
transaction ends, however it ends; reads, before a write or in a reading request, never join it.

The queue's flock is seen here from a second open file, which is how another worker process
sees it.
"""

import fcntl
import os
import threading
from pathlib import Path

import pytest
from flask_login import login_required
from sqlalchemy import create_engine, insert, select, text, update
from sqlalchemy.engine import make_url

from quizapp.models import Attempt, AttemptItem, LoginFailure, Quiz, db, utcnow
from quizapp.services.attempts import AttemptError, save_answer

from attempt_helpers import items, right_form, start
from conftest import logged_in, make_app, quiz_id, seed_tiny


def _queue_file(app) -> Path:
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite":
        pytest.skip("the write queue is for SQLite; PostgreSQL has row locks")
    return Path(url.database + "-writers")


def _another_process_could_write(app) -> bool:
    fd = os.open(_queue_file(app), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing the file also drops a lock taken on it
    return True


def test_a_writing_request_holds_the_queue_from_its_first_write_until_it_commits(app):
    _queue_file(app)
    with app.test_request_context("/", method="POST"):
        assert _another_process_could_write(app)
        quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "all"))
        assert _another_process_could_write(app)  # reads take no lock
        quiz.title = "Renamed in the queue"
        db.session.flush()
        assert not _another_process_could_write(app)
        db.session.commit()
        assert _another_process_could_write(app)


@pytest.mark.parametrize("end", ["rollback", "close", "remove"])
def test_every_end_of_a_transaction_leaves_the_queue(app, end):
    _queue_file(app)
    with app.test_request_context("/", method="POST"):
        db.session.execute(insert(LoginFailure).values(username="x", ip="127.0.0.1"))
        assert not _another_process_could_write(app)
        {"rollback": db.session.rollback, "close": db.session.close,
         "remove": db.session.remove}[end]()  # fmt: skip
        assert _another_process_could_write(app)


def test_reads_do_not_join_the_queue(app):
    _queue_file(app)
    with app.test_request_context("/", method="GET"):
        db.session.execute(text("SELECT 1"))
        assert _another_process_could_write(app)
        db.session.rollback()


def test_a_refused_save_leaves_the_queue(app, student):
    _queue_file(app)
    attempt_id = start(student, quiz_id(app))
    item = items(app, attempt_id)[0]
    stale = {**right_form(item.snapshot), "position": str(item.position), "version": "7"}
    assert student.post(f"/attempts/{attempt_id}/answer", data=stale).status_code == 409
    assert _another_process_could_write(app)


def test_a_view_that_fails_mid_write_leaves_the_queue(tmp_path):
    app = make_app(tmp_path)
    _queue_file(app)
    seed_tiny(app)

    @app.post("/test-only/fails-mid-write")
    def fails_mid_write():
        db.session.execute(update(Quiz).where(Quiz.slug == "all").values(title="Half written"))
        raise RuntimeError("a bug in a writing view")

    assert app.test_client().post("/test-only/fails-mid-write").status_code == 500
    assert _another_process_could_write(app)


def test_writers_in_two_threads_take_turns(app):
    _queue_file(app)
    inside, events = threading.Lock(), []

    def write(name: str) -> None:
        with app.test_request_context("/", method="POST"):
            db.session.execute(update(Quiz).where(Quiz.slug == "none").values(title=name))
            if not inside.acquire(blocking=False):
                events.append(f"{name} overlapped")
                return
            events.append(f"{name} in")
            threading.Event().wait(0.05)
            events.append(f"{name} out")
            inside.release()
            db.session.commit()

    threads = [threading.Thread(target=write, args=(name,)) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(events) == ["a in", "a out", "b in", "b out"]
    assert events[1].endswith("out") and events[2].endswith("in")
    assert _another_process_could_write(app)


def test_a_writing_view_holds_the_queue_only_for_its_writes(tmp_path):
    app = make_app(tmp_path)
    _queue_file(app)
    seed_tiny(app)
    seen = []

    @app.post("/test-only/reads-then-writes")
    @login_required
    def reads_then_writes():
        db.session.scalar(select(Quiz).where(Quiz.slug == "all"))  # the user's load came first
        seen.append(_another_process_could_write(app))
        db.session.execute(update(Quiz).where(Quiz.slug == "all").values(title="Written"))
        seen.append(_another_process_could_write(app))
        db.session.commit()
        seen.append(_another_process_could_write(app))
        return "done"

    student = logged_in(app, "alice")
    assert student.post("/test-only/reads-then-writes").status_code == 200
    assert seen == [True, False, True]


def test_a_rolled_back_request_undoes_every_write(app):
    """The write transaction starts before the first write: a rollback takes back all of them."""
    _queue_file(app)
    with app.test_request_context("/", method="POST"):
        db.session.scalar(select(Quiz).where(Quiz.slug == "all"))
        db.session.execute(update(Quiz).where(Quiz.slug == "all").values(title="First"))
        db.session.execute(insert(LoginFailure).values(username="y", ip="127.0.0.1"))
        db.session.rollback()
    with app.app_context():
        assert db.session.scalar(select(Quiz.title).where(Quiz.slug == "all")) != "First"
        assert db.session.scalar(select(LoginFailure).where(LoginFailure.username == "y")) is None


def test_a_save_that_lost_the_race_to_a_submit_changes_nothing(app, student):
    attempt_id = start(student, quiz_id(app))

    def save_after_a_submit() -> AttemptItem:  # the answer view's steps, with a submit between
        attempt = db.session.get(Attempt, attempt_id)
        item = db.session.scalar(select(AttemptItem).where(AttemptItem.attempt_id == attempt_id))
        assert attempt.status == "in_progress"  # what the save read, before any lock
        other = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
        with other.begin() as connection:  # a submit commits before the save writes
            connection.execute(
                update(Attempt).where(Attempt.id == attempt_id).values(status="submitted")
            )
        other.dispose()
        fields = right_form(item.snapshot).items()
        form = {key: value if isinstance(value, list) else [value] for key, value in fields}
        with pytest.raises(AttemptError, match="already submitted"):
            save_answer(attempt, item, form, str(item.version), utcnow())
        db.session.rollback()
        return item

    with app.test_request_context("/", method="POST"):
        item = save_after_a_submit()
        stored = db.session.get(AttemptItem, item.id)
        assert (stored.version, stored.response) == (item.version, None)
