"""A realistic benchmark database: the seeded explainer and quizzes, 500+ questions, 1,000
students and 20,000 submitted attempts, bulk-inserted into a fresh SQLite file.

The benchmark's own rows (two students, their in-progress and submitted attempts) are made
through the app's own attempt functions, so their snapshots are exactly what the app makes.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from sqlalchemy import insert, select

from quizapp.config import Defaults
from quizapp.core.assembly import make_snapshot
from quizapp.core.item_analysis import response_text
from quizapp.core.review import regrade
from quizapp.models import (
    Attempt,
    AttemptItem,
    Question,
    Quiz,
    ReviewItem,
    Topic,
    User,
    db,
    utcnow,
)
from quizapp.services.attempt_start import start_attempt
from quizapp.services.attempts import finish, save_answer
from quizapp.services.bank import question_data, question_from_fields
from quizapp.services.seeding import seed_all

PASSWORD = "bench password 2026"
QUESTIONS = 500  # added to whatever the content files hold
STUDENTS = 1000
ATTEMPTS = 20000
LARGE_HISTORY = 200  # submitted attempts of the benchmark's main student
WRITERS = 4  # students with an open 200-question attempt each: the write target's saves
KINDS = ["single"] * 12 + ["multiple", "true_false", "true_false", "short_text", "numeric"]
KINDS += ["ordering", "matching"]
WORDS = (
    "border crossing refugees ceasefire airstrike province talks mediation trade corridor "
    "militants government statement casualties claim dispute region envoy mountain valley"
).split()
CHUNK = 5000


@dataclass(frozen=True)
class BenchData:
    """Ids the load runs and query counts need."""

    username: str  # large history: LARGE_HISTORY submitted attempts
    small_username: str  # one submitted attempt
    topic_slug: str
    long_attempt: int  # in progress, 50 questions, feedback at the end
    short_attempt: int  # in progress, 5 questions (small_username)
    writers: tuple[tuple[str, int], ...]  # (username, open 200-question attempt): the writes
    result_attempt: int  # submitted, 12 questions
    long_result_attempt: int  # submitted, 50 questions
    short_result_attempt: int  # submitted, 5 questions (small_username)
    counts: dict
    sections: tuple[str, str] = ("", "")  # the classroom mix's two explainer sections
    mix_quiz: int = 0  # the quiz the classroom mix takes: the seeded 12-question one


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _fields(rng: random.Random, n: int, kind: str, anchor: str) -> dict:
    fields = {
        "key": f"bench-{n}",
        "kind": kind,
        "prompt": _sentence(rng, 14) + "?",
        "explanation": _sentence(rng, 30) + ".",
        "anchor": anchor,
        "difficulty": rng.randint(1, 3),
    }
    if kind in ("single", "multiple"):
        right = {0, 1} if kind == "multiple" else {0}
        fields["choices"] = [
            {"text": _sentence(rng, 5), "correct": i in right, "feedback": _sentence(rng, 8)}
            for i in range(4)
        ]
    elif kind == "true_false":
        fields["answer"] = rng.random() < 0.5
    elif kind == "short_text":
        fields["accepted"] = ["Torkham", "Torkham crossing"]
    elif kind == "numeric":
        fields["answer"], fields["tolerance"] = 1893, 0
    elif kind == "ordering":
        fields["items"] = [_sentence(rng, 4) for _ in range(4)]
    else:
        fields["pairs"] = [{"prompt": w.upper(), "answer": _sentence(rng, 3)} for w in WORDS[:4]]
    return fields


def _add_questions(rng: random.Random) -> None:
    topics = list(db.session.scalars(select(Topic).order_by(Topic.position)))
    for n in range(QUESTIONS):
        kind = rng.choice(KINDS) if n >= 200 else "single"  # 200+ singles for the write quiz
        topic = topics[n % len(topics)]
        db.session.add(question_from_fields(_fields(rng, n, kind, "p1"), topic, status="published"))
    db.session.flush()


def _add_quizzes() -> dict[str, Quiz]:
    specs = {
        "bench-short": (5, []),
        "bench-long": (50, []),
        "bench-write": (200, ["single"]),
    }
    quizzes = {}
    for slug, (count, kinds) in specs.items():
        quiz = Quiz(
            slug=slug,
            title=f"Benchmark quiz ({count} questions)",
            question_count=count,
            kinds=kinds,
            feedback_mode="at_end",
            is_published=True,
        )
        db.session.add(quiz)
        quizzes[slug] = quiz
    db.session.flush()
    return quizzes


def _add_users(password_hash: str) -> list[int]:
    rows = [
        {
            "username": f"student{n:04d}",
            "password_hash": password_hash,
            "role": "student",
            "is_disabled": False,
            "session_token": f"bench-token-{n}",
            "created_at": utcnow() - timedelta(days=90),
        }
        for n in range(STUDENTS)
    ]
    db.session.execute(insert(User), rows)
    return list(db.session.scalars(select(User.id).order_by(User.id)))


def answers(snapshot: dict, rng: random.Random) -> list[tuple]:
    """Plausible (response, points, is_correct, text) variants for one snapshot: right, wrong."""
    kind, key, options = snapshot["kind"], snapshot.get("key", {}), snapshot["options"]
    if kind in ("single", "true_false"):
        candidates = [key["correct"][0], options[-1]["id"]]
    elif kind == "multiple":
        candidates = [sorted(key["correct"]), [options[0]["id"]]]
    elif kind == "ordering":
        candidates = [key["order"], list(reversed(key["order"]))]
    elif kind == "matching":
        candidates = [key["pairs"], {}]
    elif kind == "short_text":
        candidates = ["Torkham", "Chaman"]
    else:
        candidates = ["1893", "1947"]
    out = []
    for response in candidates:
        grade = regrade(snapshot, response)
        out.append((response, grade.points, grade.is_correct, response_text(snapshot, response)))
    return out


def _snapshot_pool(rng: random.Random) -> tuple[dict[int, list], dict[int, dict]]:
    """Per quiz id, the (question id, snapshot, answers) it draws from."""
    questions = db.session.scalars(select(Question).where(Question.status == "published")).unique()
    by_topic: dict[int, list] = {}
    for q in questions:
        snap = make_snapshot(question_data(q), rng)
        by_topic.setdefault(q.topic_id, []).append((q.id, snap, answers(snap, rng)))
    quizzes = db.session.scalars(
        select(Quiz).where(Quiz.is_published, Quiz.slug.not_like("bench-%"))
    ).all()
    pools, sizes = {}, {}
    for quiz in quizzes:
        ids = [t.id for t in quiz.topics] or list(by_topic)
        pools[quiz.id] = [entry for tid in ids for entry in by_topic.get(tid, [])]
        sizes[quiz.id] = quiz.question_count
    return pools, sizes


def _bulk_attempts(rng: random.Random, user_ids: list[int], heavy: dict[int, int]) -> int:
    """Submitted attempts spread over the students; `heavy` fixes some students' counts."""
    pools, sizes = _snapshot_pool(rng)
    quiz_ids = [q for q in pools if pools[q]]
    plan = [uid for uid, n in heavy.items() for _ in range(n)]
    others = [u for u in user_ids if u not in heavy]
    plan += [rng.choice(others) for _ in range(ATTEMPTS - len(plan))]
    now, attempt_no = utcnow(), {}
    attempts, items, reviews = [], [], {}
    next_id = (db.session.scalar(select(db.func.max(Attempt.id))) or 0) + 1
    for attempt_id, user_id in enumerate(plan, next_id):
        quiz_id = rng.choice(quiz_ids)
        paper = rng.sample(pools[quiz_id], min(sizes[quiz_id], len(pools[quiz_id])))
        started = now - timedelta(days=rng.uniform(1, 90))
        attempt_no[(user_id, quiz_id)] = attempt_no.get((user_id, quiz_id), 0) + 1
        score = 0.0
        for position, (question_id, snap, answers) in enumerate(paper, 1):
            response, points, correct, text = answers[rng.random() < 0.3]
            score += points
            items.append(
                {
                    "attempt_id": attempt_id,
                    "position": position,
                    "question_id": question_id,
                    "snapshot": snap,
                    "response": response,
                    "response_text": text,
                    "is_correct": correct,
                    "points": points,
                    "answered_at": started + timedelta(seconds=30 * position),
                    "version": 1,
                }
            )
            if not correct and len(reviews) < 40000:
                reviews[(user_id, question_id)] = started + timedelta(days=rng.randint(0, 7))
        attempts.append(
            {
                "id": attempt_id,
                "user_id": user_id,
                "quiz_id": quiz_id,
                "attempt_no": attempt_no[(user_id, quiz_id)],
                "seed": f"{rng.getrandbits(128):032x}",
                "status": "submitted",
                "started_at": started,
                "submitted_at": started + timedelta(minutes=rng.randint(2, 20)),
                "score": score,
                "max_score": float(len(paper)),
            }
        )
    _insert(Attempt, attempts)
    _insert(AttemptItem, items)
    _insert(
        ReviewItem,
        [
            {"user_id": u, "question_id": q, "due_at": due, "step": 1, "right_streak": 0}
            for (u, q), due in reviews.items()
        ],
    )
    return len(items)


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start : start + CHUNK])


def _answer_all(attempt: Attempt) -> None:
    for item in attempt.items:
        response = answers(item.snapshot, random.Random(item.id))[0][0]
        form = form_fields(item.snapshot, response)
        save_answer(attempt, item, form, str(item.version), utcnow())
    db.session.expire(attempt)


def form_fields(snapshot: dict, response) -> dict:
    kind = snapshot["kind"]
    if kind == "multiple":
        return {"answer": list(response)}
    if kind == "ordering":
        return {f"rank-{oid}": [str(i)] for i, oid in enumerate(response, 1)}
    if kind == "matching":
        return {f"match-{pid}": [aid] for pid, aid in response.items()}
    return {"answer": [str(response)]}


def _own_attempts(main: User, small: User, quizzes: dict[str, Quiz]) -> dict:
    now = utcnow()
    ids = {}
    whole = db.session.scalar(select(Quiz).where(Quiz.slug == "whole-article"))
    for name, user, quiz in (
        ("result_attempt", main, whole or quizzes["bench-short"]),
        ("long_result_attempt", main, quizzes["bench-long"]),
        ("short_result_attempt", small, quizzes["bench-short"]),
    ):
        attempt = start_attempt(user, quiz, now)
        db.session.flush()
        _answer_all(attempt)
        finish(attempt, utcnow())
        ids[name] = attempt.id
    for name, user, quiz in (
        ("long_attempt", main, quizzes["bench-long"]),
        ("short_attempt", small, quizzes["bench-short"]),
    ):
        attempt = start_attempt(user, quiz, now)
        db.session.flush()
        ids[name] = attempt.id
    return ids


def _writers(user_ids: list[int], quiz: Quiz) -> tuple[tuple[str, int], ...]:
    writers = []
    for user_id in user_ids[2 : 2 + WRITERS]:
        user = db.session.get(User, user_id)
        attempt = start_attempt(user, quiz, utcnow())
        db.session.flush()
        writers.append((user.username, attempt.id))
    return tuple(writers)


def build(seed: int = 2026) -> BenchData:
    """Fill the (empty) database of the current app context. Call inside `app.app_context()`."""
    rng = random.Random(seed)
    db.create_all()
    seed_all()
    _add_questions(rng)
    quizzes = _add_quizzes()
    password_hash = PasswordHasher(**Defaults.PASSWORD_HASH).hash(PASSWORD)
    user_ids = _add_users(password_hash)
    main, small = db.session.get(User, user_ids[0]), db.session.get(User, user_ids[1])
    item_count = _bulk_attempts(rng, user_ids, {main.id: LARGE_HISTORY, small.id: 0})
    db.session.commit()
    ids = _own_attempts(main, small, quizzes)
    writers = _writers(user_ids, quizzes["bench-write"])
    db.session.commit()
    counts = {
        name: db.session.scalar(select(db.func.count()).select_from(model))
        for name, model in (
            ("questions", Question),
            ("users", User),
            ("attempts", Attempt),
            ("attempt_items", AttemptItem),
        )
    }
    assert counts["attempt_items"] >= item_count
    first, second = db.session.scalars(select(Topic.slug).order_by(Topic.position).limit(2))
    mix_quiz = db.session.scalar(select(Quiz.id).where(Quiz.slug == "whole-article"))
    return BenchData(main.username, small.username, first, writers=writers, counts=counts,
                     sections=(first, second), mix_quiz=mix_quiz, **ids)  # fmt: skip
