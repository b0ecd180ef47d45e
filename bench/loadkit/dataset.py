"""A fresh database for a load run: schema, one quiz of ten questions, pre-created students."""

import secrets
from contextlib import contextmanager

from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from quizapp import create_app
from quizapp.models import Quiz, Topic, User, db
from quizapp.services.bank import question_from_fields

PASSWORD = "load test passphrase"
QUIZ_SLUG = "load"
QUESTIONS = [
    *(
        {
            "kind": "single",
            "prompt": f"Single-choice question {n}?",
            "choices": [{"text": "Right", "correct": True}, {"text": "Wrong"}, {"text": "Other"}],
        }
        for n in range(1, 5)
    ),
    {"kind": "true_false", "prompt": "The Durand Line was drawn in 1893.", "answer": True},
    {"kind": "true_false", "prompt": "Torkham is in Balochistan.", "answer": False},
    *(
        {
            "kind": "multiple",
            "prompt": f"Multiple-choice question {n}?",
            "choices": [
                {"text": "Torkham", "correct": True},
                {"text": "Chaman", "correct": True},
                {"text": "Gwadar"},
            ],
        }
        for n in (1, 2)
    ),
    {"kind": "numeric", "prompt": "In which year?", "answer": 1893, "tolerance": 0},
    {"kind": "short_text", "prompt": "Name the crossing.", "accepted": ["Torkham"]},
]


def username(index: int) -> str:
    return f"student{index:04d}"


def setup_app(url: str):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "load-test-setup-0123456789",
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLITE_CHECKPOINT_SECONDS": 0,  # a short-lived helper app: the servers checkpoint
        }
    )


@contextmanager
def fresh_database(database_url: str | None, directory):
    """Yield the URL of an empty database: a new SQLite file, or a new PostgreSQL schema
    (dropped afterwards) inside `database_url`."""
    if not database_url:
        yield f"sqlite:///{directory}/load.sqlite"
        return
    url = make_url(database_url.replace("postgres://", "postgresql://", 1))
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    schema = f"load_{secrets.token_hex(4)}"
    admin = create_engine(url, pool_pre_ping=True)  # it outlives a database restart
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def prepare(url: str, students: int, password_hash: dict) -> int:
    """Create the schema, the quiz and the students; return the quiz id."""
    app = setup_app(url)
    with app.app_context():
        db.create_all()
        topic = Topic(slug="load", title="Load", summary="", body="", position=1)
        db.session.add(topic)
        for n, fields in enumerate(QUESTIONS, 1):
            db.session.add(
                question_from_fields({**fields, "key": f"load-{n}"}, topic, status="published")
            )
        quiz = Quiz(
            slug=QUIZ_SLUG, title="Load test", question_count=len(QUESTIONS), is_published=True
        )
        quiz.topics = [topic]
        db.session.add(quiz)
        hashed = PasswordHasher(**password_hash).hash(PASSWORD)  # once: same password for all
        db.session.add_all(
            User(username=username(i), password_hash=hashed) for i in range(students)
        )
        db.session.commit()
        quiz_id = quiz.id
        db.session.remove()  # return its connection before the pool is closed
        db.engine.dispose()
    return quiz_id
