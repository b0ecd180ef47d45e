"""Item statistics maintained as attempts are submitted, in the submit's own transaction.

`record` adds a submitted attempt's answers to the per-quiz, per-question and per-option sums;
`forget` takes them away again. Anything that changes a submitted attempt (a regrade) or
deletes one calls `forget` before the change and, for a regrade, `record` after it; deleting a
question removes its rows by cascade, as its answers leave the recomputed figures too.
`rebuild` recomputes everything from the attempts (`flask stats rebuild`).
"""

from collections import Counter

from sqlalchemy import case, delete, func, insert, select

from quizapp.core.item_analysis import CHOICE_KINDS, AnswerFacts, attempt_sums, chosen_labels
from quizapp.models import Attempt, AttemptItem, ItemStat, OptionStat, QuizStat, db
from quizapp.services.progress import PERCENT, SUBMITTED

ITEM_COLUMNS = ("n", "n_right", "answered", "sum_x", "sum_x2", "sum_x_right")


def _dialect_insert(dialect: str):
    """The dialect's INSERT with ON CONFLICT; imported when used (the PostgreSQL dialect
    module costs start-up time on SQLite installs and on every `flask` command)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert
    return upsert


def record(attempt: Attempt, items, sign: int = 1) -> None:
    """Add a submitted attempt (with its `items`) to the statistics; `sign=-1` takes it away."""
    sums = attempt_sums(
        attempt.score or 0.0,
        attempt.max_score,
        [
            AnswerFacts(
                item.question_id,
                item.snapshot.get("kind", ""),
                item.points,
                item.is_correct,
                item.response_text,
            )
            for item in items
        ],
    )
    scored = sums.percent is not None
    _add(
        QuizStat,
        ("quiz_id",),
        [
            dict(
                quiz_id=attempt.quiz_id,
                attempts=sign,
                scored=sign * scored,
                sum_percent=sign * (sums.percent or 0.0),
            )
        ],
    )
    _add(
        ItemStat,
        ("quiz_id", "question_id"),
        [
            dict(
                quiz_id=attempt.quiz_id,
                question_id=qid,
                **{name: sign * value for name, value in zip(ITEM_COLUMNS, values, strict=True)},
            )
            for qid, values in sums.items
        ],
    )
    _add(
        OptionStat,
        ("quiz_id", "question_id", "text"),
        [
            dict(quiz_id=attempt.quiz_id, question_id=qid, text=text, count=sign * count)
            for qid, text, count in sums.options
        ],
    )


def forget(attempt: Attempt, items) -> None:
    """Take a submitted attempt out of the statistics (before it is regraded or deleted)."""
    record(attempt, items, sign=-1)


def _add(model, keys: tuple[str, ...], rows: list[dict]) -> None:
    """Insert the rows, or add them to the rows already there: one statement."""
    if not rows:
        return
    table = model.__table__
    statement = _dialect_insert(db.session.get_bind().dialect.name)(table).values(rows)
    added = [name for name in rows[0] if name not in keys]
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=list(keys),
            set_={name: table.c[name] + statement.excluded[name] for name in added},
        )
    )


def rebuild() -> dict[str, int]:
    """Recompute every figure from the submitted attempts; rows written per table."""
    for model in (OptionStat, ItemStat, QuizStat):
        db.session.execute(delete(model))
    db.session.execute(
        insert(QuizStat).from_select(
            ["quiz_id", "attempts", "scored", "sum_percent"],
            select(
                Attempt.quiz_id,
                func.count(),
                func.count(PERCENT),
                func.coalesce(func.sum(PERCENT), 0.0),
            )
            .where(SUBMITTED)
            .group_by(Attempt.quiz_id),
        )
    )
    db.session.execute(
        insert(ItemStat).from_select(["quiz_id", "question_id", *ITEM_COLUMNS], _item_sums())
    )
    options = _option_counts()
    if options:
        db.session.execute(
            insert(OptionStat),
            [dict(quiz_id=z, question_id=q, text=t, count=c) for (z, q, t), c in options.items()],
        )
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in (QuizStat, ItemStat, OptionStat)
    }


def _item_sums():
    rest = case(
        (Attempt.max_score > 1, (Attempt.score - AttemptItem.points) / (Attempt.max_score - 1)),
        else_=0.0,
    )
    right = AttemptItem.is_correct.is_(True)
    return (
        select(
            Attempt.quiz_id,
            AttemptItem.question_id,
            func.count(),
            func.sum(case((right, 1), else_=0)),
            func.count(AttemptItem.response_text),
            func.sum(rest),
            func.sum(rest * rest),
            func.sum(case((right, rest), else_=0.0)),
        )
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(SUBMITTED, AttemptItem.question_id.is_not(None))
        .group_by(Attempt.quiz_id, AttemptItem.question_id)
    )


def _option_counts() -> Counter:
    """(quiz, question, option text) -> times chosen, from grouped stored responses."""
    counts: Counter = Counter()
    rows = db.session.execute(
        select(Attempt.quiz_id, AttemptItem.question_id, AttemptItem.response_text, func.count())
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(
            SUBMITTED,
            AttemptItem.question_id.is_not(None),
            AttemptItem.response_text.is_not(None),
            AttemptItem.snapshot["kind"].as_string().in_(CHOICE_KINDS),
        )
        .group_by(Attempt.quiz_id, AttemptItem.question_id, AttemptItem.response_text)
    )
    for quiz_id, question_id, response, count in rows:
        for label in chosen_labels(response):
            counts[quiz_id, question_id, label] += count
    return counts
