"""`flask seed` loads the shipped content, and running it again changes nothing."""

from sqlalchemy import func, select

from quizapp.core.quiz_settings import ASSESSMENT, SECTION_CHECK
from quizapp.models import Choice, Question, Quiz, Topic, db
from quizapp.services import content as content_files

from conftest import make_app


def curated(app) -> int:
    """Questions from the content files (the seed also adds generated ones)."""
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(Question).where(Question.origin == "curated")
        )


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Topic, Question, Choice, Quiz)
        }


def test_seed_is_idempotent_and_loads_every_content_file(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        db.create_all()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    after_first = counts(app)
    expected_questions = sum(len(v) for v in content_files.question_files().values())
    assert after_first["Topic"] == len(content_files.topic_files()) >= 6
    assert curated(app) == expected_questions
    second = runner.invoke(args=["seed"])
    assert second.exit_code == 0 and "0 created" in second.output
    assert counts(app) == after_first


def test_seed_update_overwrites_edits_and_plain_seed_keeps_them(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        db.create_all()
    runner = app.test_cli_runner()
    runner.invoke(args=["seed"])
    with app.app_context():
        topic = db.session.scalar(select(Topic).order_by(Topic.position))
        topic.title = "Edited by a teacher"
        db.session.commit()
    runner.invoke(args=["seed"])
    with app.app_context():
        assert (
            db.session.scalar(select(Topic.title).order_by(Topic.position)) == "Edited by a teacher"
        )
    result = runner.invoke(args=["seed", "--update"])
    assert result.exit_code == 0
    with app.app_context():
        assert (
            db.session.scalar(select(Topic.title).order_by(Topic.position)) != "Edited by a teacher"
        )
    assert curated(app) == sum(len(v) for v in content_files.question_files().values())


def test_seeded_quizzes_one_per_section_and_a_whole_story_quiz(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        db.create_all()
    app.test_cli_runner().invoke(args=["seed"])
    with app.app_context():
        slugs = set(db.session.scalars(select(Quiz.slug).where(Quiz.is_published)))
        topics = set(db.session.scalars(select(Topic.slug)))
    assert {f"check-{slug}" for slug in topics} <= slugs
    assert "whole-article" in slugs


def test_seeded_quizzes_say_what_they_are_for(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        db.create_all()
    app.test_cli_runner().invoke(args=["seed"])
    with app.app_context():
        purposes = dict(db.session.execute(select(Quiz.slug, Quiz.purpose)).all())
        checks = {
            quiz.slug: [t.slug for t in quiz.topics]
            for quiz in db.session.scalars(select(Quiz).where(Quiz.purpose == SECTION_CHECK))
        }
    assert checks == {f"check-{t.slug}": [t.slug] for t in content_files.topic_files()}
    assert {purposes[entry["slug"]] for entry in content_files.quiz_file()} == {ASSESSMENT}
