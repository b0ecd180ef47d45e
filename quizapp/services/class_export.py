"""CSV exports of a class's submitted attempts at its assigned quizzes: one row per attempt,
or one per answer, read in batches and streamed."""

import csv
import io
from collections.abc import Iterator

from sqlalchemy import select

from quizapp.core.export import csv_row
from quizapp.models import Assignment, Attempt, AttemptItem, Membership, Quiz, User, db
from quizapp.services.progress import PERCENT, SUBMITTED

CSV_BATCH = 1000
ATTEMPTS_PER_BATCH = 200

ATTEMPT_HEADER = (
    "attempt_id",
    "student",
    "quiz",
    "attempt_no",
    "started_at",
    "submitted_at",
    "score",
    "max_score",
    "percent",
)
ANSWER_HEADER = (
    "attempt_id",
    "student",
    "question_id",
    "anchor",
    "response",
    "correct",
    "points",
    "answered_at",
)


def _class_scope(class_id: int) -> list:
    return [
        Attempt.user_id.in_(select(Membership.user_id).where(Membership.class_id == class_id)),
        Attempt.quiz_id.in_(select(Assignment.quiz_id).where(Assignment.class_id == class_id)),
        SUBMITTED,
    ]


def _class_attempts(class_id: int) -> list[tuple[int, int]]:
    """(attempt id, user id) of the class's submitted attempts at its assigned quizzes, in id
    order: read through the (user, quiz) index without ORDER BY or LIMIT, which tempted
    PostgreSQL to walk every attempt's primary key instead."""
    return sorted(
        tuple(row)
        for row in db.session.execute(
            select(Attempt.id, Attempt.user_id).where(*_class_scope(class_id))
        )
    )


def _in_batches(query, key, class_id: int) -> Iterator[tuple]:
    """The query's rows for the class's attempts, ATTEMPTS_PER_BATCH attempts per statement:
    no server-side cursor, and the first rows come after one small read. Each row starts with
    its attempt id, and the student's username is put after it from the class's attempts and
    their students read first (by primary key): no statement joins `attempts` or `users`,
    which PostgreSQL answered by hashing every attempt, or every account, in the school."""
    owners = dict(_class_attempts(class_id))
    students = sorted(set(owners.values()))  # by primary key: no scan of the school's users
    names = dict(
        db.session.execute(select(User.id, User.username).where(User.id.in_(students))).all()
    )
    ids = list(owners)
    for start in range(0, len(ids), ATTEMPTS_PER_BATCH):
        batch = query.where(key.in_(ids[start : start + ATTEMPTS_PER_BATCH]))
        for attempt_id, *rest in db.session.execute(batch):
            yield (attempt_id, names.get(owners[attempt_id], ""), *rest)


ATTEMPT_ROWS = (
    select(
        Attempt.id,
        Quiz.title,
        Attempt.attempt_no,
        Attempt.started_at,
        Attempt.submitted_at,
        Attempt.score,
        Attempt.max_score,
        PERCENT,
    )
    .join(Quiz, Quiz.id == Attempt.quiz_id)
    .order_by(Attempt.id)
)
ANSWER_ROWS = select(
    AttemptItem.attempt_id,
    AttemptItem.question_id,
    AttemptItem.snapshot["anchor"].as_string(),
    AttemptItem.response_text,
    AttemptItem.is_correct,
    AttemptItem.points,
    AttemptItem.answered_at,
).order_by(AttemptItem.attempt_id, AttemptItem.position)


def attempt_rows(class_id: int) -> Iterator[tuple]:
    """One row per submitted attempt, read in batches."""
    return _in_batches(ATTEMPT_ROWS, Attempt.id, class_id)


def answer_rows(class_id: int) -> Iterator[tuple]:
    """One row per answer of those attempts, read in batches."""
    return _in_batches(ANSWER_ROWS, AttemptItem.attempt_id, class_id)


def csv_lines(header: tuple, rows: Iterator[tuple]) -> Iterator[str]:
    """CSV text in chunks of `CSV_BATCH` rows, header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for number, row in enumerate(rows, 1):
        writer.writerow(csv_row(row))
        if number % CSV_BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
