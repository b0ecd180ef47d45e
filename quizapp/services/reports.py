"""Teacher reports: item analysis and question reports, from grouped queries (a class's CSV
exports are in `services.class_export`)."""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import case, func, select

from quizapp.core.item_analysis import (
    CHOICE_KINDS,
    ItemReport,
    ItemSums,
    analyse_counted_item,
    label_counts,
    sample_caveat,
)
from quizapp.models import (
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
