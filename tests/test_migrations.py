"""The committed Alembic revisions build exactly the schema the models describe, and carry the
data of older databases over."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from quizapp.models import db

from conftest import make_app

BEFORE_PURPOSE = "3c1f7a2d9e41"


def _migrated_app(tmp_path):
    return make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'migrated.sqlite'}")


def test_upgrade_then_no_drift(tmp_path):
    app = _migrated_app(tmp_path)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert diff == []


QUIZZES_BEFORE_PURPOSE = """
INSERT INTO quizzes (id, slug, title, description, kinds, difficulties, topic_quotas,
                     question_count, shuffle, feedback_mode, is_published, created_at)
VALUES (:id, :slug, 'A quiz', '', '[]', '[]', '{}', 5, 1, 'at_end', 1, '2026-01-01 00:00:00')
"""


def _quizzes_by_slug(connection) -> dict:
    rows = connection.execute(text("SELECT slug, purpose FROM quizzes ORDER BY id"))
    return {slug: purpose for slug, purpose in rows}


def test_upgrade_gives_existing_quizzes_the_purpose_their_slugs_marked(tmp_path):
    app = _migrated_app(tmp_path)
    quizzes = {
        "practice": "practice",  # the hidden quiz of "Practice my mistakes"
        "check-border": "section_check",  # "Check your understanding" of section "border"
        "check-your-knowledge": "assessment",  # a teacher's title, no such section
        "whole-article": "assessment",
        None: "assessment",
    }
    with app.app_context():
        upgrade(revision=BEFORE_PURPOSE)
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO topics (id, slug, title, summary, body, position, updated_at)"
                    " VALUES (1, 'border', 'Border', '', '', 1, '2026-01-01 00:00:00')"
                )
            )
            for number, slug in enumerate(quizzes, 1):
                connection.execute(text(QUIZZES_BEFORE_PURPOSE), {"id": number, "slug": slug})
        upgrade()
        with db.engine.connect() as connection:
            migrated = _quizzes_by_slug(connection)
        downgrade(revision=BEFORE_PURPOSE)  # and back: the column goes, the quizzes stay
        with db.engine.connect() as connection:
            kept = connection.execute(text("SELECT count(*) FROM quizzes")).scalar()
        db.engine.dispose()
    assert migrated == quizzes
    assert kept == len(quizzes)


BEFORE_SLOTS = "7d4e1a9c2b63"
OLD_POOL_QUIZ = """
INSERT INTO quizzes (id, slug, title, description, kinds, difficulties, topic_quotas,
                     question_count, shuffle, feedback_mode, is_published, created_at, purpose,
                     version)
VALUES (1, 'old-pool', 'An old pool quiz', '', '["true_false"]', '[]', '{"border": 2}', 3, 1,
        'at_end', 1, '2026-01-01 00:00:00', 'assessment', 1)
"""


def test_an_old_pool_quiz_draws_from_its_pool_after_the_upgrade(tmp_path):
    from quizapp.models import Quiz, Topic, User
    from quizapp.services.attempt_start import start_attempt
    from quizapp.services.bank import question_from_fields
    from quizapp.services.quizzes import quiz_cards

    app = _migrated_app(tmp_path)
    with app.app_context():
        upgrade(revision=BEFORE_SLOTS)
        with db.engine.begin() as connection:
            connection.execute(text(OLD_POOL_QUIZ))
        upgrade()
        with db.engine.connect() as connection:
            audience = connection.execute(text("SELECT audience FROM quizzes")).scalar()
            slots = connection.execute(text("SELECT count(*) FROM quiz_slots")).scalar()
        topic = Topic(slug="border", title="Border", summary="", body="", position=1)
        kinds = ["true_false"] * 4 + ["numeric"] * 2
        fields = [{"kind": k, "prompt": f"Q{n}", "answer": 1} for n, k in enumerate(kinds)]
        questions = [question_from_fields(f, topic, status="published") for f in fields]
        student = User(username="old", role="student", password_hash="x")
        db.session.add_all([topic, student, *questions])
        quiz = db.session.get(Quiz, 1)
        quiz.topics = [topic]
        db.session.flush()
        attempt = start_attempt(student, quiz, quiz.created_at.replace(year=2027))
        paper_kinds = [item.snapshot["kind"] for item in attempt.items]
        listed = [card.quiz.title for card in quiz_cards(student, quiz.created_at)]
        db.session.rollback()
        db.engine.dispose()
    assert (audience, slots) == ("all", 0)
    assert paper_kinds == ["true_false"] * 3  # its pool's kind and count, as before
    assert listed == ["An old pool quiz"]


UNIQUE_SLOTS = "e17d2aa5880d"
SLOT = (
    "INSERT INTO quiz_slots (id, quiz_id, position, question_id, count) VALUES (:id, 1, :id, :q, 1)"
)


def test_upgrade_keeps_a_hand_picked_question_once_per_quiz(tmp_path):
    import pytest
    from sqlalchemy.exc import IntegrityError

    from quizapp.models import Topic
    from quizapp.services.bank import question_from_fields

    app = _migrated_app(tmp_path)
    with app.app_context():
        upgrade(revision="6fa0700c0e29")
        topic = Topic(slug="border", title="Border", summary="", body="", position=1)
        fields = [{"kind": "true_false", "prompt": f"Q{n}", "answer": True} for n in (1, 2)]
        questions = [question_from_fields(f, topic, status="published") for f in fields]
        db.session.add_all([topic, *questions])
        db.session.commit()
        one, two = (q.id for q in questions)
        with db.engine.begin() as connection:
            connection.execute(text(OLD_POOL_QUIZ))
            for slot_id, question in enumerate([one, one, two, None, None, two], 1):
                connection.execute(text(SLOT), {"id": slot_id, "q": question})
        upgrade(revision=UNIQUE_SLOTS)
        with db.engine.connect() as connection:
            kept = list(connection.execute(text("SELECT id FROM quiz_slots ORDER BY id")).scalars())
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(text(SLOT), {"id": 9, "q": one})
        with db.engine.begin() as connection:
            connection.execute(text(SLOT), {"id": 9, "q": None})  # draws are not held to it
        downgrade(revision="6fa0700c0e29")
        with db.engine.begin() as connection:
            connection.execute(text(SLOT), {"id": 10, "q": one})  # the index is gone
        db.session.remove()
        db.engine.dispose()
    assert kept == [1, 3, 4, 5]  # the earliest of each repeated question stays, draws all stay


BEFORE_HELD = "e17d2aa5880d"
RELEASE_QUIZ = """
INSERT INTO quizzes (id, slug, title, description, kinds, difficulties, topic_quotas,
                     question_count, shuffle, feedback_mode, is_published, created_at,
                     release_mode, closes_at, answers_released_at)
VALUES (:id, :slug, 'A quiz', '', '[]', '[]', '{}', 5, 1, 'at_end', 1, '2026-01-01 00:00:00',
        :mode, :closes, :released)
"""
SUBMITTED_ATTEMPT = """
INSERT INTO attempts (id, user_id, quiz_id, attempt_no, seed, status, started_at,
                      submitted_at, max_score)
VALUES (:id, 1, :id, 1, 'seed', 'submitted', '2026-01-01 00:00:00', :submitted, 5)
"""


def test_upgrade_marks_attempts_whose_mistakes_were_held_back(tmp_path):
    """Held back at submit and not released by hand: their mistakes wait for the keys."""
    jan, mar, jun = "2026-01-02 00:00:00", "2026-03-01 00:00:00", "2026-06-01 00:00:00"
    quizzes = {  # slug: (release mode, closes at, released by hand at, attempt submitted at)
        "shown-at-once": ("immediate", None, None, jan, False),
        "closes-later": ("after_close", mar, None, jan, True),
        "closed-since": ("after_close", mar, None, jan, True),  # what the app now fixes
        "submitted-after-close": ("after_close", mar, None, jun, False),
        "not-released": ("manual", None, None, jan, True),
        "released-by-hand": ("manual", None, mar, jan, False),
    }
    app = _migrated_app(tmp_path)
    with app.app_context():
        upgrade(revision=BEFORE_HELD)
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, username, password_hash, role, created_at,"
                    " is_disabled, session_token)"
                    " VALUES (1, 'old', 'x', 'student', '2026-01-01 00:00:00', FALSE, 't')"
                )
            )
            for number, (slug, (mode, closes, released, submitted, _)) in enumerate(
                quizzes.items(), 1
            ):
                values = {"id": number, "slug": slug, "mode": mode}
                connection.execute(
                    text(RELEASE_QUIZ), values | {"closes": closes, "released": released}
                )
                connection.execute(text(SUBMITTED_ATTEMPT), values | {"submitted": submitted})
        upgrade()
        with db.engine.connect() as connection:
            held = connection.execute(
                text(
                    "SELECT quizzes.slug, attempts.is_practice_held FROM attempts"
                    " JOIN quizzes ON quizzes.id = attempts.quiz_id ORDER BY attempts.id"
                )
            )
            marks = {slug: bool(mark) for slug, mark in held}
        db.engine.dispose()
    assert marks == {slug: row[-1] for slug, row in quizzes.items()}


def test_upgrade_dates_an_attempt_closed_before_it_started_at_its_last_answer(tmp_path):
    """A quiz closed mid-attempt once stamped the close date, before the start: the upgrade
    moves such an attempt to its last saved answer (or its start), and leaves others alone."""
    app = _migrated_app(tmp_path)
    attempts = {  # id: (submitted at, last answer or None, submitted at after the upgrade)
        1: ("2025-12-30 00:00:00", "2026-01-01 00:20:00", "2026-01-01 00:20:00"),
        2: ("2025-12-30 00:00:00", None, "2026-01-01 00:00:00"),
        3: ("2026-01-01 00:30:00", "2026-01-01 00:20:00", "2026-01-01 00:30:00"),
    }
    with app.app_context():
        upgrade(revision="b4d2e8f1c3a7")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO users (id, username, password_hash, role, created_at,"
                    " is_disabled, session_token)"
                    " VALUES (1, 'old', 'x', 'student', '2026-01-01 00:00:00', FALSE, 't')"
                )
            )
            for number, (submitted, answered, _) in attempts.items():
                values = {"id": number, "slug": f"quiz-{number}", "mode": "immediate"}
                connection.execute(text(RELEASE_QUIZ), values | {"closes": None, "released": None})
                connection.execute(text(SUBMITTED_ATTEMPT), values | {"submitted": submitted})
                if answered:
                    connection.execute(
                        text(
                            "INSERT INTO attempt_items (attempt_id, position, snapshot, points,"
                            " answered_at, version) VALUES (:id, 1, '{}', 0, :answered, 1)"
                        ),
                        {"id": number, "answered": answered},
                    )
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(text("SELECT id, submitted_at FROM attempts ORDER BY id"))
            found = {number: submitted for number, submitted in rows}
        db.engine.dispose()
    assert {k: str(v)[:19] for k, v in found.items()} == {k: v[2] for k, v in attempts.items()}
