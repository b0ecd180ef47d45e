"""Speed of the progress and report pages on a large database.

Builds a temporary SQLite database with bench/large_db.py (200 students, 500 questions, 20,000
submitted attempts of 10 questions each), then requests the student dashboard, a class gradebook
and a quiz's item analysis through the Flask test client, and prints each page's median time and
the number of SQL statements it ran (counted with a `before_cursor_execute` listener).

    .venv/bin/python bench/bench_reports.py [--students 200] [--attempts 20000] [--repeat 10]

Exits with status 1 when a page is over its time or query budget.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from large_db import CHEAP_HASH, PASSWORD, build
from sqlalchemy import event

from quizapp import create_app
from quizapp.models import db

TIME_BUDGET_MS = 150
QUERY_BUDGET = 8  # per page, whatever the number of rows shown
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


class QueryCounter:
    """Counts SQL statements on an engine (transaction control is not a query)."""

    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self)

    def __call__(self, _conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
            self.count += 1


def measure(client, url: str, counter: QueryCounter, repeat: int) -> tuple[float, int]:
    """Median milliseconds over `repeat` requests (after one warm-up) and queries per request."""
    assert client.get(url).status_code == 200, url
    times, counts = [], []
    for _ in range(repeat):
        counter.count = 0
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        counts.append(counter.count)
        assert response.status_code == 200, url
    return statistics.median(times), max(counts)


def login(app, username: str):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302, f"cannot log in as {username}"
    return client


def make_app(folder: str):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench-secret-key-0123456789abcdef",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite'}",
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH": CHEAP_HASH,
        }
    )


def run(app, built: dict, repeat: int) -> bool:
    """Print the table; True when every page is within budget."""
    with app.app_context():
        counter = QueryCounter(db.engine)
    teacher = login(app, built["teacher"])
    pages = [
        ("Student dashboard", login(app, built["student"]), "/history"),
        ("Class gradebook", teacher, f"/admin/classes/{built['class_id']}/gradebook"),
        ("Item analysis", teacher, f"/admin/reports/quizzes/{built['quiz_id']}"),
    ]
    print(f"\n{'Page':<20}{'median ms':>10}{'queries':>9}  verdict")
    ok = True
    for name, client, url in pages:
        median, queries = measure(client, url, counter, repeat)
        within = median <= TIME_BUDGET_MS and queries <= QUERY_BUDGET
        ok &= within
        print(f"{name:<20}{median:>10.1f}{queries:>9}  {'ok' if within else 'OVER BUDGET'}")
    print(f"\nBudget: {TIME_BUDGET_MS} ms and {QUERY_BUDGET} queries per page.")
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Time the progress and report pages.")
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--attempts", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder)
        started = time.perf_counter()
        built = build(app, args.students, args.attempts)
        print(
            f"Built {built['students']} students, {built['questions']} questions, "
            f"{built['attempts']:,} attempts ({built['answers']:,} answers) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        ok = run(app, built, args.repeat)
        with app.app_context():
            db.engine.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
