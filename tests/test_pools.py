"""A quiz's pool is loaded once per state of the question bank (quizapp/services/pools.py), and
every change to the bank, through this worker or another, shows in the next paper drawn."""

import pytest
from sqlalchemy import create_engine, select, update

from quizapp.models import Question, Topic, db
from quizapp.services import pools
from quizapp.services.bank import choices_from_fields

from attempt_helpers import items, start
from conftest import logged_in, make_app, quiz_id, seed_tiny


@pytest.fixture
def loads(monkeypatch) -> list[int]:
    """One entry per pool loaded from the database."""
    calls: list[int] = []
    real = pools.quiz_pool

    def counting(quiz):
        calls.append(quiz.id)
        return real(quiz)

    monkeypatch.setattr(pools, "quiz_pool", counting)
    return calls


def _as_another_worker(app, statement) -> None:
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with engine.begin() as connection:
        connection.execute(statement)
    engine.dispose()


def _prompts(app, attempt_id: int) -> set[str]:
    return {item.snapshot["prompt"] for item in items(app, attempt_id)}


def test_starts_share_one_load_of_an_unchanged_pool(app, student, other_student, loads):
    first, second = start(student, quiz_id(app)), start(other_student, quiz_id(app))
    assert loads == [quiz_id(app)]
    assert _prompts(app, first) == _prompts(app, second)


def test_a_question_edited_by_another_worker_is_in_the_next_paper(app, student, other_student):
    start(student, quiz_id(app))
    with app.app_context():
        question_id = db.session.scalar(select(Question.id).order_by(Question.id))
    _as_another_worker(app, update(Question).where(Question.id == question_id).values(
        prompt="CANARY edited elsewhere?", version=Question.version + 1))  # fmt: skip
    assert "CANARY edited elsewhere?" in _prompts(app, start(other_student, quiz_id(app)))


def test_a_retired_question_leaves_the_pool(app, student, other_student):
    before = _prompts(app, start(student, quiz_id(app)))
    with app.app_context():
        question = db.session.scalar(select(Question).order_by(Question.id))
        question.status = "retired"
        retired = question.prompt
        db.session.commit()
    after = _prompts(app, start(other_student, quiz_id(app)))
    assert retired in before and retired not in after and after < before


def test_new_choices_are_in_the_next_paper(app, student, other_student):
    start(student, quiz_id(app))
    with app.app_context():
        question = db.session.scalar(
            select(Question).where(Question.kind == "single").order_by(Question.id)
        )
        question.choices = choices_from_fields("single", {"choices": [
            {"text": "CANARY new choice", "correct": True}, {"text": "Another", "correct": False}
        ]})  # fmt: skip
        db.session.commit()
    paper = items(app, start(other_student, quiz_id(app)))
    texts = {option["text"] for item in paper for option in item.snapshot["options"]}
    assert "CANARY new choice" in texts


def test_a_renamed_section_is_in_the_next_paper(app, student, other_student):
    start(student, quiz_id(app))
    with app.app_context():
        db.session.scalar(select(Topic)).slug = "renamed-border"
        db.session.commit()
    paper = items(app, start(other_student, quiz_id(app)))
    assert {item.snapshot["topic_slug"] for item in paper} == {"renamed-border"}


def test_without_the_pool_cache_every_start_loads(tmp_path, loads):
    app = make_app(tmp_path, POOL_CACHE=False)
    seed_tiny(app)
    for name in ("alice", "bob"):
        start(logged_in(app, name), quiz_id(app))
    assert len(loads) == 2
