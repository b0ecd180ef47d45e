"""JSON backup and restore: round trip, matching by slug and key, all-or-nothing."""

import io
import json

import pytest
from admin_helpers import flashes, question_by_key
from sqlalchemy import delete, func, select

from quizapp.models import Choice, Question, Quiz, Topic, db, quiz_topic
from quizapp.services.bank import fields_from_question

from conftest import login, make_app, seed_tiny


def restore(client, doc, name: str = "backup.json"):
    data = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    return client.post(
        "/admin/restore",
        data={"backup": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def backup(client) -> dict:
    response = client.get("/admin/backup.json")
    assert response.mimetype == "application/json"
    assert 'filename="quizapp-question-bank-' in response.headers["Content-Disposition"]
    return response.json


def _counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Topic, Question, Quiz)
        )


def _snapshot(app) -> dict:
    with app.app_context():
        questions = {
            q.key: (fields_from_question(q), q.status, q.origin, q.topic.slug if q.topic else None)
            for q in db.session.scalars(select(Question))
        }
        quizzes = {
            z.slug: (z.title, z.question_count, [t.slug for t in z.topics])
            for z in db.session.scalars(select(Quiz))
        }
        topics = {t.slug: (t.title, t.body) for t in db.session.scalars(select(Topic))}
        return {"questions": questions, "quizzes": quizzes, "topics": topics}


def test_backup_contains_topics_questions_and_quizzes(teacher):
    doc = backup(teacher)
    assert (doc["format"], doc["version"]) == ("quizapp-question-bank", 2)
    assert [t["slug"] for t in doc["topics"]] == ["border"]
    assert len(doc["questions"]) == 7 and doc["quizzes"][0]["slug"] == "all"
    numeric = next(q for q in doc["questions"] if q["key"] == "t-numeric")
    assert (numeric["answer"], numeric["tolerance"], numeric["topic"]) == (1893.0, 0.0, "border")


def test_restore_into_an_empty_site_recreates_everything(admin, app, tmp_path):
    doc = backup(admin)
    other_path = tmp_path / "other"
    other_path.mkdir()
    other = make_app(other_path)
    seed_tiny(other)
    with other.app_context():
        db.session.execute(delete(quiz_topic))
        for model in (Choice, Question, Quiz, Topic):
            db.session.execute(delete(model))
        db.session.commit()
    client = other.test_client()
    login(client, "ada")
    response = restore(client, doc)
    assert response.headers["Location"] == "/admin/gift"
    assert "Question bank restored: 9 created, 0 updated." in flashes(
        client.get("/admin/gift").text
    )
    assert _snapshot(other) == _snapshot(app)
    with other.app_context():
        db.engine.dispose()


def test_restore_matches_by_key_and_slug_and_updates(admin, app):
    doc = backup(admin)
    doc["questions"][0]["prompt"] = "Which line is the border? (revised)"
    doc["quizzes"][0]["title"] = "Everything, revised"
    doc["topics"][0]["title"] = "The border, revised"
    response = restore(admin, doc)
    assert response.status_code == 303
    assert "Question bank restored: 0 created, 9 updated." in flashes(admin.get("/admin/gift").text)
    assert _counts(app) == (1, 7, 1)
    single = question_by_key(app, "t-single")
    assert single.prompt == "Which line is the border? (revised)" and single.version == 2
    snapshot = _snapshot(app)
    assert snapshot["quizzes"]["all"][0] == "Everything, revised"
    assert snapshot["topics"]["border"][0] == "The border, revised"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "This is not a quizapp question-bank export."),
        (lambda d: d.update(version=9), "Unknown export version 9."),
        (
            lambda d: d["questions"][0]["choices"][1].update(correct=True),
            "questions[1] (t-single): choices: Mark exactly one option as correct (now 2).",
        ),
        (
            lambda d: d["questions"][1].update(topic="nowhere"),
            "questions[2] (t-multiple): unknown section &#39;nowhere&#39;.",
        ),
        (
            lambda d: d["questions"][2].update(kind="single"),
            "questions[3] (t-tf): choices: Give at least 2 options.",
        ),
        (
            lambda d: d["questions"][3].update(status="deleted"),
            "questions[4] (t-short): status must be one of draft, published, retired.",
        ),
        (
            lambda d: d["questions"][4].update(key="t-single"),
            "questions: two questions share a key.",
        ),
        (
            lambda d: d["quizzes"][0].update(topic_quotas={"border": 99}),
            "quizzes[1] (all): The quotas add up to 99, more than the 7 questions.",
        ),
        (
            lambda d: d["quizzes"][0].update(opens_at="soon"),
            "quizzes[1] (all): &#39;soon&#39; is not a date and time (ISO 8601).",
        ),
        (
            lambda d: d["topics"][0].update(slug="Bad Slug"),
            "topics[1]: the slug must be lowercase letters, digits and dashes.",
        ),
        (lambda d: d.update(topics="none"), "topics: expected a list of objects."),
    ],
)
def test_a_bad_backup_restores_nothing(admin, app, change, message):
    doc = backup(admin)
    doc["questions"][0]["prompt"] = "This edit must not be saved"
    change(doc)
    before = _snapshot(app)
    response = restore(admin, doc)
    assert response.status_code == 422
    assert "Nothing was restored" in response.text and f"<li>{message}</li>" in response.text
    assert _snapshot(app) == before


def test_a_key_of_another_kind_is_refused(admin, app):
    doc = backup(admin)
    doc["questions"] = [dict(doc["questions"][2], key="t-single")]  # a true/false as t-single
    response = restore(admin, doc)
    assert response.status_code == 422
    assert "the bank&#39;s question with this key is a single question" in response.text
    assert question_by_key(app, "t-single").kind == "single"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"{not json", "backup.json", "The file is not valid JSON (line 1"),
        (b"\xff\xfe", "backup.json", "The file is not UTF-8 text."),
        (b"{}", "backup.txt", "Upload a .json question-bank export made by this site."),
    ],
)
def test_unreadable_backup_files(admin, app, data, name, message):
    response = restore(admin, data, name)
    assert response.status_code == 422 and message in response.text
    assert _counts(app) == (1, 7, 1)


def test_rows_without_key_or_slug_are_added(admin, app):
    doc = backup(admin)
    keyless = dict(doc["questions"][2], key=None, prompt="A question without a key.")
    slugless = dict(doc["quizzes"][0], slug=None, title="A quiz without a slug")
    response = restore(admin, {**doc, "questions": [keyless], "quizzes": [slugless]})
    assert response.status_code == 303
    assert "Question bank restored: 2 created, 1 updated." in flashes(admin.get("/admin/gift").text)
    assert _counts(app) == (1, 8, 2)


# --- review finding 10: restoring an export twice duplicates nothing, articles included -------


def _generated_bank(app) -> None:
    """An article with a revision and generated questions that point at spans of it."""
    from quizapp.models import Article, ArticleRevision
    from quizapp.services.bank import question_from_fields

    text = "Pakistan struck Kabul and Kandahar in February 2026. Kabul denied it."
    with app.app_context():
        article = Article(title="The strikes", source_url="https://example.org/strikes")
        revision = ArticleRevision(article=article, number=1, text=text)
        for n in range(3):
            fields = {
                "kind": "true_false",
                "prompt": f"Generated statement {n}.",
                "answer": n % 2 == 0,
                "explanation": "From the article.",
            }
            question = question_from_fields(fields, None, status="draft", origin="generated")
            question.article_revision, question.source_start, question.source_end = revision, 0, 9
            db.session.add(question)
        db.session.commit()


def _bank_counts(app) -> tuple[int, int, int]:
    from quizapp.models import Article, ArticleRevision

    with app.app_context():
        return tuple(
            db.session.scalar(select(func.count()).select_from(model))
            for model in (Question, Article, ArticleRevision)
        )


def test_restoring_the_same_export_twice_changes_nothing(admin, app):
    _generated_bank(app)
    doc = backup(admin)
    assert len(doc["articles"]) == 1 and doc["articles"][0]["revisions"][0]["number"] == 1
    assert all(q["key"] for q in doc["questions"])  # generated ones too
    before = _bank_counts(app)
    for _ in range(2):
        assert restore(admin, doc).status_code == 303
        assert _bank_counts(app) == before


def test_an_export_restored_into_an_empty_bank_brings_back_articles_and_sources(
    admin, app, tmp_path
):
    _generated_bank(app)
    doc = backup(admin)
    (tmp_path / "other").mkdir()
    other = make_app(tmp_path / "other")
    seed_tiny(other)
    with other.app_context():
        db.session.execute(delete(quiz_topic)), db.session.execute(delete(Quiz))
        db.session.execute(delete(Choice)), db.session.execute(delete(Question))
        db.session.commit()
    client = other.test_client()
    login(client, "ada")
    assert restore(client, doc).status_code == 303
    from quizapp.models import Article

    with other.app_context():
        generated = db.session.scalars(
            select(Question).where(Question.origin == "generated").order_by(Question.prompt)
        ).all()
        assert len(generated) == 3
        assert {q.article_revision.article.title for q in generated} == {"The strikes"}
        assert [(q.source_start, q.source_end) for q in generated] == [(0, 9)] * 3
        assert db.session.scalar(select(func.count()).select_from(Article)) == 1


def test_a_source_outside_the_articles_text_restores_nothing(admin, app):
    _generated_bank(app)
    doc = backup(admin)
    generated = next(q for q in doc["questions"] if q["source"])
    generated["source"]["end"] = 10_000
    before = _bank_counts(app)
    response = restore(admin, doc)
    assert response.status_code == 422
    assert "its source span is not inside the article" in response.text
    assert _bank_counts(app) == before


def _aim_at_classes_with_slots(app) -> None:
    """The seeded quiz: for its classes only, with a hand-picked question and a draw of two."""
    from quizapp.models import QuizSlot

    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "all"))
        topic = db.session.scalar(select(Topic).where(Topic.slug == "border"))
        picked = db.session.scalar(select(Question).where(Question.key == "t-numeric"))
        quiz.audience, quiz.question_count = "classes", 0
        quiz.slots = [
            QuizSlot(position=1, question_id=picked.id, count=1),
            QuizSlot(position=2, topic_id=topic.id, kind="single", difficulty=None, count=2),
        ]
        db.session.commit()


def _quiz_shape(app) -> tuple:
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "all"))
        keys = dict(db.session.execute(select(Question.id, Question.key)).all())
        slugs = dict(db.session.execute(select(Topic.id, Topic.slug)).all())
        slots = [
            (keys.get(s.question_id), slugs.get(s.topic_id), s.kind, s.difficulty, s.count)
            for s in quiz.slots
        ]
        return quiz.audience, quiz.question_count, slots


def test_a_quiz_keeps_its_audience_and_hand_picked_questions_through_export_and_restore(
    admin, app, tmp_path
):
    _aim_at_classes_with_slots(app)
    doc = backup(admin)
    other_path = tmp_path / "other"
    other_path.mkdir()
    other = make_app(other_path)
    seed_tiny(other)
    with other.app_context():
        db.session.execute(delete(quiz_topic))
        for model in (Choice, Question, Quiz, Topic):
            db.session.execute(delete(model))
        db.session.commit()
    client = other.test_client()
    login(client, "ada")
    assert restore(client, doc).status_code == 303
    expected = (
        "classes",
        0,
        [("t-numeric", None, None, None, 1), (None, "border", "single", None, 2)],
    )
    assert _quiz_shape(other) == _quiz_shape(app) == expected
    with other.app_context():
        db.engine.dispose()


def test_a_hand_picked_question_missing_from_file_and_bank_restores_nothing(admin, app):
    doc = backup(admin)
    doc["quizzes"][0]["slots"] = [{"question": "no-such-key"}]
    doc["quizzes"][0]["audience"] = "classes"
    response = restore(admin, doc)
    assert response.status_code == 422
    assert "no-such-key" in response.text and "neither in the file nor in the bank" in response.text
    assert _quiz_shape(app) == ("all", 7, [])
    doc["quizzes"][0]["slots"] = [{"topic": "nowhere", "count": 2}]
    assert restore(admin, doc).status_code == 422


def test_restoring_over_a_quiz_keeps_its_hand_picked_question_once(admin, app):
    _aim_at_classes_with_slots(app)
    doc = backup(admin)
    assert restore(admin, doc).status_code == 303  # the same slot, deleted and added again
    doc["quizzes"][0]["slots"].insert(1, {"question": "t-numeric"})  # a hand-edited repeat
    assert restore(admin, doc).status_code == 303
    expected = (
        "classes",
        0,
        [("t-numeric", None, None, None, 1), (None, "border", "single", None, 2)],
    )
    assert _quiz_shape(app) == expected
