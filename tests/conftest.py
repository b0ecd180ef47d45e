"""Shared fixtures: a fresh database per test (SQLite, or PostgreSQL with
QUIZAPP_TEST_DATABASE_URL), a tiny fixed seed, users hashed once."""

import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from quizapp import create_app
from quizapp.models import Quiz, Topic, User, db
from quizapp.services.bank import question_from_fields

from security import postgres

CHEAP_HASH = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
PASSWORD = "correct horse battery"
PASSWORD_HASH = PasswordHasher(**CHEAP_HASH).hash(PASSWORD)  # hashed once, at import
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

TOPIC_BODY = """A first paragraph about the border. {: #border }

Another paragraph on refugees. {: #refugees }
"""

QUESTIONS = [
    {
        "key": "t-single",
        "kind": "single",
        "prompt": "Which line is the border?",
        "anchor": "border",
        "explanation": "CANARY-explanation-7f3a",
        "choices": [
            {"text": "The Durand Line", "correct": True},
            {"text": "The Radcliffe Line"},
            {"text": "The McMahon Line"},
        ],
    },
    {
        "key": "t-multiple",
        "kind": "multiple",
        "prompt": "Which are crossings?",
        "anchor": "border",
        "explanation": "Torkham and Chaman are crossings.",
        "choices": [
            {"text": "Torkham", "correct": True},
            {"text": "Chaman", "correct": True},
            {"text": "Gwadar"},
        ],
    },
    {
        "key": "t-tf",
        "kind": "true_false",
        "prompt": "The line was drawn in 1893.",
        "answer": True,
        "anchor": "border",
        "explanation": "It was agreed in 1893.",
    },
    {
        "key": "t-short",
        "kind": "short_text",
        "prompt": "Name the main crossing near Peshawar.",
        "accepted": ["Torkham", "Torkham crossing"],
        "anchor": "border",
        "explanation": "Torkham.",
    },
    {
        "key": "t-numeric",
        "kind": "numeric",
        "prompt": "In which year was the line agreed?",
        "answer": 1893,
        "tolerance": 0,
        "anchor": "border",
        "explanation": "1893.",
    },
    {
        "key": "t-ordering",
        "kind": "ordering",
        "prompt": "Put these in order.",
        "anchor": "refugees",
        "items": ["Soviet invasion", "Soviet withdrawal", "PoR cards"],
        "explanation": "1979, 1989, 2006.",
    },
    {
        "key": "t-matching",
        "kind": "matching",
        "prompt": "Match the acronym.",
        "anchor": "refugees",
        "pairs": [
            {"prompt": "TTP", "answer": "Pakistani Taliban"},
            {"prompt": "BLA", "answer": "Baloch separatists"},
            {"prompt": "PoR", "answer": "Proof of Registration"},
        ],
        "explanation": "Acronyms.",
    },
]


@pytest.fixture(autouse=True)
def _push_request_context():
    """Replace pytest-flask's: each request gets its own app context and database session."""


_APPS = []  # every app a test made: their connection pools are closed after the test


@pytest.fixture(autouse=True)
def _close_pools():
    yield
    while _APPS:
        with _APPS.pop().app_context():
            db.engine.dispose()
    if postgres.base_url():
        postgres.release()


@pytest.fixture(autouse=True, scope="session")
def _drop_postgres_schemas():
    yield
    if postgres.base_url():
        postgres.drop_schemas()


def database_uri(tmp_path, keep: bool = False) -> str:
    """A new SQLite file, or with QUIZAPP_TEST_DATABASE_URL an empty PostgreSQL schema
    (`keep` it beyond the current test for module-scoped fixtures)."""
    if postgres.base_url():
        return postgres.schema_url(str(tmp_path), keep)
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


def make_app(tmp_path, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-0123456789abcdef",
        "SQLALCHEMY_DATABASE_URI": database_uri(tmp_path),
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH": CHEAP_HASH,
        "SQLITE_CHECKPOINT_SECONDS": 0,  # no thread per test app; test_sqlite_durability runs it
    }
    config.update(overrides)
    app = create_app(config)
    _APPS.append(app)
    return app


def seed_tiny(app) -> None:
    with app.app_context():
        db.create_all()
        topic = Topic(
            slug="border", title="The border", summary="The border.", body=TOPIC_BODY, position=1
        )
        db.session.add(topic)
        for fields in QUESTIONS:
            db.session.add(question_from_fields(fields, topic, status="published"))
        quiz = Quiz(
            slug="all",
            title="Everything",
            question_count=len(QUESTIONS),
            is_published=True,
            feedback_mode="at_end",
        )
        quiz.topics = [topic]
        db.session.add(quiz)
        for name, role in (
            ("alice", "student"),
            ("bob", "student"),
            ("tess", "teacher"),
            ("ada", "admin"),
        ):
            db.session.add(
                User(
                    username=name,
                    role=role,
                    password_hash=PASSWORD_HASH,
                    can_edit_explainer=name == "tess",
                )
            )
        db.session.commit()


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    seed_tiny(app)
    yield app
    with app.app_context():
        db.engine.dispose()


def login(client, username: str, password: str = PASSWORD):
    return client.post("/login", data={"username": username, "password": password})


def logged_in(app, username: str):
    """A test client with `username` logged in."""
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


@pytest.fixture
def student(app):
    return logged_in(app, "alice")


@pytest.fixture
def other_student(app):
    return logged_in(app, "bob")


@pytest.fixture
def teacher(app):
    return logged_in(app, "tess")


@pytest.fixture
def admin(app):
    return logged_in(app, "ada")


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "no csrf_token field in the page"
    return match.group(1)


def quiz_id(app, slug: str = "all") -> int:
    with app.app_context():
        return db.session.scalar(db.select(Quiz.id).where(Quiz.slug == slug))
