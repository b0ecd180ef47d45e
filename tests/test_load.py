"""The load-and-fault test in the suite: 60 students against a real gunicorn (2 workers ×
4 threads) over real HTTP, with a fault while starts are in flight (bench/loadtest.py): one
worker SIGKILLed; the whole server (master and workers) SIGKILLed and started again; and, on
PostgreSQL, the database server restarted.

On SQLite by default; with QUIZAPP_TEST_DATABASE_URL, in a fresh schema of that PostgreSQL
database, which shows that the guarantees come from constraints, not from SQLite's one writer.
"""

import sys
from pathlib import Path

import pytest

from security import postgres

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from loadtest import Options, run, summary  # noqa: E402

pytestmark = pytest.mark.slow
STUDENTS = 60


FAULTS = ["worker", "server"] + (["postgres"] if postgres.base_url() else [])


@pytest.mark.parametrize("fault", FAULTS)
def test_60_students_lose_and_duplicate_nothing_through_a_fault(capsys, fault):
    report = run(Options(students=STUDENTS, database_url=postgres.base_url(), fault=fault))
    with capsys.disabled():  # the figures belong in the CI log
        print("\n" + summary(report))
    assert report.killed_pid is not None, "the fault never happened"
    assert report.retries > 0, "the kill hit no request in flight: the run proves nothing"
    assert report.clean, summary(report)  # no 5xx but the 503 page while the database is away
    assert report.attempts == report.submitted == STUDENTS
