"""Report and student pages at 1×, 10× (and 50×) the bench's large dataset, on SQLite and
PostgreSQL, in one run: `make bench-scale` (`SCALE_ARGS=--huge` adds 50×).

Each size is built with bench/large_db.py (200 students and 20,000 submitted attempts per 1×),
the maintained item statistics are rebuilt, and the database is analysed as a deployed one
would be (SQLite: web.database.analyze, as after `flask seed`; PostgreSQL: ANALYZE, what
autovacuum does on its own). Every page is then requested through the Flask test client on
its *first view* (page caches emptied before each request) and the table shows the median ms
and the SQL statements each page ran. For the CSV exports the time is until the first chunk
of the response (streaming has started).

    .venv/bin/python bench/bench_scale.py [--sizes 1 10] [--huge] [--repeat 20]
        [--database-url postgresql://…] [--no-postgres] [--markdown FILE]

Without --database-url, bench/postgres.sh starts the local Debian PostgreSQL server (needs
root) and makes a throwaway database.
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_reports import QueryCounter
from flask_migrate import upgrade
from large_db import CHEAP_HASH, PASSWORD, build
from sqlalchemy import func, select, text

from quizapp import create_app
from quizapp.models import Attempt, AttemptItem, SchoolClass, User, db
from quizapp.services import item_stats
from quizapp.web.database import analyze

HERE = Path(__file__).resolve().parent
BASE_STUDENTS, BASE_ATTEMPTS = 200, 20_000


def make_app(uri: str):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench-secret-key-0123456789abcdef",
            "SQLALCHEMY_DATABASE_URI": uri,
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH": CHEAP_HASH,
            "SHARED_PAGE_SECONDS": 0,  # first views: nothing answered from memory
            "SQLITE_CHECKPOINT_SECONDS": 0,
            "SQLITE_SYNCHRONOUS": "OFF",  # a throwaway file: the load need not wait for disk
        }
    )


def empty_postgres(uri: str) -> None:
    app = make_app(uri)
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    with app.app_context():
        db.engine.dispose()


def prepare(app, size: int) -> tuple[dict, float]:
    """Build the data, the maintained statistics and the planner's statistics."""
    started = time.perf_counter()
    with app.app_context():
        upgrade(directory=str(HERE.parent / "migrations"))  # the schema as deployed
    built = build(app, BASE_STUDENTS * size, BASE_ATTEMPTS * size)
    with app.app_context():
        item_stats.rebuild()
        db.session.commit()
        with db.engine.begin() as connection:
            if connection.dialect.name == "sqlite":
                analyze(connection)
            else:
                connection.execute(text("ANALYZE"))
    return built, time.perf_counter() - started


def login(app, username: str):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302, f"cannot log in as {username}"
    return client


def open_copy(attempt: Attempt) -> Attempt:
    """An attempt in progress on the same paper (the bench's quizzes have no pool to draw)."""
    used = db.session.scalar(
        select(func.max(Attempt.attempt_no)).where(
            Attempt.user_id == attempt.user_id, Attempt.quiz_id == attempt.quiz_id
        )
    )
    copy = Attempt(
        id=db.session.scalar(select(func.max(Attempt.id))) + 1,  # the builder set the ids
        user_id=attempt.user_id,
        quiz_id=attempt.quiz_id,
        attempt_no=used + 1,
        seed=attempt.seed,
        max_score=attempt.max_score,
    )
    copy.items = [
        AttemptItem(position=item.position, question_id=item.question_id, snapshot=item.snapshot)
        for item in attempt.items
    ]
    db.session.add(copy)
    return copy


def pages(app, built: dict) -> list[tuple[str, object, str, bool]]:
    """(name, client, url, streamed) for every student and teacher page measured."""
    student, teacher = login(app, built["student"]), login(app, built["teacher"])
    with app.app_context():
        done = db.session.scalar(
            select(Attempt)
            .where(Attempt.user_id == 1, Attempt.status == "submitted")
            .order_by(Attempt.id.desc())
            .limit(1)
        )
        open_attempt = open_copy(done)
        db.session.commit()
        done, open_attempt = done.id, open_attempt.id
    klass, quiz = built["class_id"], built["quiz_id"]
    return [
        ("student: quiz list", student, "/quizzes", False),
        ("student: question page", student, f"/attempts/{open_attempt}/q/1", False),
        ("student: result", student, f"/attempts/{done}/result", False),
        ("student: history", student, "/history", False),
        ("student: class", student, f"/classes/{klass}", False),
        ("teacher: classes", teacher, "/admin/classes", False),
        ("teacher: class", teacher, f"/admin/classes/{klass}", False),
        ("teacher: gradebook", teacher, f"/admin/classes/{klass}/gradebook", False),
        ("teacher: a student", teacher, f"/admin/classes/{klass}/students/1", False),
        ("teacher: reports index", teacher, "/admin/reports", False),
        ("teacher: item analysis", teacher, f"/admin/reports/quizzes/{quiz}", False),
        (
            "teacher: class item analysis",
            teacher,
            f"/admin/reports/quizzes/{quiz}?class={klass}",
            False,
        ),
        ("teacher: question bank search", teacher, "/admin/questions?q=right", False),
        ("teacher: question reports", teacher, "/admin/reports/questions", False),
        (
            "teacher: attempts.csv (first chunk)",
            teacher,
            f"/admin/classes/{klass}/attempts.csv",
            True,
        ),
        (
            "teacher: answers.csv (first chunk)",
            teacher,
            f"/admin/classes/{klass}/answers.csv",
            True,
        ),
    ]


def first_view(app, client, url: str, streamed: bool) -> None:
    app.extensions.pop("quizapp.web.page_cache", None)  # rendered fragments: a first view
    response = client.get(url, buffered=not streamed)
    assert response.status_code == 200, (url, response.status_code)
    if streamed:
        assert next(response.iter_encoded())
        response.close()


def measure(app, built: dict, repeat: int) -> dict[str, tuple[float, int]]:
    with app.app_context():
        counter = QueryCounter(db.engine)
    results = {}
    for name, client, url, streamed in pages(app, built):
        first_view(app, client, url, streamed)  # warm-up: templates compiled, connection open
        times, counts = [], []
        for _ in range(repeat):
            counter.count = 0
            started = time.perf_counter()
            first_view(app, client, url, streamed)
            times.append((time.perf_counter() - started) * 1000)
            counts.append(counter.count)
        results[name] = (statistics.median(times), max(counts))
    return results


def already_built(app) -> dict:
    """What `build` returns, read from a database it built in an earlier run (--reuse)."""
    with app.app_context():
        klass = db.session.get(SchoolClass, 1)
        attempts = db.session.scalar(select(func.count()).select_from(Attempt))
        return dict(
            student="student0",
            teacher=db.session.get(User, klass.teacher_id).username,
            class_id=1,
            quiz_id=1,
            students=db.session.scalar(
                select(func.count()).select_from(User).where(User.role == "student")
            ),
            attempts=attempts,
            answers=db.session.scalar(select(func.count()).select_from(AttemptItem)),
        )


def run_one(uri: str, size: int, repeat: int, reuse: bool = False) -> tuple[dict, dict, float]:
    app = make_app(uri)
    built, seconds = (already_built(app), 0.0) if reuse else prepare(app, size)
    results = measure(app, built, repeat)
    with app.app_context():
        db.engine.dispose()
    return built, results, seconds


def postgres_url() -> str:
    done = subprocess.run(
        [str(HERE / "postgres.sh"), "quizapp_bench"], capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def table(results: dict, sizes: list[int], backends: list[str]) -> str:
    columns = [(size, backend) for size in sizes for backend in backends]
    header = "| page | " + " | ".join(f"{s}× {b}" for s, b in columns) + " |"
    lines = [header, "|---|" + "---:|" * len(columns)]
    names = list(next(iter(results.values())))
    for name in names:
        cells = [
            f"{results[c][name][0]:.1f} ms / {results[c][name][1]}" if c in results else "–"
            for c in columns
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(args, results: dict, sizes: list[int], backends: list[str], notes: list[str]) -> str:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (
        f"Measured {stamp}; median of {args.repeat} first views, ms / SQL statements.\n\n"
        + table(results, sizes, backends)
        + "\n\n"
        + "\n".join(f"- {n}" for n in notes)
    )
    if args.markdown:
        args.markdown.write_text(text + "\n")
    return text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Report pages at scale, SQLite and PostgreSQL.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--huge", action="store_true", help="also 50× (a million attempts)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--keep", type=Path, help="keep the SQLite databases in this folder")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure again, without building: the SQLite databases kept by --keep, and the "
        "PostgreSQL database for the largest size (the last one a run built)",
    )
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes + ([50] if args.huge else [])))
    backends = ["SQLite"] + ([] if args.no_postgres else ["PostgreSQL"])
    pg_url = None if args.no_postgres else (args.database_url or postgres_url())
    results, notes = {}, []
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        for size in sizes:
            for backend in backends:
                path = folder / f"scale-{size}.sqlite"
                if backend == "SQLite":
                    reuse = args.reuse and path.exists()
                    for old in folder.glob(f"scale-{size}.sqlite*"):
                        if not reuse:
                            old.unlink()
                    uri = f"sqlite:///{path}"
                else:  # one PostgreSQL database: --reuse measures what the last run built
                    reuse = args.reuse and size == sizes[-1]
                    if not reuse:
                        empty_postgres(pg_url)
                    uri = pg_url
                built, measured, seconds = run_one(uri, size, args.repeat, reuse)
                results[size, backend] = measured
                notes.append(
                    f"{size}× {backend}: {built['students']:,} students, "
                    f"{built['attempts']:,} attempts, {built['answers']:,} answers, "
                    + (f"built in {seconds:.0f} s" if seconds else "built in an earlier run")
                )
                print(notes[-1], flush=True)
                # The table so far, after each database: a long run stopped early keeps it.
                report(args, results, sizes, backends, notes)
    print("\n" + report(args, results, sizes, backends, notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
