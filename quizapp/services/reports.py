"""Teacher reports: item analysis, question reports and CSV exports, from grouped queries."""

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import case, func, select

from quizapp.core.export import csv_row
from quizapp.core.stats import (
    CHOICE_KINDS,
    ItemReport,
    ItemSums,
    analyse_counted_item,
    label_counts,
    sample_caveat,
)
from quizapp.models import (
    Assignment,
    Attempt,
    AttemptItem,
    Choice,
    ItemStat,
    Membership,
    OptionStat,
    Question,
    QuestionReport,
    Quiz,
    QuizStat,
    User,
    db,
)
from quizapp.services.progress import NOT_PRACTICE, PERCENT, SUBMITTED

REPORTS_SHOWN = 200
CSV_BATCH = 1000
ATTEMPTS_PER_BATCH = 200


@dataclass(frozen=True)
class QuizAnalysis:
    attempts: int
    average: float | None
    caveat: str
    items: list[ItemReport]


def quiz_overview() -> list[tuple]:
    """(quiz id, title, is published, submitted attempts, average %) for every real quiz."""
    return [
        tuple(row)
        for row in db.session.execute(
            select(
                Quiz.id,
                Quiz.title,
                Quiz.is_published,
                func.coalesce(QuizStat.attempts, 0),
                QuizStat.sum_percent / func.nullif(QuizStat.scored, 0),
            )
            .outerjoin(QuizStat, QuizStat.quiz_id == Quiz.id)
            .where(NOT_PRACTICE)
            .order_by(Quiz.title, Quiz.id)
        )
    ]


def _scope(quiz_id: int, class_id: int | None) -> list:
    scope = [Attempt.quiz_id == quiz_id, SUBMITTED]
    if class_id is not None:
        members = select(Membership.user_id).where(Membership.class_id == class_id)
        scope.append(Attempt.user_id.in_(members))
    return scope


def _item_sums(scope: list) -> dict[int, ItemSums]:
    # The rest score: the attempt's score on the other questions, as a fraction.
    rest = case(
        (Attempt.max_score > 1, (Attempt.score - AttemptItem.points) / (Attempt.max_score - 1)),
        else_=0.0,
    )
    right = AttemptItem.is_correct.is_(True)
    rows = db.session.execute(
        select(
            AttemptItem.question_id,
            func.count(),
            func.sum(case((right, 1), else_=0)),
            func.sum(rest),
            func.sum(rest * rest),
            func.sum(case((right, rest), else_=0.0)),
        )
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(*scope, AttemptItem.question_id.is_not(None))
        .group_by(AttemptItem.question_id)
    )
    return {
        qid: ItemSums(n, k or 0, sx or 0.0, sx2 or 0.0, sxr or 0.0)
        for qid, n, k, sx, sx2, sxr in rows
    }


def _response_groups(scope: list) -> dict[int, list[tuple[str, int]]]:
    groups = defaultdict(list)
    rows = db.session.execute(
        select(AttemptItem.question_id, AttemptItem.response_text, func.count())
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        # The question's kind, not the snapshot's: reading JSON row by row costs more than the
        # primary-key join, and a question keeps its kind.
        .join(Question, Question.id == AttemptItem.question_id)
        .where(*scope, AttemptItem.response_text.is_not(None), Question.kind.in_(CHOICE_KINDS))
        .group_by(AttemptItem.question_id, AttemptItem.response_text)
    )
    for qid, text, count in rows:
        groups[qid].append((text, count))
    return groups


def _questions(ids) -> dict[int, tuple[str, list[tuple[str, bool]]]]:
    """Prompt and, for choice questions, (option text, is correct) in order."""
    found: dict[int, tuple[str, list]] = {}
    rows = db.session.execute(
        select(Question.id, Question.prompt, Question.kind, Choice.text, Choice.is_correct)
        .outerjoin(Choice, Choice.question_id == Question.id)
        .where(Question.id.in_(ids))
        .order_by(Question.id, Choice.position)
    )
    for qid, prompt, kind, text, is_correct in rows:
        _, choices = found.setdefault(qid, (prompt, []))
        if kind in CHOICE_KINDS and text is not None:
            choices.append((text, bool(is_correct)))
    return found


def _maintained(quiz_id: int) -> tuple[int, float | None, dict]:
    """The quiz's maintained figures (services/item_stats.py): a few rows per question."""
    totals = db.session.execute(
        select(QuizStat.attempts, QuizStat.sum_percent / func.nullif(QuizStat.scored, 0)).where(
            QuizStat.quiz_id == quiz_id
        )
    ).first()
    counted = {}
    for qid, n, n_right, answered, sx, sx2, sxr in db.session.execute(
        select(
            ItemStat.question_id,
            ItemStat.n,
            ItemStat.n_right,
            ItemStat.answered,
            ItemStat.sum_x,
            ItemStat.sum_x2,
            ItemStat.sum_x_right,
        ).where(ItemStat.quiz_id == quiz_id, ItemStat.n > 0)
    ):
        counted[qid] = (ItemSums(n, n_right, sx, sx2, sxr), {}, answered)
    for qid, text, count in db.session.execute(
        select(OptionStat.question_id, OptionStat.text, OptionStat.count)
        .where(OptionStat.quiz_id == quiz_id, OptionStat.count > 0)
        .order_by(OptionStat.question_id, OptionStat.text)
    ):
        if qid in counted:
            counted[qid][1][text] = count
    attempts, average = totals if totals and totals[0] else (0, None)
    return attempts, average, counted


def _computed(quiz_id: int, class_id: int) -> tuple[int, float | None, dict]:
    """A class's figures, computed from its members' attempts (an indexed few hundred rows)."""
    scope = _scope(quiz_id, class_id)
    attempts, average = db.session.execute(
        select(func.count(), func.avg(PERCENT)).where(*scope)
    ).one()
    groups = _response_groups(scope)
    counted = {}
    for qid, item in _item_sums(scope).items():
        chosen, answered = label_counts(groups.get(qid, []))
        counted[qid] = (item, chosen, answered)
    return attempts, average, counted


def item_analysis(quiz_id: int, class_id: int | None = None) -> QuizAnalysis:
    """Facility, discrimination and option counts of every question the quiz has shown."""
    if class_id is None:
        attempts, average, counted = _maintained(quiz_id)
    else:
        attempts, average, counted = _computed(quiz_id, class_id)
    questions = _questions(list(counted))
    items = []
    for qid, (item, chosen, answered) in counted.items():
        prompt, choices = questions.get(qid, ("(deleted question)", []))
        items.append(analyse_counted_item(qid, prompt, item, choices, chosen, answered))
    # Questions with warnings first, then the hardest.
    items.sort(key=lambda r: (not r.flags, r.facility or 0, r.question_id))
    average = None if average is None else round(average, 1)
    return QuizAnalysis(attempts, average, sample_caveat(attempts), items)


def question_reports() -> list[tuple[QuestionReport, str, str]]:
    """(report, question prompt, reporter) — open reports first, newest first."""
    return [
        tuple(row)
        for row in db.session.execute(
            select(QuestionReport, Question.prompt, User.username)
            .join(Question, Question.id == QuestionReport.question_id)
            .join(User, User.id == QuestionReport.user_id)
            .order_by(
                QuestionReport.is_resolved,
                QuestionReport.created_at.desc(),
                QuestionReport.id.desc(),
            )
            .limit(REPORTS_SHOWN)
        )
    ]


# --- CSV exports: a class's attempts at its assigned quizzes -----------------------------------

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
