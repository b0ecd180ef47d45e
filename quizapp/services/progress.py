"""A student's progress, read with a fixed handful of grouped queries (never one per row).

Used by the student's own dashboard and by a teacher's view of one student in a class.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload
from sqlalchemy.sql import ColumnElement

from quizapp.core.charts import ChartPoint, describe_scores, score_chart
from quizapp.core.quiz_settings import PRACTICE
from quizapp.core.stats import MASTERY_WINDOW, Mastery, duration_minutes, mastery
from quizapp.core.times import to_local
from quizapp.models import Attempt, AttemptItem, Quiz, Topic, db
from quizapp.services.pagination import Page, paginate
from quizapp.services.release import released_quizzes

CHART_POINTS = 30
UTC_ZONE = ZoneInfo("UTC")


def percent_of(score: ColumnElement, max_score: ColumnElement) -> ColumnElement:
    """The SQL expression for an attempt's percentage (NULL when there is no maximum)."""
    return score * 100.0 / func.nullif(max_score, 0)


PERCENT = percent_of(Attempt.score, Attempt.max_score)
SUBMITTED = Attempt.status == "submitted"
NOT_PRACTICE = Quiz.purpose != PRACTICE


@dataclass(frozen=True)
class QuizSummary:
    quiz_id: int
    title: str
    attempts: int
    best: float | None
    last: float | None
    average: float | None
    last_at: datetime


@dataclass(frozen=True)
class AttemptRow:
    id: int
    quiz_title: str
    started_at: datetime
    is_submitted: bool
    percent: float | None
    minutes: int | None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _submitted(user_id: int) -> list:
    """Every submitted attempt's quiz, time and percentage, newest first: chart and per-quiz
    table are both read from this one query."""
    return db.session.execute(
        select(Attempt.quiz_id, Quiz.title, Quiz.purpose, Attempt.submitted_at, PERCENT)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(Attempt.user_id == user_id, SUBMITTED)
        .order_by(Attempt.submitted_at.desc(), Attempt.id.desc())
    ).all()


def chart_points(rows: list) -> list[ChartPoint]:
    """The latest submitted scores (practice excluded), oldest first."""
    scored = [r for r in rows if r.purpose != PRACTICE and r[4] is not None][:CHART_POINTS]
    return [ChartPoint(r.submitted_at, round(r[4], 1), r.title) for r in reversed(scored)]


def quiz_summaries(rows: list) -> list[QuizSummary]:
    """Best, last and average score per quiz, most recently taken first."""
    per_quiz: dict[int, list] = {}
    for row in rows:  # newest first, so each quiz's first row is its last attempt
        per_quiz.setdefault(row.quiz_id, []).append(row)
    summaries = []
    for quiz_rows in per_quiz.values():
        last, scores = quiz_rows[0], [r[4] for r in quiz_rows if r[4] is not None]
        summaries.append(
            QuizSummary(
                last.quiz_id,
                last.title,
                len(quiz_rows),
                _round(max(scores, default=None)),
                _round(last[4]),
                _round(sum(scores) / len(scores) if scores else None),
                last.submitted_at,
            )
        )
    return summaries


def section_mastery(user_id: int, released_by: datetime | None = None) -> list[Mastery]:
    """Share right over the last answers on each explainer section's questions; with
    `released_by`, only of quizzes whose answers are released by then (a student's own view:
    right or wrong on one question would tell a held-back key)."""
    slug = AttemptItem.snapshot["topic_slug"].as_string()
    query = (
        select(
            slug.label("slug"),
            case((AttemptItem.is_correct.is_(True), 1), else_=0).label("right"),
            func.row_number()
            .over(
                partition_by=slug,
                order_by=(Attempt.submitted_at.desc(), Attempt.id.desc(), AttemptItem.position),
            )
            .label("rn"),
        )
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(Attempt.user_id == user_id, SUBMITTED)
    )
    if released_by is not None:
        query = query.join(Quiz, Quiz.id == Attempt.quiz_id).where(released_quizzes(released_by))
    ranked = query.subquery()
    rows = db.session.execute(
        select(ranked.c.slug, Topic.title, func.count(), func.sum(ranked.c.right))
        .outerjoin(Topic, Topic.slug == ranked.c.slug)
        .where(ranked.c.rn <= MASTERY_WINDOW)
        .group_by(ranked.c.slug, Topic.title)
    ).all()
    return mastery([tuple(row) for row in rows])


def attempts_page(user_id: int, page: int, size: int) -> Page:
    """One page of attempts (as `AttemptRow`s), newest first; `page` is clamped."""
    found = paginate(
        select(Attempt)
        .where(Attempt.user_id == user_id)
        .options(joinedload(Attempt.quiz))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc()),
        page,
        size,
    )
    return replace(found, items=[_attempt_row(attempt) for attempt in found.items])


def submitted_attempt(user_id: int, attempt_id: int) -> Attempt | None:
    """The user's attempt `attempt_id` once submitted, with its quiz; else None."""
    attempt = db.session.get(Attempt, attempt_id, options=[joinedload(Attempt.quiz)])
    if attempt is None or attempt.user_id != user_id or attempt.status != "submitted":
        return None
    return attempt


def _attempt_row(attempt: Attempt) -> AttemptRow:
    return AttemptRow(
        id=attempt.id,
        quiz_title=attempt.quiz.title,
        started_at=attempt.started_at,
        is_submitted=attempt.status == "submitted",
        percent=attempt.percent,
        minutes=duration_minutes(attempt.started_at, attempt.submitted_at),
    )


@dataclass(frozen=True)
class Progress:
    chart: Markup
    description: str
    points: list[ChartPoint]
    summaries: list[QuizSummary]
    mastery: list[Mastery]
    mastery_window: int = MASTERY_WINDOW


def student_progress(
    user_id: int,
    title: str,
    id_prefix: str = "scores",
    released_by: datetime | None = None,
    where: ZoneInfo = UTC_ZONE,
) -> Progress:
    """Everything the progress panel shows: chart (with its table), per-quiz and per-section
    (see `section_mastery` for `released_by`). The chart's dates are days in `where`, the
    reader's zone; `points` stay in UTC."""
    rows = _submitted(user_id)
    points = chart_points(rows)
    local = [replace(p, when=to_local(p.when, where).replace(tzinfo=None)) for p in points]
    return Progress(
        # Markup is safe here: score_chart builds the SVG from escaped parts.
        chart=Markup(score_chart(local, title, id_prefix)),  # nosec B704
        description=describe_scores(local),
        points=points,
        summaries=quiz_summaries(rows),
        mastery=section_mastery(user_id, released_by),
    )
