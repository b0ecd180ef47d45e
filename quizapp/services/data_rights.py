"""One student's data: export it, delete it, or keep it without the student's identity.

Deleting or purging a submitted attempt takes it out of the item statistics first
(`item_stats.forget`), so the maintained figures still equal a recomputation. Anonymising keeps
every attempt (and so every figure) and replaces what identifies the student. These functions
never commit.
"""

import csv
import io
import json
import secrets
import zipfile
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from quizapp.core.export import csv_row
from quizapp.core.review import describe_response
from quizapp.core.times import utc_iso
from quizapp.models import (
    Attempt,
    LoginFailure,
    Membership,
    QuestionReport,
    ReviewItem,
    SchoolClass,
    User,
    db,
)
from quizapp.models.accounts import new_session_token
from quizapp.services import item_stats

UNUSABLE_PASSWORD = "!"  # not a hash: no password verifies against it
PURGE_BATCH = 200


class DataRightsError(Exception):
    """An account these tools do not act on (a teacher's, an admin's)."""


def _rows(query) -> list[dict]:
    return [dict(row._mapping) for row in db.session.execute(query)]


def _attempt_rows(user_id: int) -> list[dict]:
    attempts = db.session.scalars(
        select(Attempt)
        .where(Attempt.user_id == user_id)
        .order_by(Attempt.started_at, Attempt.id)
        .options(selectinload(Attempt.items), selectinload(Attempt.quiz))
    )
    return [
        {
            "id": a.id,
            "quiz": a.quiz.title,
            "attempt_no": a.attempt_no,
            "status": a.status,
            "started_at": a.started_at,
            "submitted_at": a.submitted_at,
            "score": a.score,
            "max_score": a.max_score,
            "answers": [
                {
                    "position": item.position,
                    "question": item.snapshot.get("prompt", ""),
                    "answer": describe_response(item.snapshot, item.response),
                    "points": item.points,
                    "answered_at": item.answered_at,
                }
                for item in a.items
            ],
        }
        for a in attempts
    ]


def student_data(user: User) -> dict:
    """Everything stored about the student, as plain values."""
    return {
        "account": {
            "id": user.id,
            "username": user.username,
            "role": user.role,
            "is_disabled": user.is_disabled,
            "created_at": user.created_at,
        },
        "memberships": _rows(
            select(SchoolClass.id.label("class_id"), SchoolClass.name, Membership.joined_at)
            .join(Membership, Membership.class_id == SchoolClass.id)
            .where(Membership.user_id == user.id)
            .order_by(Membership.id)
        ),
        "attempts": _attempt_rows(user.id),
        "reports": _rows(
            select(
                QuestionReport.id,
                QuestionReport.question_id,
                QuestionReport.message,
                QuestionReport.is_resolved,
                QuestionReport.created_at,
            )
            .where(QuestionReport.user_id == user.id)
            .order_by(QuestionReport.id)
        ),
        "practice": _rows(
            select(
                ReviewItem.question_id,
                ReviewItem.due_at,
                ReviewItem.step,
                ReviewItem.right_streak,
                ReviewItem.is_done,
            )
            .where(ReviewItem.user_id == user.id)
            .order_by(ReviewItem.id)
        ),
    }


def _plain(value: object) -> object:
    return utc_iso(value) if isinstance(value, datetime) else value


def as_json(data: dict) -> str:
    return json.dumps(data, default=_plain, indent=2, ensure_ascii=False)


def _csv(rows: list[dict]) -> str:
    """The class exports' cells: times in UTC with a Z, and no formula a spreadsheet would run."""
    out = io.StringIO()
    if rows:
        writer = csv.writer(out)
        writer.writerow(list(rows[0]))
        writer.writerows(csv_row(row.values()) for row in rows)
    return out.getvalue()


def as_zip(data: dict) -> bytes:
    """One CSV per table (account, memberships, attempts, answers, reports, practice)."""
    answers = [
        {"attempt_id": a["id"], **answer} for a in data["attempts"] for answer in a["answers"]
    ]
    tables = {
        "account": [data["account"]],
        "memberships": data["memberships"],
        "attempts": [{k: v for k, v in a.items() if k != "answers"} for a in data["attempts"]],
        "answers": answers,
        "reports": data["reports"],
        "practice": data["practice"],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            archive.writestr(f"{name}.csv", _csv(rows))
    return buffer.getvalue()


def _only_students(user: User) -> None:
    if user.role != "student":
        raise DataRightsError("Only student accounts can be deleted or anonymised here.")


def _remove_attempts(attempts) -> int:
    """Delete attempts (with their answers), taking submitted ones out of the statistics."""
    count = 0
    for attempt in attempts:
        if attempt.status == "submitted":
            item_stats.forget(attempt, attempt.items)
        db.session.delete(attempt)
        count += 1
    db.session.flush()
    return count


def delete_student(user: User) -> int:
    """Delete the student and everything of theirs; the number of attempts removed."""
    _only_students(user)
    removed = _remove_attempts(
        db.session.scalars(
            select(Attempt).where(Attempt.user_id == user.id).options(selectinload(Attempt.items))
        )
    )
    for model in (QuestionReport, ReviewItem, Membership):
        db.session.execute(delete(model).where(model.user_id == user.id))
    db.session.execute(delete(LoginFailure).where(LoginFailure.username == user.username))
    db.session.delete(user)
    return removed


def anonymise_student(user: User) -> str:
    """Keep the student's attempts, reports and practice without their identity: a new
    random username, no usable password, no classes, no sessions. The new username."""
    _only_students(user)
    db.session.execute(delete(Membership).where(Membership.user_id == user.id))
    db.session.execute(delete(LoginFailure).where(LoginFailure.username == user.username))
    user.username = f"removed-{secrets.token_hex(8)}"
    user.password_hash = UNUSABLE_PASSWORD
    user.is_disabled = True
    user.session_token = new_session_token()
    return user.username


def purge_attempts(now: datetime, days: int, dry_run: bool) -> int:
    """Delete submitted attempts submitted more than `days` days before `now`; with
    `dry_run`, only count them. The number of attempts (to be) removed."""
    old = select(Attempt).where(
        Attempt.status == "submitted", Attempt.submitted_at < now - timedelta(days=days)
    )
    if dry_run:
        return len(db.session.scalars(old.with_only_columns(Attempt.id)).all())
    removed = 0
    while True:
        batch = db.session.scalars(
            old.order_by(Attempt.id).limit(PURGE_BATCH).options(selectinload(Attempt.items))
        ).all()
        if not batch:
            return removed
        removed += _remove_attempts(batch)
