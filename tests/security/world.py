"""A freshly seeded app (conftest.seed_tiny) plus the objects that routes' URLs point at.

Factories in access.py receive a World and return URL arguments, e.g.
`lambda w: {"attempt_id": w.attempt("alice")}` or
`lambda w: {"class_id": w.add(SchoolClass(name="7B", teacher_id=w.user_id("tess"), ...))}`.
"""

from flask import url_for
from sqlalchemy import select

from quizapp.models import (
    Assignment,
    AttemptItem,
    Membership,
    Question,
    QuestionReport,
    Quiz,
    SchoolClass,
    Topic,
    User,
    db,
    utcnow,
)
from quizapp.services.attempt_start import start_attempt
from quizapp.services.attempts import finish
from quizapp.services.bank import question_from_fields

from conftest import PASSWORD_HASH, login

# The matrix's actors: anonymous, two students, two teachers (for "another teacher"), an admin.
ROLES = {"alice": "student", "bob": "student", "tess": "teacher", "tom": "teacher", "ada": "admin"}
ACTORS = ("anonymous", *ROLES)


class World:
    """Handles on one seeded test app. Each helper opens its own short app context."""

    def __init__(self, app):
        self.app = app
        with app.app_context():
            if db.session.scalar(select(User).where(User.username == "tom")) is None:
                db.session.add(User(username="tom", role="teacher", password_hash=PASSWORD_HASH))
                db.session.commit()
        self._cache: dict = {}

    # --- ids of seeded rows -------------------------------------------------------------
    def user_id(self, username: str) -> int:
        with self.app.app_context():
            return db.session.scalar(select(User.id).where(User.username == username))

    @property
    def quiz_id(self) -> int:
        with self.app.app_context():
            return db.session.scalar(select(Quiz.id).where(Quiz.slug == "all"))

    @property
    def topic_slug(self) -> str:
        return "border"

    @property
    def topic_id(self) -> int:
        with self.app.app_context():
            return db.session.scalar(select(Topic.id).where(Topic.slug == "border"))

    def question_id(self, owner: str | None = None) -> int:
        """A published question; with `owner`, a new one created by that user."""
        if owner is None:
            with self.app.app_context():
                return db.session.scalar(select(Question.id).where(Question.key == "t-single"))
        return self._once(("question", owner), lambda: self._new_question(owner))

    def _new_question(self, owner: str) -> int:
        with self.app.app_context():
            topic = db.session.scalar(select(Topic).where(Topic.slug == "border"))
            fields = {
                "kind": "single",
                "prompt": f"A question written by {owner}?",
                "choices": [{"text": "Yes", "correct": True}, {"text": "No"}],
            }
            question = question_from_fields(
                fields, topic, status="published", created_by_id=self.user_id(owner)
            )
            db.session.add(question)
            db.session.commit()
            return question.id

    # --- attempts -----------------------------------------------------------------------
    def attempt(self, owner: str = "alice", submitted: bool = False) -> int:
        """An attempt of `owner` at the seeded quiz, in progress or submitted."""
        return self._once(("attempt", owner, submitted), lambda: self._attempt(owner, submitted))

    def _attempt(self, owner: str, submitted: bool) -> int:
        with self.app.test_request_context():
            user = db.session.scalar(select(User).where(User.username == owner))
            quiz = db.session.get(Quiz, self.quiz_id)
            attempt = start_attempt(user, quiz, utcnow(), client_token=f"world-{owner}-{submitted}")
            db.session.flush()
            if submitted:
                finish(attempt, utcnow())
            db.session.commit()
            return attempt.id

    def item_id(self, owner: str = "alice", submitted: bool = True) -> int:
        """The first item of one of `owner`'s attempts."""
        attempt_id = self.attempt(owner, submitted)
        with self.app.app_context():
            return db.session.scalar(
                select(AttemptItem.id).where(
                    AttemptItem.attempt_id == attempt_id, AttemptItem.position == 1
                )
            )

    # --- classes ------------------------------------------------------------------------
    def school_class(self, owner: str = "tess", members: tuple[str, ...] = ("alice",)) -> int:
        """A class taught by `owner`, with `members` joined and the seeded quiz assigned."""
        return self._once(("class", owner, members), lambda: self._class(owner, members))

    def _class(self, owner: str, members: tuple[str, ...]) -> int:
        with self.app.app_context():
            school_class = SchoolClass(
                name=f"{owner}'s class", teacher_id=self.user_id(owner), join_code=f"JOIN{owner}"
            )
            db.session.add(school_class)
            db.session.flush()
            for member in members:
                db.session.add(Membership(class_id=school_class.id, user_id=self.user_id(member)))
            db.session.add(Assignment(class_id=school_class.id, quiz_id=self.quiz_id))
            db.session.commit()
            return school_class.id

    def assignment_id(self, owner: str = "tess") -> int:
        class_id = self.school_class(owner)
        with self.app.app_context():
            return db.session.scalar(select(Assignment.id).where(Assignment.class_id == class_id))

    def report_id(self, reporter: str = "alice") -> int:
        """A question report made by `reporter` about their submitted attempt's first item."""
        item_id = self.item_id(reporter)

        def make() -> int:
            with self.app.app_context():
                item = db.session.get(AttemptItem, item_id)
                return self.add(
                    QuestionReport(
                        question_id=item.question_id,
                        user_id=self.user_id(reporter),
                        attempt_item_id=item.id,
                        message="The wording is unclear.",
                    )
                )

        return self._once(("report", reporter), make)

    # --- anything else ------------------------------------------------------------------
    def add(self, row) -> int:
        """Insert a model instance and return its id (for factories of new routes)."""
        with self.app.app_context():
            db.session.add(row)
            db.session.commit()
            return row.id

    def once(self, key, make):
        """`make()` the first time `key` is asked for; the cached value afterwards."""
        return self._once(("custom", key), make)

    def _once(self, key, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    # --- clients and URLs ---------------------------------------------------------------
    def client(self, actor: str):
        """A test client logged in as `actor` (or anonymous). CSRF must be off in this app."""
        client = self.app.test_client()
        if actor != "anonymous":
            response = login(client, actor)
            assert response.status_code == 302, f"could not log in as {actor}"
        return client

    def url(self, endpoint: str, **args) -> str:
        with self.app.test_request_context():
            return url_for(endpoint, **args)
