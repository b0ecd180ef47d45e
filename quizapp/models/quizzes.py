"""Quizzes, attempts and the items of an attempt's paper."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.core.quiz_settings import ASSESSMENT
from quizapp.models.base import db, utcnow
from quizapp.models.content import Topic

FEEDBACK_MODES = ("immediate", "at_end")
# When a submitted attempt's review shows the keys: at once, after the quiz closes, or when the
# teacher releases them (services/release.py decides).
RELEASE_MODES = ("immediate", "after_close", "manual")
# Who sees a published quiz: every student, or only the classes it is assigned to.
AUDIENCES = ("all", "classes")

quiz_topic = Table(
    "quiz_topics",
    db.metadata,
    Column("quiz_id", ForeignKey("quizzes.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Quiz(db.Model):
    __tablename__ = "quizzes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str | None] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    kinds: Mapped[list] = mapped_column(JSON, default=list)  # empty = every kind
    difficulties: Mapped[list] = mapped_column(JSON, default=list)  # empty = every level
    topic_quotas: Mapped[dict] = mapped_column(JSON, default=dict)  # topic slug -> count
    question_count: Mapped[int] = mapped_column(Integer, default=10)
    shuffle: Mapped[bool] = mapped_column(Boolean, default=True)
    feedback_mode: Mapped[str] = mapped_column(String(16), default="at_end")
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    max_attempts: Mapped[int | None] = mapped_column(Integer)
    opens_at: Mapped[datetime | None] = mapped_column(DateTime)
    closes_at: Mapped[datetime | None] = mapped_column(DateTime)
    is_published: Mapped[bool] = mapped_column(Boolean, default=False)
    # assessment | section_check | practice (core.quiz_settings.PURPOSES): reports, progress and
    # the gradebook filter on it, never on the slug.
    purpose: Mapped[str] = mapped_column(String(16), default=ASSESSMENT, server_default=ASSESSMENT)
    # A quiz built from one article's approved generated questions.
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    release_mode: Mapped[str] = mapped_column(
        String(16), default="immediate", server_default="immediate"
    )
    answers_released_at: Mapped[datetime | None] = mapped_column(DateTime)
    audience: Mapped[str] = mapped_column(String(16), default="all", server_default="all")

    topics: Mapped[list[Topic]] = relationship(secondary=quiz_topic, order_by=Topic.position)
    slots: Mapped[list["QuizSlot"]] = relationship(
        order_by="QuizSlot.position", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def gives_feedback_at_once(self) -> bool:
        """Feedback after each answer shows the key, so it waits for the end of the quiz
        whenever the keys themselves are held back."""
        return self.feedback_mode == "immediate" and self.release_mode == "immediate"


class QuizSlot(db.Model):
    """One entry of a quiz's paper besides its pool draw: a hand-picked question
    (`question_id`), or `count` questions drawn at random from the published questions that
    match `topic_id`, `kind` and `difficulty` (each empty = any)."""

    __tablename__ = "quiz_slots"
    __table_args__ = (
        # A quiz holds a hand-picked question once. Random draws have no question_id, and a
        # unique index counts NULLs as distinct (SQLite and PostgreSQL alike), so draws repeat
        # freely. (A partial index would need dialect arguments, which load the PostgreSQL
        # dialect at every start.)
        Index("uq_quiz_slots_quiz_id_question_id", "quiz_id", "question_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    kind: Mapped[str | None] = mapped_column(String(16))
    difficulty: Mapped[int | None] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer, default=1)

    @property
    def is_fixed(self) -> bool:
        return self.question_id is not None


class Attempt(db.Model):
    __tablename__ = "attempts"
    __table_args__ = (
        # Concurrent starts cannot create two attempts with the same number.
        UniqueConstraint("user_id", "quiz_id", "attempt_no"),
        Index("ix_attempts_user_started", "user_id", "started_at"),
        Index("ix_attempts_quiz_status", "quiz_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id"))
    attempt_no: Mapped[int] = mapped_column(Integer)
    seed: Mapped[str] = mapped_column(String(32))  # 128 random bits, hex
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deadline_at: Mapped[datetime | None] = mapped_column(DateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    score: Mapped[float | None] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float, default=0)
    # Client idempotency key: a retried start returns the same attempt.
    client_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Submitted while the quiz's keys were held back: its mistakes join practice once they are
    # shown (services/practice.join_released clears it, once).
    is_practice_held: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    quiz: Mapped[Quiz] = relationship()
    items: Mapped[list["AttemptItem"]] = relationship(
        back_populates="attempt", order_by="AttemptItem.position", cascade="all, delete-orphan"
    )

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return round(100 * self.score / self.max_score, 1)


class AttemptItem(db.Model):
    """One question of an attempt's paper, with a snapshot of exactly what was shown."""

    __tablename__ = "attempt_items"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL"), index=True
    )
    snapshot: Mapped[dict] = mapped_column(JSON)
    response: Mapped[object | None] = mapped_column(JSON)
    response_text: Mapped[str | None] = mapped_column(Text)
    is_correct: Mapped[bool | None] = mapped_column(Boolean)
    points: Mapped[float] = mapped_column(Float, default=0)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Bumped on each saved answer: a form rendered before the last save is stale.
    version: Mapped[int] = mapped_column(Integer, default=0)

    attempt: Mapped[Attempt] = relationship(back_populates="items")


class Regrade(db.Model):
    """One attempt's score changed by a regrade after a question's key was fixed."""

    __tablename__ = "regrades"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL"), index=True
    )
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    old_score: Mapped[float] = mapped_column(Float)
    new_score: Mapped[float] = mapped_column(Float)
