"""Explainer section revisions: every saved edit is kept, compared with the one before, and can
be restored.

A section saved before revisions were kept (the seeded text) gets a baseline revision with no
author the first time it changes, so the first edit can still be compared and undone.
"""

import difflib
from dataclasses import dataclass

from sqlalchemy import func, select

from quizapp.core.markdown import render
from quizapp.core.questions import orphaned_anchors
from quizapp.models import Question, Topic, TopicRevision, User, db

FIELDS = ("title", "summary", "body")


@dataclass(frozen=True)
class DiffLine:
    sign: str  # "+" added, "-" removed, " " unchanged, "@" a hunk heading
    text: str


def _next_number(topic: Topic) -> int:
    latest = db.session.scalar(
        select(func.max(TopicRevision.number)).where(TopicRevision.topic_id == topic.id)
    )
    return (latest or 0) + 1


def ensure_baseline(topic: Topic) -> None:
    """Keep the section's current text as revision 1 if no revision exists yet."""
    if topic.id is not None and _next_number(topic) == 1:
        db.session.add(TopicRevision(topic_id=topic.id, number=1, author_id=None, **_text(topic)))
        db.session.flush()


def record(topic: Topic, author: User, reverted_from: int | None = None) -> TopicRevision:
    """The section's text as just saved by `author`, as its newest revision."""
    db.session.flush()  # a new section gets its id
    revision = TopicRevision(
        topic_id=topic.id,
        number=_next_number(topic),
        author_id=author.id,
        reverted_from=reverted_from,
        **_text(topic),
    )
    db.session.add(revision)
    db.session.flush()
    return revision


def _text(source) -> dict:
    return {name: getattr(source, name) or "" for name in FIELDS}


def history(topic: Topic) -> list[TopicRevision]:
    """Newest first, with each revision's author loaded."""
    return list(
        db.session.scalars(
            select(TopicRevision)
            .where(TopicRevision.topic_id == topic.id)
            .order_by(TopicRevision.number.desc())
        )
    )


def revision_or_none(topic: Topic, number: int) -> TopicRevision | None:
    return db.session.scalar(
        select(TopicRevision).where(
            TopicRevision.topic_id == topic.id, TopicRevision.number == number
        )
    )


def previous(revision: TopicRevision) -> TopicRevision | None:
    return db.session.scalar(
        select(TopicRevision)
        .where(
            TopicRevision.topic_id == revision.topic_id,
            TopicRevision.number < revision.number,
        )
        .order_by(TopicRevision.number.desc())
        .limit(1)
    )


def diff(older: TopicRevision | None, newer: TopicRevision) -> list[DiffLine]:
    """Line changes from `older` to `newer` (title, summary and text), three lines of context."""
    before = _lines(older) if older else []
    after = _lines(newer)
    lines = []
    for raw in difflib.unified_diff(before, after, lineterm="", n=3):
        if raw.startswith(("---", "+++")):
            continue
        sign = "@" if raw.startswith("@@") else raw[:1]
        lines.append(DiffLine(sign, raw if sign == "@" else raw[1:]))
    return lines


def _lines(revision: TopicRevision) -> list[str]:
    return [
        f"Title: {revision.title}",
        f"Summary: {revision.summary}",
        "",
        *revision.body.split("\n"),
    ]


def change_counts(older: TopicRevision | None, newer: TopicRevision) -> tuple[int, int]:
    """(lines added, lines removed)."""
    lines = diff(older, newer)
    return sum(line.sign == "+" for line in lines), sum(line.sign == "-" for line in lines)


def questions_needing(topic: Topic, body: str) -> list[Question]:
    """Current questions that point at a paragraph `body` no longer has."""
    used = dict(
        db.session.execute(
            select(Question.anchor, func.count())
            .where(Question.topic_id == topic.id, Question.status != "retired")
            .group_by(Question.anchor)
        ).all()
    )
    orphans = orphaned_anchors(render(body).anchors, used)
    if not orphans:
        return []
    return list(
        db.session.scalars(
            select(Question)
            .where(
                Question.topic_id == topic.id,
                Question.status != "retired",
                Question.anchor.in_(orphans),
            )
            .order_by(Question.anchor, Question.id)
        )
    )


def restore(topic: Topic, revision: TopicRevision, author: User) -> TopicRevision:
    """Put `revision`'s text back as a new revision (history is never rewritten)."""
    ensure_baseline(topic)
    for name, value in _text(revision).items():
        setattr(topic, name, value)
    return record(topic, author, reverted_from=revision.number)
