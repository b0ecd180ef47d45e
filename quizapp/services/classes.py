"""Classes: membership, assignments and the gradebook, read with grouped queries."""

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from quizapp.core.classes import join_code_expiry, new_join_code
from quizapp.core.stats import assignment_status
from quizapp.core.tables import Sort, read_sort, sorted_rows
from quizapp.models import Assignment, Attempt, Membership, Quiz, SchoolClass, User, db
from quizapp.services.accommodations import accommodations_of, student_due_at
from quizapp.services.progress import NOT_PRACTICE, PERCENT, SUBMITTED

CODE_TRIES = 5


@dataclass(frozen=True)
class AssignmentStatus:
    """One assigned quiz as one student stands with it."""

    assignment_id: int
    quiz_id: int
    quiz_title: str
    is_open: bool
    due_at: datetime | None
    status: str
    attempts: int = 0
    best: float | None = None
    last: float | None = None


@dataclass
class ClassCard:
    id: int
    name: str
    assignments: list[AssignmentStatus] = field(default_factory=list)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# --- students ----------------------------------------------------------------------------------


def is_member(class_id: int, user_id: int) -> bool:
    return (
        db.session.scalar(
            select(Membership.id).where(
                Membership.class_id == class_id, Membership.user_id == user_id
            )
        )
        is not None
    )


def _my_scores(user_id: int):
    """Per quiz: the student's submitted attempts, best score and first submission."""
    return (
        select(
            Attempt.quiz_id,
            func.count().label("n"),
            func.max(PERCENT).label("best"),
            func.min(Attempt.submitted_at).label("first_at"),
        )
        .where(Attempt.user_id == user_id, SUBMITTED)
        .group_by(Attempt.quiz_id)
        .subquery()
    )


def my_classes(user_id: int, now: datetime, class_id: int | None = None) -> list[ClassCard]:
    """The student's classes with each assignment's status, in one query."""
    mine = _my_scores(user_id)
    query = (
        select(SchoolClass.id, SchoolClass.name, Assignment, Quiz.title, Quiz.is_published)
        .add_columns(mine.c.n, mine.c.best, mine.c.first_at, Quiz.time_limit_minutes)
        .join(Membership, Membership.class_id == SchoolClass.id)
        .outerjoin(Assignment, Assignment.class_id == SchoolClass.id)
        .outerjoin(Quiz, Quiz.id == Assignment.quiz_id)
        .outerjoin(mine, mine.c.quiz_id == Assignment.quiz_id)
        .where(Membership.user_id == user_id)
        .order_by(SchoolClass.name, SchoolClass.id, Assignment.due_at, Assignment.id)
    )
    if class_id is not None:
        query = query.where(SchoolClass.id == class_id)
    cards: dict[int, ClassCard] = {}
    extra = accommodations_of([user_id])[user_id]
    for cid, name, assignment, title, published, n, best, first_at, limit in db.session.execute(
        query
    ):
        card = cards.setdefault(cid, ClassCard(cid, name))
        if assignment is not None:
            due = student_due_at(assignment.due_at, limit, extra)
            status = assignment_status(due, first_at, now)
            card.assignments.append(
                AssignmentStatus(
                    assignment.id,
                    assignment.quiz_id,
                    title,
                    published,
                    assignment.due_at,
                    status,
                    n or 0,
                    _round(best),
                )
            )
    return list(cards.values())


def join_class(class_id: int, user_id: int) -> bool:
    """Add the student to the class; False when they are in it already."""
    if is_member(class_id, user_id):
        return False
    db.session.add(Membership(class_id=class_id, user_id=user_id))
    return True


def class_by_code(code: str) -> SchoolClass | None:
    return db.session.scalar(select(SchoolClass).where(SchoolClass.join_code == code))


# --- teachers ----------------------------------------------------------------------------------


def class_for_teacher(user: User, class_id: int) -> SchoolClass:
    """The class if `user` teaches it (admins: any class); 404 otherwise."""
    found = db.session.get(SchoolClass, class_id)
    if found is None or not (user.is_admin or found.teacher_id == user.id):
        abort(404)
    return found


def teacher_classes(user: User) -> list[tuple[SchoolClass, int, int]]:
    """(class, members, assignments) for the classes `user` teaches (admins: all)."""
    members = select(func.count()).where(Membership.class_id == SchoolClass.id).scalar_subquery()
    assigned = select(func.count()).where(Assignment.class_id == SchoolClass.id).scalar_subquery()
    query = select(SchoolClass, members, assigned).order_by(SchoolClass.name, SchoolClass.id)
    if not user.is_admin:
        query = query.where(SchoolClass.teacher_id == user.id)
    return [tuple(row) for row in db.session.execute(query)]


def fresh_join_code(now: datetime, days: int) -> tuple[str, datetime]:
    """A join code no class uses yet, and its expiry."""
    rng = secrets.SystemRandom()
    for _ in range(CODE_TRIES):
        code = new_join_code(rng)
        if class_by_code(code) is None:
            return code, join_code_expiry(now, days)
    raise RuntimeError("could not find an unused join code")  # 30^8 codes: never in practice


def class_members(class_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.class_id == class_id)
            .order_by(User.username)
        )
    )


def class_assignments(class_id: int) -> list[Assignment]:
    return list(
        db.session.scalars(
            select(Assignment)
            .join(Quiz, Quiz.id == Assignment.quiz_id)
            .where(Assignment.class_id == class_id, NOT_PRACTICE)
            .order_by(Assignment.due_at, Assignment.id)
            .options(contains_eager(Assignment.quiz))
        )
    )


def assign_quiz(class_id: int, quiz_id: int, due_at: datetime | None) -> bool:
    """Give the class a quiz, or change its due date; True when it is newly assigned."""
    existing = db.session.scalar(
        select(Assignment).where(Assignment.class_id == class_id, Assignment.quiz_id == quiz_id)
    )
    if existing is not None:
        existing.due_at = due_at
        return False
    db.session.add(Assignment(class_id=class_id, quiz_id=quiz_id, due_at=due_at))
    return True


def assignable_quizzes() -> list[tuple[int, str]]:
    """Published quizzes a class can be given: never the hidden practice quiz."""
    return [
        tuple(row)
        for row in db.session.execute(
            select(Quiz.id, Quiz.title).where(Quiz.is_published, NOT_PRACTICE).order_by(Quiz.title)
        )
    ]


# --- gradebook ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gradebook:
    assignments: list[Assignment]
    rows: list[tuple[User, list[AssignmentStatus]]]


def _cells(class_id: int) -> dict[tuple[int, int], tuple]:
    """(student, quiz) -> (attempts, best, last, first submitted) for the class's assignments."""
    cell = (Attempt.user_id, Attempt.quiz_id)
    ranked = (
        select(
            Attempt.user_id,
            Attempt.quiz_id,
            PERCENT.label("pct"),
            func.row_number()
            .over(partition_by=cell, order_by=(Attempt.submitted_at.desc(), Attempt.id.desc()))
            .label("rn"),
            func.count().over(partition_by=cell).label("n"),
            func.max(PERCENT).over(partition_by=cell).label("best"),
            func.min(Attempt.submitted_at).over(partition_by=cell).label("first_at"),
        )
        .where(
            Attempt.user_id.in_(select(Membership.user_id).where(Membership.class_id == class_id)),
            Attempt.quiz_id.in_(select(Assignment.quiz_id).where(Assignment.class_id == class_id)),
            SUBMITTED,
        )
        .subquery()
    )
    rows = db.session.execute(
        select(
            ranked.c.user_id,
            ranked.c.quiz_id,
            ranked.c.n,
            ranked.c.best,
            ranked.c.pct,
            ranked.c.first_at,
        ).where(ranked.c.rn == 1)
    )
    return {(uid, qid): (n, best, last, first_at) for uid, qid, n, best, last, first_at in rows}


def gradebook(class_id: int, now: datetime) -> Gradebook:
    """Students × assigned quizzes: attempts, best and last score, and done/late/missing."""
    assignments = class_assignments(class_id)
    cells = _cells(class_id)
    students = class_members(class_id)
    extra = accommodations_of([s.id for s in students])
    rows = []
    for student in students:
        row = []
        for a in assignments:
            n, best, last, first_at = cells.get((student.id, a.quiz_id), (0, None, None, None))
            due = student_due_at(a.due_at, a.quiz.time_limit_minutes, extra[student.id])
            row.append(
                AssignmentStatus(
                    a.id,
                    a.quiz_id,
                    a.quiz.title,
                    a.quiz.is_published,
                    a.due_at,
                    assignment_status(due, first_at, now),
                    n,
                    _round(best),
                    _round(last),
                )
            )
        rows.append((student, row))
    return Gradebook(assignments, rows)


def sorted_gradebook(
    book: Gradebook, column: str | None, direction: str | None
) -> tuple[Sort, list]:
    """(sort, rows): by student name, or by the best score of one assignment (`a<id>`);
    an unknown column sorts by name. Students without a score come last."""
    columns = {f"a{a.id}": n for n, a in enumerate(book.assignments)}
    sort: Sort = read_sort(column, direction, ["student", *columns], Sort("student"))
    if sort.column == "student":
        return sort, sorted_rows(book.rows, lambda r: r[0].username.lower(), sort.descending)
    n = columns[sort.column]
    return sort, sorted_rows(book.rows, lambda r: r[1][n].best, sort.descending)
