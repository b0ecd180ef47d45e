"""Keeping SQLite's write-ahead log small, so a disk that filled up recovers once space returns.

SQLite's automatic checkpoints copy the log into the database but never shrink the log file,
and a checkpoint cannot reset the log while readers still use it; under steady load the file
only grows. Each worker process runs `wal_checkpoint(TRUNCATE)` every SQLITE_CHECKPOINT_SECONDS
from a background thread, inside the write queue so no writer sleeps in SQLite's busy handler
meanwhile. A checkpoint that finds readers in the way gives up at once and tries next time.
"""

import logging
import os
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

log = logging.getLogger("quizapp")
BUSY_TIMEOUT = 0.2  # seconds: a checkpoint waits this long for readers, then tries next round


class Checkpointer:
    """One daemon thread per process (started on first use after a fork)."""

    def __init__(self, path: Path, queue, seconds: float):
        self.path, self.queue, self.seconds = path, queue, seconds
        self.pid: int | None = None
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def ensure_running(self) -> None:
        if self.seconds <= 0 or self.pid == os.getpid():
            return
        self.pid = os.getpid()
        self.thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.wait(self.seconds):
            if not self.path.exists():  # the database was removed (a test's, a moved one)
                return
            self.checkpoint()

    def checkpoint(self) -> tuple[int, int, int] | None:
        """(busy, log frames, frames checkpointed), as SQLite reports them; None on error."""
        try:
            self.queue.enter()
        except OSError as error:  # the queue's lock file cannot be opened
            log.warning("WAL checkpoint skipped: %s", error)
            return None
        try:
            # mode=rw: a checkpoint never creates a database that is not there
            uri = f"file:{self.path}?mode=rw"
            with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT)) as connection:
                return connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as error:  # a full disk or a locked file: next round tries again
            log.warning("WAL checkpoint failed: %s", error)
            return None
        finally:
            self.queue.leave()
