"""Which quizzes draw a question (questions.use), and the seeded bank's split between graded
quizzes and the unlimited section checks."""

import io
import json
import random

import pytest
from sqlalchemy import select

from quizapp.core.assembly import draw_paper
from quizapp.core.paper_rules import clashing_pairs
from quizapp.core.question_use import BOTH, CHECK, GRADED, USES, uses_for
from quizapp.core.quiz_settings import ASSESSMENT, PRACTICE, SECTION_CHECK
from quizapp.models import Question, Quiz, db
from quizapp.services import content as content_files
from quizapp.services.bank import quiz_pool

from attempt_helpers import items, start
from conftest import make_app, quiz_id


def test_section_checks_draw_check_questions_and_everything_else_graded_ones():
    assert uses_for(SECTION_CHECK) == (CHECK, BOTH)
    assert uses_for(ASSESSMENT) == (GRADED, BOTH) == uses_for(PRACTICE)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("seeded"))
    with app.app_context():
        db.create_all()
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    yield app
    with app.app_context():
        db.engine.dispose()


def pools(app) -> dict[str, tuple[str, set[int], int]]:
    """Quiz slug → (purpose, ids of its pool, question count), for every seeded quiz."""
    with app.app_context():
        return {
            quiz.slug: (quiz.purpose, {q.id for q in quiz_pool(quiz)}, quiz.question_count)
            for quiz in db.session.scalars(select(Quiz))
        }


def test_seeded_graded_quizzes_and_section_checks_draw_from_disjoint_questions(seeded):
    found = pools(seeded)
    graded = {slug: ids for slug, (purpose, ids, _) in found.items() if purpose == ASSESSMENT}
    checks = {slug: ids for slug, (purpose, ids, _) in found.items() if purpose == SECTION_CHECK}
    assert len(checks) == len(content_files.topic_files()) and len(graded) >= 2
    for check, check_ids in checks.items():
        assert check_ids, f"{check} draws nothing"
        for quiz, quiz_ids in graded.items():
            assert not quiz_ids & check_ids, f"{quiz} and {check} share questions"


def test_every_section_check_fills_a_paper_that_gives_nothing_away(seeded):
    with seeded.app_context():
        for quiz in db.session.scalars(select(Quiz).where(Quiz.purpose == SECTION_CHECK)):
            pool = quiz_pool(quiz)
            for seed in range(50):
                paper = draw_paper(pool, quiz.question_count, random.Random(seed))
                assert len(paper) == quiz.question_count, quiz.slug
                assert clashing_pairs(paper) == [], quiz.slug


def test_seeded_questions_say_what_they_are_for():
    marked = [q.get("use", GRADED) for qs in content_files.question_files().values() for q in qs]
    assert set(marked) <= {GRADED, CHECK}  # "both" would put a check question in a graded pool
    assert set(marked) <= set(USES) and marked.count(CHECK) >= 5 * len(content_files.topic_files())


def test_a_section_check_draws_only_questions_marked_for_checks(app):
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "all"))
        questions = {q.key: q for q in db.session.scalars(select(Question))}
        questions["t-single"].use, questions["t-tf"].use = CHECK, BOTH
        quiz.purpose = SECTION_CHECK
        assert {q.id for q in quiz_pool(quiz)} == {questions["t-single"].id, questions["t-tf"].id}
        quiz.purpose = ASSESSMENT
        assert questions["t-single"].id not in {q.id for q in quiz_pool(quiz)}
        assert questions["t-tf"].id in {q.id for q in quiz_pool(quiz)}
        db.session.rollback()


def test_a_paper_that_cannot_keep_clashing_questions_apart_is_filled_and_logged(
    app, student, caplog
):
    # The tiny bank's short answer "Torkham" is an option of the multiple-select question, and
    # the numeric key 1893 is in the true/false statement: seven questions cannot avoid both.
    attempt_id = start(student, quiz_id(app))
    assert len(items(app, attempt_id)) == 7
    assert "a paper holds giveaway pairs" in caplog.text


def test_the_question_bank_export_carries_each_questions_use(app, admin):
    with app.app_context():
        db.session.scalar(select(Question).where(Question.key == "t-tf")).use = CHECK
        db.session.commit()
    doc = admin.get("/admin/backup.json").json
    assert {q["key"]: q["use"] for q in doc["questions"]}["t-tf"] == CHECK
    with app.app_context():
        db.session.scalar(select(Question).where(Question.key == "t-tf")).use = GRADED
        db.session.commit()
    data = {"backup": (io.BytesIO(json.dumps(doc).encode()), "backup.json")}
    assert admin.post("/admin/restore", data=data).status_code == 303
    with app.app_context():
        assert db.session.scalar(select(Question.use).where(Question.key == "t-tf")) == CHECK
