"""`flask generate` prints candidates as JSON; `flask seed` ships a reviewed generated quiz."""

import json

import pytest
from article_helpers import TEXT
from sqlalchemy import func, select

from quizapp.models import (
    Article,
    ArticleRevision,
    Choice,
    Question,
    Quiz,
    Topic,
    User,
    db,
)
from quizapp.services.seeding_articles import EXPLAINER_TITLE, QUIZ_TITLE, SEEDED_APPROVED

from attempt_helpers import items, start
from conftest import make_app

KEYS = {"kind", "prompt", "choices", "answer", "tolerance", "source", "score", "checks"}


@pytest.fixture
def runner(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        db.create_all()
    return app.test_cli_runner()


def test_generate_prints_ranked_candidates_as_json(runner, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(args=["generate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.stdout)
    assert len(candidates) >= 10
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True)
    for candidate in candidates:
        assert set(candidate) == KEYS
        assert set(candidate["source"]) == {"start", "end", "sentence"}
        source = candidate["source"]
        assert TEXT[source["start"] : source["end"]] == source["sentence"]
        assert candidate["checks"] and all(isinstance(c, str) for c in candidate["checks"])
        if candidate["kind"] == "numeric":
            assert candidate["choices"] == [] and isinstance(candidate["answer"], float)
        else:
            assert candidate["answer"] is None and candidate["choices"]
            assert all(set(c) == {"text", "is_correct"} for c in candidate["choices"])


def test_generate_limit_keeps_the_best(runner, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    every = json.loads(runner.invoke(args=["generate", str(path), "--format", "json"]).stdout)
    best = runner.invoke(args=["generate", str(path), "--format", "json", "--limit", "3"])
    assert json.loads(best.stdout) == every[:3]
    text = runner.invoke(args=["generate", str(path), "--limit", "2"])
    assert text.exit_code == 0 and text.stdout.startswith("1. [")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The article is empty."),
        (b"\xff\xfe\x00P\x00a", "is not UTF-8 text"),
        (b"<p>one</p><p>two</p>", "looks like HTML"),
    ],
)
def test_generate_refuses_a_bad_file_clearly(runner, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(args=["generate", str(path), "--format", "json"])
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_generate_refuses_a_missing_file_and_a_negative_limit(runner, tmp_path):
    missing = runner.invoke(args=["generate", str(tmp_path / "none.txt")])
    assert missing.exit_code == 2 and "No such file" in missing.output
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    negative = runner.invoke(args=["generate", str(path), "--limit", "-1"])
    assert negative.exit_code == 2 and "--limit" in negative.output


def rows(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Topic, Question, Choice, Quiz, Article, ArticleRevision)
        }


def test_seed_ships_the_explainer_article_with_approved_questions_once(runner):
    app = runner.app
    assert runner.invoke(args=["seed"]).exit_code == 0
    first = rows(app)
    assert runner.invoke(args=["seed"]).exit_code == 0
    assert rows(app) == first
    assert runner.invoke(args=["seed", "--update"]).exit_code == 0
    assert rows(app) == first
    with app.app_context():
        article = db.session.scalar(select(Article).where(Article.title == EXPLAINER_TITLE))
        assert article.created_by_id is None and len(article.revisions) == 1
        generated = db.session.scalars(select(Question).where(Question.origin == "generated"))
        approved = [q for q in generated if q.status == "published"]
        assert len(approved) == SEEDED_APPROVED
        assert all(q.approved_by_id is None and q.approved_at for q in approved)
        assert all(q.generation_checks and q.topic_id and q.anchor for q in approved)
        text = article.revisions[0].text
        assert all(text[q.source_start : q.source_end].strip() for q in approved)
        quiz = db.session.scalar(select(Quiz).where(Quiz.title == QUIZ_TITLE))
        assert quiz.is_published and quiz.article_id == article.id
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_seed_update_follows_a_changed_explainer(runner):
    """An older shipped explainer differs in one approved question's sentence: --update makes
    a new revision, retires that question (nobody reviews it) and approves the next best."""
    app = runner.app
    runner.invoke(args=["seed"])
    with app.app_context():
        revision = db.session.scalar(select(ArticleRevision))
        changed = db.session.scalars(
            select(Question).where(Question.status == "published", Question.origin == "generated")
        ).first()
        at = changed.source_start
        revision.text = revision.text[:at] + "#" + revision.text[at + 1 :]
        changed_id = changed.id
        db.session.commit()
    assert runner.invoke(args=["seed"]).exit_code == 0  # plain seed: left alone
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ArticleRevision)) == 1
    assert runner.invoke(args=["seed", "--update"]).exit_code == 0
    with app.app_context():
        article = db.session.scalar(select(Article).where(Article.title == EXPLAINER_TITLE))
        assert [r.number for r in article.revisions] == [1, 2]
        assert db.session.get(Question, changed_id).status == "retired"
        published = db.session.scalars(
            select(Question).where(Question.origin == "generated", Question.status == "published")
        ).all()
        assert len(published) == SEEDED_APPROVED and changed_id not in {q.id for q in published}
        latest = article.revisions[-1]
        assert all(q.article_revision_id == latest.id and not q.needs_review for q in published)


def test_a_student_can_take_the_seeded_generated_quiz(runner):
    app = runner.app
    runner.invoke(args=["seed"])
    client = app.test_client()
    response = client.post(
        "/register",
        data={
            "username": "sana",
            "password": "a long enough passphrase",
            "confirm": "a long enough passphrase",
        },
    )
    assert response.status_code in (302, 303), response.text
    with app.app_context():
        quiz_id = db.session.scalar(select(Quiz.id).where(Quiz.title == QUIZ_TITLE))
        approved = set(
            db.session.scalars(
                select(Question.id).where(
                    Question.origin == "generated", Question.status == "published"
                )
            )
        )
    assert QUIZ_TITLE in client.get("/quizzes").text
    paper = items(app, start(client, quiz_id))
    assert len(paper) == 10 and {item.question_id for item in paper} <= approved
