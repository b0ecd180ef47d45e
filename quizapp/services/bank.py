"""The question bank: questions to and from plain fields, writing them, reading them for the core.

Fields are the plain shape checked by `quizapp.core.questions.check_question` (a content-file
entry, see content/README.md); each kind (quizapp.core.kinds) says how its answer fields are
stored. Views and CLI commands call these and commit; these never commit.
"""

import secrets
from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from sqlalchemy import func, select, update
from sqlalchemy.orm import aliased, selectinload

from quizapp.core.assembly import ChoiceData, QuestionData
from quizapp.core.kinds import StoredAnswers, kind_of
from quizapp.core.question_use import GRADED, uses_for
from quizapp.core.tables import Sort
from quizapp.models import ArticleRevision, Choice, Question, Quiz, Topic, db
from quizapp.services.never_with import partner_map


class EditConflict(Exception):
    """The question changed since the form was opened (edited, retired or published)."""

    message = (
        "Someone changed this question (edited, published or retired it) after you opened it. "
        "Nothing was saved: reload the page to see the current version, then make your change "
        "again."
    )


def choices_from_fields(kind: str, fields: Mapping) -> list[Choice]:
    """Choice rows for a question described like a content file entry (see content/README.md)."""
    return _choice_rows(kind_of(kind).stored(fields))


def _choice_rows(stored: StoredAnswers) -> list[Choice]:
    return [
        Choice(
            text=c.text,
            is_correct=c.is_correct,
            feedback=c.feedback,
            match_text=c.match_text,
            position=i,
        )
        for i, c in enumerate(stored.choices)
    ]


def _store_answers(question: Question, fields: Mapping) -> None:
    """Write the answer fields of `question`'s kind onto it."""
    stored = kind_of(question.kind).stored(fields)
    question.accepted_answers = list(stored.accepted)
    question.numeric_answer, question.tolerance = stored.numeric_answer, stored.tolerance
    question.choices = _choice_rows(stored)


def question_from_fields(fields: Mapping, topic: Topic | None, **extra) -> Question:
    question = Question(
        key=fields.get("key") or new_key(),  # every question has one: restores match by it
        topic=topic,
        kind=fields["kind"],
        prompt=fields["prompt"].strip(),
        explanation=fields.get("explanation", "").strip(),
        difficulty=int(fields.get("difficulty", 2)),
        anchor=fields.get("anchor", ""),
        use=fields.get("use") or GRADED,
        **extra,
    )
    _store_answers(question, fields)
    return question


def stored_answers(question: Question) -> StoredAnswers:
    """The plain stored answers of a question, as its kind reads them."""
    return StoredAnswers(
        choices=tuple(
            ChoiceData(c.text, c.is_correct, c.feedback, c.match_text) for c in question.choices
        ),
        numeric_answer=question.numeric_answer,
        tolerance=question.tolerance,
        accepted=tuple(question.accepted_answers or ()),
    )


def fields_from_question(question: Question) -> dict:
    """The question's plain fields (the inverse of `question_from_fields`)."""
    fields = {
        "key": question.key,
        "kind": question.kind,
        "prompt": question.prompt,
        "explanation": question.explanation,
        "difficulty": question.difficulty,
        "anchor": question.anchor,
    }
    return fields | kind_of(question.kind).fields(stored_answers(question))


def question_data(question: Question) -> QuestionData:
    """The plain view of a question that the core draws and snapshots."""
    stored = stored_answers(question)
    return QuestionData(
        id=question.id,
        kind=question.kind,
        prompt=question.prompt,
        topic_slug=question.topic.slug if question.topic else "",
        explanation=question.explanation,
        anchor=question.anchor,
        difficulty=question.difficulty,
        choices=stored.choices,
        numeric_answer=stored.numeric_answer,
        tolerance=stored.tolerance,
        accepted=stored.accepted,
    )


def new_key() -> str:
    """A fresh stable id for a question written without one (GIFT [id:…], backups)."""
    return f"q-{secrets.token_hex(5)}"


def create_question(fields: dict, topic: Topic | None, **extra) -> Question:
    question = question_from_fields(
        {**fields, "key": fields.get("key") or new_key()}, topic, **extra
    )
    db.session.add(question)
    db.session.flush()
    return question


def claim_version(question: Question, version: int) -> None:
    """Move the question to the next version if it is still at `version`; else EditConflict.

    One UPDATE … WHERE version = :seen, so two concurrent saves cannot both succeed.
    """
    changed = db.session.execute(
        update(Question)
        .where(Question.id == question.id, Question.version == version)
        .values(version=version + 1)
    ).rowcount
    if changed != 1:
        raise EditConflict()


def update_question(question: Question, fields: dict, topic: Topic | None) -> None:
    """Overwrite the question's content with `fields` (kind, status and owner stay)."""
    question.key = fields.get("key") or question.key or new_key()
    question.topic = topic
    question.prompt, question.explanation = fields["prompt"], fields["explanation"]
    question.difficulty, question.anchor = fields["difficulty"], fields["anchor"]
    _store_answers(question, fields)


def duplicate_question(question: Question, owner_id: int) -> Question:
    """A draft copy owned by `owner_id`, with a new id; history stays with the original."""
    fields = {**fields_from_question(question), "key": None}
    return create_question(
        fields, question.topic, status="draft", origin=question.origin, created_by_id=owner_id
    )


def key_taken(key: str | None, exclude_id: int | None = None) -> bool:
    if not key:
        return False
    query = select(func.count()).select_from(Question).where(Question.key == key)
    if exclude_id is not None:
        query = query.where(Question.id != exclude_id)
    return bool(db.session.scalar(query))


def quiz_pool(quiz: Quiz) -> list[QuestionData]:
    """Every published question that fits the quiz's pool settings."""
    query = (
        select(Question)
        .where(Question.status == "published")
        .options(selectinload(Question.choices), selectinload(Question.topic))
    )
    if quiz.topics:
        query = query.where(Question.topic_id.in_([t.id for t in quiz.topics]))
    if quiz.kinds:
        query = query.where(Question.kind.in_(quiz.kinds))
    if quiz.difficulties:
        query = query.where(Question.difficulty.in_(quiz.difficulties))
    query = query.where(Question.use.in_(uses_for(quiz.purpose)))
    questions = list(db.session.scalars(_article_filter(query, quiz)))
    apart = partner_map([q.id for q in questions])
    return [replace(question_data(q), never_with=frozenset(apart.get(q.id, ()))) for q in questions]


def _article_filter(query, quiz: Quiz):
    if not quiz.article_id:
        return query
    # A question whose source sentence changed waits for a teacher before students see it again.
    return query.join(ArticleRevision, Question.article_revision_id == ArticleRevision.id).where(
        ArticleRevision.article_id == quiz.article_id, Question.needs_review.is_(False)
    )


BANK_COLUMNS = ("id", "prompt", "kind", "section", "status", "origin", "difficulty")
NEWEST = Sort("id", descending=True)  # the bank's order when no column is asked for


@cache
def _bank_order() -> tuple:
    """The section alias and the column behind each of BANK_COLUMNS. Made on first use:
    an alias configures every mapper, which start-up (`flask --help`) does not need."""
    section = aliased(Topic)
    columns = (
        Question.id,
        func.lower(Question.prompt),
        Question.kind,
        section.position,
        Question.status,
        Question.origin,
        Question.difficulty,
    )
    return section, dict(zip(BANK_COLUMNS, columns, strict=True))


def sorted_bank(query, sort: Sort):
    """The bank's `query` of questions ordered by one of BANK_COLUMNS, newest first on ties."""
    section, order = _bank_order()
    column = order[sort.column]
    ordered = column.desc() if sort.descending else column
    return query.outerjoin(Question.topic.of_type(section)).order_by(ordered, Question.id.desc())
