"""SQLite durability: acknowledged answers are forced to disk (synchronous=FULL), the write-ahead
log is truncated by a periodic checkpoint, and a disk that filled up recovers when space returns."""

import os
import subprocess
import time

import pytest
from sqlalchemy import text

from quizapp.models import db

from conftest import make_app, seed_tiny
from security import postgres

pytestmark = pytest.mark.skipif(bool(postgres.base_url()), reason="SQLite-only behaviour")


def sqlite_app(directory, **overrides):
    return make_app(
        directory, SQLALCHEMY_DATABASE_URI=f"sqlite:///{directory}/q.sqlite", **overrides
    )


def fill(app, rows: int, size: int = 4096) -> None:
    with app.app_context():
        with db.engine.connect() as connection:
            with connection.begin():
                connection.exec_driver_sql("CREATE TABLE IF NOT EXISTS filler (b BLOB)")
            for _ in range(rows):  # one commit each, as answers are saved
                with connection.begin():
                    insert = text("INSERT INTO filler VALUES (randomblob(:n))")
                    connection.execute(insert, {"n": size})


def rewrite(app, times: int) -> None:
    # Inside a POST's context each transaction queues for the write lock as a request's does.
    with app.test_request_context("/", method="POST"), db.engine.connect() as connection:
        with connection.begin():
            connection.exec_driver_sql(
                "CREATE TABLE IF NOT EXISTS note (id INTEGER PRIMARY KEY, b)"
            )
            connection.exec_driver_sql("INSERT OR IGNORE INTO note VALUES (1, NULL)")
        for _ in range(times):
            with connection.begin():
                connection.exec_driver_sql("UPDATE note SET b = randomblob(3000) WHERE id = 1")
            time.sleep(0.001)  # requests come with gaps; a tight loop would starve the others


def wal_size(directory) -> int:
    wal = directory / "q.sqlite-wal"
    return wal.stat().st_size if wal.exists() else 0


def test_every_connection_is_durable_and_bounds_its_log(tmp_path):
    app = sqlite_app(tmp_path)
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA journal_size_limit").scalar() == 64 * 2**20
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_synchronous_can_be_relaxed_only_by_configuration(tmp_path):
    app = sqlite_app(tmp_path, SQLITE_SYNCHRONOUS="normal")
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1


def test_a_checkpoint_truncates_the_log(tmp_path):
    app = sqlite_app(tmp_path)
    fill(app, 300)
    assert wal_size(tmp_path) > 300 * 4096
    busy, _, _ = app.extensions["quizapp.checkpointer"].checkpoint()
    assert busy == 0
    assert wal_size(tmp_path) == 0
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM filler").scalar() == 300


def test_the_checkpoint_thread_runs_without_being_asked(tmp_path):
    app = sqlite_app(tmp_path, SQLITE_CHECKPOINT_SECONDS=0.05)
    fill(app, 200)
    deadline = time.monotonic() + 5
    while wal_size(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert wal_size(tmp_path) == 0
    app.extensions["quizapp.checkpointer"].stop.set()


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    command = ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)]
    if os.geteuid() != 0 or subprocess.run(command, capture_output=True).returncode:
        pytest.skip("mounting a small tmpfs needs root")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=True)


def test_a_full_disk_refuses_calmly_and_recovers_when_space_returns(small_disk):
    app = sqlite_app(small_disk, SQLITE_CHECKPOINT_SECONDS=0.05)
    seed_tiny(app)
    ballast = small_disk / "ballast"
    with open(ballast, "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    client = app.test_client()
    form = {"username": "newcomer", "password": "a long pass phrase", "confirm": ""}
    form["confirm"] = form["password"]
    response = client.post("/register", data=form)
    assert response.status_code == 503  # "database or disk is full": the calm outage page
    ballast.unlink()
    # More log traffic than the disk holds (the same row rewritten, so the database itself does
    # not grow): only a log that is truncated as it goes fits.
    rewrite(app, 1500)
    assert client.post("/register", data=form).status_code in (302, 303)
    time.sleep(0.3)
    assert wal_size(small_disk) < 1024 * 1024
    app.extensions["quizapp.checkpointer"].stop.set()


def test_the_checkpoint_thread_ends_when_its_database_is_gone(tmp_path):
    app = sqlite_app(tmp_path, SQLITE_CHECKPOINT_SECONDS=0.05)
    fill(app, 5)
    with app.app_context():
        db.engine.dispose()
    for name in ("q.sqlite", "q.sqlite-wal", "q.sqlite-shm", "q.sqlite-writers"):
        (tmp_path / name).unlink(missing_ok=True)
    checkpointer = app.extensions["quizapp.checkpointer"]
    checkpointer.thread.join(timeout=2)
    assert not checkpointer.thread.is_alive()
    assert checkpointer.checkpoint() is None  # the queue's file is gone: skipped, not raised
