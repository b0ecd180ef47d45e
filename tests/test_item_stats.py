"""Maintained item statistics equal a full recomputation, whatever happened before."""

import itertools
import math
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from quizapp.models import (
    Attempt,
    ItemStat,
    OptionStat,
    Question,
    Quiz,
    QuizStat,
    ReviewItem,
    User,
    db,
)
from quizapp.services import data_rights, item_stats, regrade
from quizapp.services.attempt_start import start_attempt
from quizapp.services.attempts import finish, save_answer
from quizapp.services.reports import item_analysis

from attempt_helpers import right_form, wrong_form
from conftest import make_app, seed_tiny

NOW = datetime(2026, 5, 1, 9, 0)
STUDENTS = ("alice", "bob")
STEP = st.one_of(
    st.tuples(st.just("submit"), st.sampled_from(STUDENTS), st.lists(st.sampled_from("rws"))),
    st.tuples(st.just("regrade"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("delete attempt"), st.integers(0, 50)),
    st.tuples(st.just("delete question"), st.integers(0, 50)),
    st.tuples(st.just("fix a key"), st.integers(0, 50)),
    st.tuples(st.just("delete student"), st.sampled_from(STUDENTS)),
    st.tuples(st.just("purge"), st.integers(1, 2)),
)
_examples = itertools.count()


def _submit(username: str, answers: list[str]) -> None:
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:  # deleted by an earlier step
        return
    quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "all"))
    attempt = start_attempt(user, quiz, NOW)
    db.session.flush()
    for item, answer in zip(attempt.items, answers, strict=False):
        if answer != "s":
            form = right_form(item.snapshot) if answer == "r" else wrong_form(item.snapshot)
            fields = {k: v if isinstance(v, list) else [v] for k, v in form.items()}
            save_answer(attempt, item, fields, str(item.version), NOW)
    assert finish(attempt, NOW)


def _submitted(pick: int) -> Attempt | None:
    attempts = db.session.scalars(
        select(Attempt).where(Attempt.status == "submitted").order_by(Attempt.id)
    ).all()
    return attempts[pick % len(attempts)] if attempts else None


def _regrade(pick: int, position: int) -> None:
    """What a regrade does: the attempt leaves the figures, changes, and comes back."""
    attempt = _submitted(pick)
    if attempt is None:
        return
    items = attempt.items
    item_stats.forget(attempt, items)
    item = items[position % len(items)]
    item.is_correct = not item.is_correct
    item.points = 1.0 if item.is_correct else 0.0
    attempt.score = sum(i.points for i in items)
    db.session.flush()
    item_stats.record(attempt, items)


def _delete_attempt(pick: int) -> None:
    """Deletes the student's latest attempt at the quiz: attempt numbers count attempts."""
    attempt = _submitted(pick)
    if attempt is not None:
        attempt = db.session.scalar(
            select(Attempt)
            .where(Attempt.user_id == attempt.user_id, Attempt.quiz_id == attempt.quiz_id)
            .order_by(Attempt.attempt_no.desc())
            .limit(1)
        )
        item_stats.forget(attempt, attempt.items)
        db.session.delete(attempt)


def _delete_question(pick: int) -> None:
    ids = db.session.scalars(select(Question.id).order_by(Question.id)).all()
    if ids:  # its answers keep their snapshots; the figures leave the question out
        question_id = ids[pick % len(ids)]
        db.session.execute(delete(ReviewItem).where(ReviewItem.question_id == question_id))
        db.session.delete(db.session.get(Question, question_id))


def _fix_a_key(pick: int) -> None:
    """A teacher moves a choice question's key to its next option and regrades."""
    ids = db.session.scalars(
        select(Question.id).where(Question.kind.in_(("single", "true_false"))).order_by(Question.id)
    ).all()
    if not ids:
        return
    question = db.session.get(Question, ids[pick % len(ids)])
    right = [c.is_correct for c in question.choices]
    for choice, is_correct in zip(question.choices, right[-1:] + right[:-1], strict=True):
        choice.is_correct = is_correct
    db.session.flush()
    regrade.apply(question, None, NOW)


def _delete_student(username: str) -> None:
    user = db.session.scalar(select(User).where(User.username == username))
    if user is not None:
        data_rights.delete_student(user)


def _purge(days_later: int) -> None:
    """Purge with a retention of one day, `days_later` days after the attempts."""
    data_rights.purge_attempts(NOW + timedelta(days=days_later), 1, dry_run=False)


def _figures() -> dict:
    return {
        model.__tablename__: sorted(
            tuple(getattr(row, c.name) for c in model.__table__.columns)
            for row in db.session.scalars(select(model))
            if (row.count if model is OptionStat else getattr(row, "n", 1)) != 0
            and getattr(row, "attempts", 1) != 0
        )
        for model in (QuizStat, ItemStat, OptionStat)
    }


def _same(maintained: dict, recomputed: dict) -> bool:
    for table, rows in recomputed.items():
        assert len(maintained[table]) == len(rows), table
        for mine, theirs in zip(maintained[table], rows, strict=True):
            for a, b in zip(mine, theirs, strict=True):
                assert a == b or math.isclose(a, b, abs_tol=1e-9), (table, mine, theirs)
    return True


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=1, max_size=10))
def test_maintained_figures_equal_a_recomputation(tmp_path, steps):
    folder = tmp_path / f"example-{next(_examples)}"
    folder.mkdir()
    app = make_app(folder)
    seed_tiny(app)
    actions = {
        "submit": _submit,
        "regrade": _regrade,
        "delete attempt": _delete_attempt,
        "delete question": _delete_question,
        "fix a key": _fix_a_key,
        "delete student": _delete_student,
        "purge": _purge,
    }
    for action, *arguments in steps:
        with app.app_context():
            actions[action](*arguments)
            db.session.commit()
    with app.app_context():
        quiz_id = db.session.scalar(select(Quiz.id).where(Quiz.slug == "all"))
        maintained, report = _figures(), item_analysis(quiz_id)
        item_stats.rebuild()
        recomputed = _figures()
        assert _same(maintained, recomputed)
        again = item_analysis(quiz_id)
        assert (report.attempts, report.average) == (again.attempts, again.average)
        assert [(i.question_id, i.facility, i.options, i.unanswered) for i in report.items] == [
            (i.question_id, i.facility, i.options, i.unanswered) for i in again.items
        ]
        db.session.rollback()


def test_stats_rebuild_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["stats", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "item_stats: 0 rows" in result.output


def test_the_migration_fills_the_figures_from_earlier_attempts(tmp_path):
    from flask_migrate import downgrade, upgrade

    # SQLite, as test_migrations: `flask db upgrade` on an empty PostgreSQL database is CI's.
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'migrated.sqlite'}")
    with app.app_context():
        upgrade()
    seed_tiny(app)
    with app.app_context():
        _submit("alice", list("rwsrwr"))
        _submit("bob", list("wwrrsr"))
        db.session.commit()
        maintained = _figures()
        db.session.rollback()  # ends the read: PostgreSQL's DROP TABLE would wait for it
        downgrade(revision="8e4f1a2b3c75")
        upgrade()
        assert _same(maintained, _figures())
        db.engine.dispose()
