"""SQLite writers queue in quizapp.database.WriteQueue: a writing request holds the queue from
its BEGIN IMMEDIATE until its transaction ends, however it ends, and readers never join it.

The queue's flock is seen here from a second open file, which is how another worker process
sees it.
"""

import fcntl
import os
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from quizapp.models import Quiz, db

from attempt_helpers import items, right_form, start
from conftest import make_app, quiz_id, seed_tiny


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


def test_a_writing_request_holds_the_queue_until_it_commits(app):
    _queue_file(app)
    with app.test_request_context("/", method="POST"):
        assert _another_process_could_write(app)
        quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "all"))
        assert not _another_process_could_write(app)
        quiz.title = "Renamed in the queue"
        db.session.commit()
        assert _another_process_could_write(app)


@pytest.mark.parametrize("end", ["rollback", "close", "remove"])
def test_every_end_of_a_transaction_leaves_the_queue(app, end):
    _queue_file(app)
    with app.test_request_context("/", method="POST"):
        db.session.execute(text("SELECT 1"))
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
        db.session.execute(text("SELECT 1"))
        raise RuntimeError("a bug in a writing view")

    assert app.test_client().post("/test-only/fails-mid-write").status_code == 500
    assert _another_process_could_write(app)


def test_writers_in_two_threads_take_turns(app):
    _queue_file(app)
    inside, events = threading.Lock(), []

    def write(name: str) -> None:
        with app.test_request_context("/", method="POST"):
            db.session.execute(text("SELECT 1"))  # in the queue from here
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
