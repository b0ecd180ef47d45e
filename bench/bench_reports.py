"""Speed of the progress and report pages on a large database.

Builds a temporary SQLite database (200 students, 500 questions, 20,000 submitted attempts of
10 questions each) with bulk inserts, then requests the student dashboard, a class gradebook and
a quiz's item analysis through the Flask test client, and reports the median time of each page
and how many SQL statements it ran.

    .venv/bin/python bench/bench_reports.py [--students 200] [--attempts 20000] [--repeat 10]

Exits with status 1 when a page is over its time budget or its query budget.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import event, insert

from quizapp import create_app
from quizapp.models import (
    Assignment,
    Attempt,
    AttemptItem,
    Choice,
    Membership,
    Question,
    QuestionReport,
    Quiz,
    ReviewItem,
    SchoolClass,
    Topic,
    User,
    db,
)

CHEAP_HASH = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
PASSWORD = "bench password 123"
TIME_BUDGET_MS = 150
QUERY_BUDGET = 8
TOPICS, QUESTIONS, QUIZZES, PER_QUIZ_POOL, PAPER = 10, 500, 20, 25, 10
CLASS_SIZE, ASSIGNED = 25, 6
NOW = datetime(2026, 3, 15, 12, 0)
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


def _bulk(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(model.__table__), rows[start : start + 5000])


def _content(rng: random.Random) -> list[dict]:
    """Topics, questions (four options each) and quizzes; returns the questions as plain dicts."""
    _bulk(
        Topic,
        [
            {"id": t + 1, "slug": f"topic-{t}", "title": f"Section {t}", "position": t}
            for t in range(TOPICS)
        ],
    )
    questions = [
        {
            "id": q + 1,
            "topic_id": q % TOPICS + 1,
            "kind": "single",
            "status": "published",
            "prompt": f"Question {q}: which of these is right?",
            "anchor": f"p-{q % 7}",
            "difficulty": 1 + q % 3,
            "origin": "curated",
            "accepted_answers": [],
            "generation_checks": [],
        }
        for q in range(QUESTIONS)
    ]
    _bulk(Question, questions)
    _bulk(
        Choice,
        [
            {
                "question_id": q["id"],
                "text": f"Option {c} of {q['id']}",
                "is_correct": c == 0,
                "position": c,
            }
            for q in questions
            for c in range(4)
        ],
    )
    _bulk(
        Quiz,
        [
            {
                "id": z + 1,
                "slug": f"quiz-{z}",
                "title": f"Quiz {z}",
                "question_count": PAPER,
                "is_published": True,
                "kinds": [],
                "difficulties": [],
                "topic_quotas": {},
            }
            for z in range(QUIZZES)
        ],
    )
    return questions


def _people(students: int) -> tuple[list[int], list[int]]:
    password_hash = PasswordHasher(**CHEAP_HASH).hash(PASSWORD)
    teachers = max(1, students // (2 * CLASS_SIZE))
    users = [
        {"id": i + 1, "username": f"student{i}", "role": "student", "password_hash": password_hash}
        for i in range(students)
    ] + [
        {
            "id": students + t + 1,
            "username": f"teacher{t}",
            "role": "teacher",
            "password_hash": password_hash,
        }
        for t in range(teachers)
    ]
    _bulk(User, users)
    return [u["id"] for u in users[:students]], [u["id"] for u in users[students:]]


def _classes(student_ids: list[int], teacher_ids: list[int], rng: random.Random) -> None:
    classes, members, assignments = [], [], []
    for number, start in enumerate(range(0, len(student_ids), CLASS_SIZE), 1):
        classes.append(
            {
                "id": number,
                "name": f"Class {number}",
                "teacher_id": teacher_ids[number % len(teacher_ids)],
                "join_code": f"BENCH{number:03d}",
                "join_code_expires_at": NOW + timedelta(days=14),
            }
        )
        members += [
            {"class_id": number, "user_id": u} for u in student_ids[start : start + CLASS_SIZE]
        ]
        assignments += [
            {"class_id": number, "quiz_id": z, "due_at": NOW - timedelta(days=rng.randint(-10, 60))}
            for z in rng.sample(range(1, QUIZZES + 1), ASSIGNED)
        ]
    _bulk(SchoolClass, classes)
    _bulk(Membership, members)
    _bulk(Assignment, assignments)


def _snapshot(question: dict, rng: random.Random) -> tuple[dict, list[str]]:
    ids = [f"{rng.getrandbits(40):010x}" for _ in range(4)]
    texts = [f"Option {c} of {question['id']}" for c in range(4)]
    shown = list(zip(ids, texts, strict=True))
    rng.shuffle(shown)
    snapshot = {
        "kind": "single",
        "prompt": question["prompt"],
        "explanation": "Because.",
        "topic_slug": f"topic-{question['topic_id'] - 1}",
        "anchor": question["anchor"],
        "difficulty": question["difficulty"],
        "options": [{"id": i, "text": t} for i, t in shown],
        "feedback": {},
        "key": {"correct": [ids[0]]},
    }
    return snapshot, ids


def _attempts(student_ids, questions, total: int, rng: random.Random) -> None:
    ability = {u: rng.uniform(0.3, 0.95) for u in student_ids}
    pools = {z: rng.sample(questions, PER_QUIZ_POOL) for z in range(1, QUIZZES + 1)}
    numbers: dict[tuple[int, int], int] = {}
    attempts, items = [], []
    for attempt_id in range(1, total + 1):
        user = student_ids[attempt_id % len(student_ids)]
        quiz = rng.randint(1, QUIZZES)
        numbers[user, quiz] = numbers.get((user, quiz), 0) + 1
        started = NOW - timedelta(days=120) + timedelta(minutes=rng.randint(0, 120 * 24 * 60))
        score = 0
        for position, question in enumerate(rng.sample(pools[quiz], PAPER), 1):
            snapshot, ids = _snapshot(question, rng)
            right = rng.random() < ability[user] - 0.1 * (question["difficulty"] - 2)
            chosen = 0 if right else rng.choice((1, 2, 3))
            score += right
            items.append(
                {
                    "attempt_id": attempt_id,
                    "position": position,
                    "question_id": question["id"],
                    "snapshot": snapshot,
                    "response": ids[chosen],
                    "response_text": f"Option {chosen} of {question['id']}",
                    "is_correct": right,
                    "points": float(right),
                    "answered_at": started + timedelta(minutes=position),
                    "version": 1,
                }
            )
        attempts.append(
            {
                "id": attempt_id,
                "user_id": user,
                "quiz_id": quiz,
                "attempt_no": numbers[user, quiz],
                "seed": rng.getrandbits(31),
                "status": "submitted",
                "started_at": started,
                "submitted_at": started + timedelta(minutes=12),
                "score": float(score),
                "max_score": float(PAPER),
            }
        )
    _bulk(Attempt, attempts)
    _bulk(AttemptItem, items)


def _reviews(student_ids, rng: random.Random) -> None:
    _bulk(
        ReviewItem,
        [
            {
                "user_id": u,
                "question_id": q,
                "due_at": NOW + timedelta(days=rng.randint(-3, 7)),
                "step": rng.randint(0, 2),
                "right_streak": rng.randint(0, 1),
                "is_done": False,
            }
            for u in student_ids
            for q in rng.sample(range(1, QUESTIONS + 1), 20)
        ],
    )
    _bulk(
        QuestionReport,
        [
            {
                "question_id": rng.randint(1, QUESTIONS),
                "user_id": rng.choice(student_ids),
                "message": "The key looks wrong.",
            }
            for _ in range(50)
        ],
    )


def build(app, students: int, attempts: int) -> dict:
    rng = random.Random(2026)
    with app.app_context():
        db.create_all()
        questions = _content(rng)
        student_ids, teacher_ids = _people(students)
        _classes(student_ids, teacher_ids, rng)
        _attempts(student_ids, questions, attempts, rng)
        _reviews(student_ids, rng)
        db.session.commit()
        teacher = db.session.get(User, db.session.get(SchoolClass, 1).teacher_id).username
        return {
            "teacher": teacher,
            "students": students,
            "attempts": attempts,
            "items": attempts * PAPER,
            "questions": QUESTIONS,
        }


class QueryCounter:
    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self)

    def __call__(self, _conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(TRANSACTION_CONTROL):
            self.count += 1


def measure(client, url: str, counter: QueryCounter, repeat: int) -> tuple[float, int]:
    """Median milliseconds over `repeat` requests (after one warm-up) and queries per request."""
    assert client.get(url).status_code == 200, url
    times, counts = [], set()
    for _ in range(repeat):
        counter.count = 0
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        counts.add(counter.count)
        assert response.status_code == 200, url
    return statistics.median(times), max(counts)


def login(app, username: str):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302, f"cannot log in as {username}"
    return client


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--attempts", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "bench-secret-key-0123456789abcdef",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite'}",
                "WTF_CSRF_ENABLED": False,
                "PASSWORD_HASH": CHEAP_HASH,
            }
        )
        started = time.perf_counter()
        sizes = build(app, args.students, args.attempts)
        print(
            f"Built {sizes['students']} students, {sizes['questions']} questions, "
            f"{sizes['attempts']:,} attempts ({sizes['items']:,} answers) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        with app.app_context():
            counter = QueryCounter(db.engine)
        pages = [
            ("Student dashboard", login(app, "student0"), "/history"),
            ("Class gradebook", login(app, sizes["teacher"]), "/admin/classes/1/gradebook"),
            ("Item analysis", login(app, sizes["teacher"]), "/admin/reports/quizzes/1"),
        ]
        print(f"\n{'Page':<20}{'median ms':>10}{'queries':>9}  verdict")
        failed = False
        for name, client, url in pages:
            median, queries = measure(client, url, counter, args.repeat)
            slow = median > TIME_BUDGET_MS or queries > QUERY_BUDGET
            failed |= slow
            print(f"{name:<20}{median:>10.1f}{queries:>9}  {'OVER BUDGET' if slow else 'ok'}")
        print(
            f"\nBudget: {TIME_BUDGET_MS} ms and {QUERY_BUDGET} queries per page "
            "(login and transaction control not counted)."
        )
        with app.app_context():
            db.engine.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
