"""Explainer topics, the question bank, and source articles for generated questions."""

import secrets
from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.core.kinds import NAMES
from quizapp.core.question_use import GRADED
from quizapp.models.base import db, utcnow

KINDS = NAMES  # the registered question kinds (quizapp.core.kinds)
STATUSES = ("draft", "published", "retired")
ORIGINS = ("curated", "imported", "generated")

# Pairs a teacher said never to draw onto one paper. Symmetric: each pair is stored once, the
# lower id first (a check constraint holds it to that).
question_never_with = Table(
    "question_never_with",
    db.metadata,
    Column("question_id", ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "other_id", ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
    CheckConstraint("question_id < other_id", name="ordered_pair"),
)


class Topic(db.Model):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class TopicRevision(db.Model):
    """A saved state of an explainer section: who saved it, when, and the whole text."""

    __tablename__ = "topic_revisions"
    __table_args__ = (UniqueConstraint("topic_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # None: the text as it was before revisions were kept (seeded or imported).
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The revision this one restored, when it is a revert.
    reverted_from: Mapped[int | None] = mapped_column(Integer)

    author = relationship("User")


class Question(db.Model):
    __tablename__ = "questions"
    __table_args__ = (
        Index("ix_questions_status_topic", "status", "topic_id"),
        Index("ix_questions_article_revision", "article_revision_id"),
        # max(updated_at) is part of the state a student's history page is checked against.
        Index("ix_questions_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable external id: content files' `key`, GIFT's [id:…].
    key: Mapped[str | None] = mapped_column(String(100), unique=True)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    prompt: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text, default="")
    difficulty: Mapped[int] = mapped_column(Integer, default=2)
    anchor: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    origin: Mapped[str] = mapped_column(String(16), default="curated")
    numeric_answer: Mapped[float | None] = mapped_column(Float)
    tolerance: Mapped[float | None] = mapped_column(Float)
    accepted_answers: Mapped[list] = mapped_column(JSON, default=list)
    # graded | check | both (core.question_use): which quizzes may draw it.
    use: Mapped[str] = mapped_column(String(8), default=GRADED, server_default=GRADED)
    # Bumped on every edit; forms carry it so a stale edit is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # Provenance of generated questions.
    article_revision_id: Mapped[int | None] = mapped_column(ForeignKey("article_revisions.id"))
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    generation_score: Mapped[float | None] = mapped_column(Float)
    generation_checks: Mapped[list] = mapped_column(JSON, default=list)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)

    topic: Mapped["Topic | None"] = relationship()
    choices: Mapped[list["Choice"]] = relationship(
        back_populates="question", order_by="Choice.position", cascade="all, delete-orphan"
    )
    article_revision: Mapped["ArticleRevision | None"] = relationship()


class Choice(db.Model):
    """An option (single, multiple, true/false), an item (ordering, in the right order)
    or a pair (matching: `text` ↔ `match_text`)."""

    __tablename__ = "choices"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    match_text: Mapped[str | None] = mapped_column(Text)
    is_correct: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    feedback: Mapped[str] = mapped_column(Text, default="")

    question: Mapped[Question] = relationship(back_populates="choices")


class Article(db.Model):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable across databases: a question-bank export restored twice matches articles by it.
    key: Mapped[str | None] = mapped_column(
        String(40), unique=True, default=lambda: f"a-{secrets.token_hex(5)}"
    )
    title: Mapped[str] = mapped_column(String(200))
    source_url: Mapped[str] = mapped_column(String(500), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    revisions: Mapped[list["ArticleRevision"]] = relationship(
        back_populates="article", order_by="ArticleRevision.number"
    )


class ArticleRevision(db.Model):
    __tablename__ = "article_revisions"
    __table_args__ = (UniqueConstraint("article_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    article: Mapped[Article] = relationship(back_populates="revisions")
