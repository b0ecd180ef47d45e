"""A large, realistic database for benchmarks, built with bulk inserts in a few seconds.

200 students in classes of 25 (each class with 6 assigned quizzes), 500 single-choice questions
in 10 sections, 20 quizzes, and 20,000 submitted attempts of 10 questions (200,000 answers)
whose right/wrong pattern follows each student's ability and each question's difficulty.
"""

import random
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import insert

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
TOPICS, QUESTIONS, QUIZZES, PER_QUIZ_POOL, PAPER = 10, 500, 20, 25, 10
CLASS_SIZE, ASSIGNED, REVIEWS_EACH = 25, 6, 20
NOW = datetime(2026, 3, 15, 12, 0)
BATCH = 5000


def _bulk(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model.__table__), rows[start : start + BATCH])


def _question(q: int) -> dict:
    return dict(
        id=q + 1,
        topic_id=q % TOPICS + 1,
        kind="single",
        status="published",
        prompt=f"Question {q}: which of these is right?",
        anchor=f"p-{q % 7}",
        difficulty=1 + q % 3,
        origin="curated",
        accepted_answers=[],
        generation_checks=[],
    )


def _content() -> list[dict]:
    """Sections, questions (four options each) and quizzes; the questions as plain dicts."""
    _bulk(Topic, [dict(id=t + 1, slug=f"topic-{t}", title=f"Section {t}") for t in range(TOPICS)])
    questions = [_question(q) for q in range(QUESTIONS)]
    _bulk(Question, questions)
    _bulk(
        Choice,
        [
            dict(
                question_id=q["id"], text=f"Option {c} of {q['id']}", is_correct=c == 0, position=c
            )
            for q in questions
            for c in range(4)
        ],
    )
    _bulk(
        Quiz,
        [
            dict(
                id=z + 1,
                slug=f"quiz-{z}",
                title=f"Quiz {z}",
                question_count=PAPER,
                is_published=True,
                kinds=[],
                difficulties=[],
                topic_quotas={},
            )
            for z in range(QUIZZES)
        ],
    )
    return questions


def _people(students: int) -> tuple[list[int], list[int]]:
    password_hash = PasswordHasher(**CHEAP_HASH).hash(PASSWORD)
    teachers = max(1, students // (2 * CLASS_SIZE))
    users = [
        dict(id=i + 1, username=f"student{i}", role="student", password_hash=password_hash)
        for i in range(students)
    ] + [
        dict(
            id=students + t + 1, username=f"teacher{t}", role="teacher", password_hash=password_hash
        )
        for t in range(teachers)
    ]
    _bulk(User, users)
    return [u["id"] for u in users[:students]], [u["id"] for u in users[students:]]


def _classes(student_ids: list[int], teacher_ids: list[int], rng: random.Random) -> None:
    classes, members, assignments = [], [], []
    for number, start in enumerate(range(0, len(student_ids), CLASS_SIZE), 1):
        classes.append(
            dict(
                id=number,
                name=f"Class {number}",
                teacher_id=teacher_ids[number % len(teacher_ids)],
                join_code=f"BENCH{number:03d}",
                join_code_expires_at=NOW + timedelta(days=14),
            )
        )
        group = student_ids[start : start + CLASS_SIZE]
        members += [dict(class_id=number, user_id=u) for u in group]
        assignments += [
            dict(class_id=number, quiz_id=z, due_at=NOW - timedelta(days=rng.randint(-10, 60)))
            for z in rng.sample(range(1, QUIZZES + 1), ASSIGNED)
        ]
    _bulk(SchoolClass, classes)
    _bulk(Membership, members)
    _bulk(Assignment, assignments)


def _item(attempt_id: int, position: int, question: dict, right: bool, rng, started) -> dict:
    """One answer with a snapshot the size of a real one (random option ids, shuffled)."""
    ids = [f"{rng.getrandbits(40):010x}" for _ in range(4)]
    shown = [dict(id=i, text=f"Option {c} of {question['id']}") for c, i in enumerate(ids)]
    rng.shuffle(shown)
    chosen = 0 if right else rng.choice((1, 2, 3))
    snapshot = dict(
        kind="single",
        prompt=question["prompt"],
        explanation="Because.",
        options=shown,
        topic_slug=f"topic-{question['topic_id'] - 1}",
        anchor=question["anchor"],
        difficulty=question["difficulty"],
        feedback={},
        key={"correct": [ids[0]]},
    )
    return dict(
        attempt_id=attempt_id,
        position=position,
        question_id=question["id"],
        snapshot=snapshot,
        response=ids[chosen],
        response_text=f"Option {chosen} of {question['id']}",
        is_correct=right,
        points=float(right),
        version=1,
        answered_at=started + timedelta(minutes=position),
    )


def _answers_right(ability: float, question: dict, rng: random.Random) -> bool:
    # Stronger students and easier questions: more right answers (so discrimination is real).
    return rng.random() < ability - 0.1 * (question["difficulty"] - 2)


def _attempts(student_ids: list[int], questions: list[dict], total: int, rng) -> None:
    ability = {u: rng.uniform(0.3, 0.95) for u in student_ids}
    pools = {z: rng.sample(questions, PER_QUIZ_POOL) for z in range(1, QUIZZES + 1)}
    numbers: dict[tuple[int, int], int] = {}
    attempts, items = [], []
    for attempt_id in range(1, total + 1):
        user, quiz = student_ids[attempt_id % len(student_ids)], rng.randint(1, QUIZZES)
        numbers[user, quiz] = numbers.get((user, quiz), 0) + 1
        started = NOW - timedelta(minutes=rng.randint(60, 120 * 24 * 60))
        paper = [
            _item(attempt_id, position, q, _answers_right(ability[user], q, rng), rng, started)
            for position, q in enumerate(rng.sample(pools[quiz], PAPER), 1)
        ]
        items += paper
        attempts.append(
            dict(
                id=attempt_id,
                user_id=user,
                quiz_id=quiz,
                attempt_no=numbers[user, quiz],
                seed=f"{rng.getrandbits(128):032x}",
                status="submitted",
                started_at=started,
                submitted_at=started + timedelta(minutes=12),
                max_score=float(PAPER),
                score=sum(i["points"] for i in paper),
            )
        )
        if len(attempts) == BATCH:  # in batches: a million attempts do not fit in memory
            _bulk(Attempt, attempts)
            _bulk(AttemptItem, items)
            attempts, items = [], []
    _bulk(Attempt, attempts)
    _bulk(AttemptItem, items)


def _reviews(student_ids: list[int], rng: random.Random) -> None:
    _bulk(
        ReviewItem,
        [
            dict(
                user_id=u,
                question_id=q,
                due_at=NOW + timedelta(days=rng.randint(-3, 7)),
                step=rng.randint(0, 2),
                right_streak=rng.randint(0, 1),
                is_done=False,
            )
            for u in student_ids
            for q in rng.sample(range(1, QUESTIONS + 1), REVIEWS_EACH)
        ],
    )
    _bulk(
        QuestionReport,
        [
            dict(
                question_id=rng.randint(1, QUESTIONS),
                user_id=rng.choice(student_ids),
                message="The key looks wrong.",
            )
            for _ in range(50)
        ],
    )


def build(app, students: int = 200, attempts: int = 20_000, seed: int = 2026) -> dict:
    """Fill the app's (empty) database; what was built, and whom to log in as."""
    rng = random.Random(seed)
    with app.app_context():
        db.create_all()
        questions = _content()
        student_ids, teacher_ids = _people(students)
        _classes(student_ids, teacher_ids, rng)
        _attempts(student_ids, questions, attempts, rng)
        _reviews(student_ids, rng)
        db.session.commit()
        teacher = db.session.get(User, db.session.get(SchoolClass, 1).teacher_id).username
    return dict(
        student="student0",
        teacher=teacher,
        class_id=1,
        quiz_id=1,
        students=students,
        questions=QUESTIONS,
        attempts=attempts,
        answers=attempts * PAPER,
    )
