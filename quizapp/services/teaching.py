"""The teaching home: what needs a teacher's attention this week, from a few grouped queries."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from quizapp.models import (
    Assignment,
    Attempt,
    Membership,
    Question,
    QuestionReport,
    Quiz,
    SchoolClass,
    User,
    db,
)
from quizapp.models.content import Article, ArticleRevision

SHOWN = 5  # rows per list on the home page; the count says how many there are in all


@dataclass(frozen=True)
class DueAssignment:
    class_id: int
    class_name: str
    quiz_title: str
    due_at: datetime
    done: int  # students with a submitted attempt
    members: int


@dataclass(frozen=True)
class RecentResult:
    attempt_id: int
    class_id: int
    student_id: int
    student: str
    quiz_title: str
    percent: float | None
    submitted_at: datetime


@dataclass(frozen=True)
class Attention:
    reports: list[tuple[int, str]]  # (question id, prompt) of open reports
    report_count: int
    drafts: list[tuple[int, str, int]]  # (article id, title, drafts to review)
    draft_count: int
    due: list[DueAssignment]
    recent: list[RecentResult]


def _class_filter(user: User, query):
    return query if user.is_admin else query.where(SchoolClass.teacher_id == user.id)


def open_reports() -> tuple[list[tuple[int, str]], int]:
    """Open question reports, newest first, and how many there are."""
    where = QuestionReport.is_resolved.is_(False)
    count = db.session.scalar(select(func.count()).select_from(QuestionReport).where(where))
    rows = db.session.execute(
        select(Question.id, Question.prompt)
        .join(QuestionReport, QuestionReport.question_id == Question.id)
        .where(where)
        .order_by(QuestionReport.created_at.desc(), QuestionReport.id.desc())
        .limit(SHOWN)
    )
    return [tuple(row) for row in rows], count or 0


def drafts_to_review(user: User) -> tuple[list[tuple[int, str, int]], int]:
    """Articles `user` may review (their own and unowned ones; admins: all) with generated
    questions waiting for a decision, most waiting first."""
    waiting = func.count(Question.id)
    query = (
        select(Article.id, Article.title, waiting)
        .join(ArticleRevision, ArticleRevision.article_id == Article.id)
        .join(Question, Question.article_revision_id == ArticleRevision.id)
        .where(or_(Question.status == "draft", Question.needs_review.is_(True)))
        .where(Question.status != "retired")
        .group_by(Article.id, Article.title)
        .order_by(waiting.desc(), Article.id)
    )
    if not user.is_admin:
        query = query.where(or_(Article.created_by_id == user.id, Article.created_by_id.is_(None)))
    found = [tuple(row) for row in db.session.execute(query)]
    return found[:SHOWN], sum(row[2] for row in found)


def due_this_week(user: User, now: datetime) -> list[DueAssignment]:
    """Assignments of `user`'s classes due in the next seven days, soonest first."""
    members = select(func.count()).where(Membership.class_id == SchoolClass.id).scalar_subquery()
    done = (
        select(func.count(func.distinct(Attempt.user_id)))
        .join(Membership, Membership.user_id == Attempt.user_id)
        .where(Membership.class_id == SchoolClass.id, Attempt.quiz_id == Assignment.quiz_id)
        .where(Attempt.status == "submitted")
        .scalar_subquery()
    )
    query = (
        select(SchoolClass.id, SchoolClass.name, Quiz.title, Assignment.due_at, done, members)
        .join(Assignment, Assignment.class_id == SchoolClass.id)
        .join(Quiz, Quiz.id == Assignment.quiz_id)
        .where(Assignment.due_at >= now, Assignment.due_at < now + timedelta(days=7))
        .order_by(Assignment.due_at, SchoolClass.name)
        .limit(SHOWN * 2)
    )
    return [DueAssignment(*row) for row in db.session.execute(_class_filter(user, query))]


def recent_results(user: User) -> list[RecentResult]:
    """The latest submitted attempts by students of `user`'s classes."""
    query = (
        select(Attempt, SchoolClass.id, User.username, Quiz.title)
        .join(Membership, Membership.user_id == Attempt.user_id)
        .join(SchoolClass, SchoolClass.id == Membership.class_id)
        .join(User, User.id == Attempt.user_id)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(Attempt.status == "submitted")
        .order_by(Attempt.submitted_at.desc(), Attempt.id.desc())
        .limit(SHOWN * 2)
    )
    return [
        RecentResult(
            a.id, class_id, a.user_id, name, title, a.percent, a.submitted_at or a.started_at
        )
        for a, class_id, name, title in db.session.execute(_class_filter(user, query))
    ]


def attention(user: User, now: datetime) -> Attention:
    """Everything the teaching home lists for `user`."""
    reports, report_count = open_reports()
    drafts, draft_count = drafts_to_review(user)
    return Attention(
        reports, report_count, drafts, draft_count, due_this_week(user, now), recent_results(user)
    )
