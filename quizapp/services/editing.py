"""Writing the question bank: create, update with a version check, duplicate, change status.

Views and CLI commands call these and commit; these never commit. Fields are the plain shape
checked by `quizapp.core.questions.check_question`.
"""

import secrets

from sqlalchemy import func, select, update

from quizapp.models import Question, Quiz, Topic, db
from quizapp.services.bank import choices_from_fields, question_from_fields


class EditConflict(Exception):
    """The question changed since the form was opened (edited, retired or published)."""

    message = (
        "Someone changed this question (edited, published or retired it) after you opened it. "
        "Nothing was saved: reload the page to see the current version, then make your change "
        "again."
    )


def fields_from_question(question: Question) -> dict:
    """The question's plain fields (the inverse of `bank.question_from_fields`)."""
    fields = {
        "key": question.key,
        "kind": question.kind,
        "prompt": question.prompt,
        "explanation": question.explanation,
        "difficulty": question.difficulty,
        "anchor": question.anchor,
    }
    kind, choices = question.kind, question.choices
    if kind in ("single", "multiple"):
        fields["choices"] = [
            {"text": c.text, "correct": c.is_correct, "feedback": c.feedback} for c in choices
        ]
    elif kind == "true_false":
        fields["answer"] = any(c.is_correct and c.text == "True" for c in choices)
    elif kind == "short_text":
        fields["accepted"] = list(question.accepted_answers or [])
    elif kind == "numeric":
        fields["answer"], fields["tolerance"] = question.numeric_answer, question.tolerance or 0.0
    elif kind == "ordering":
        fields["items"] = [c.text for c in choices]
    else:
        fields["pairs"] = [{"prompt": c.text, "answer": c.match_text or ""} for c in choices]
    return fields


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
    question.accepted_answers = list(fields.get("accepted", []))
    numeric = question.kind == "numeric"
    question.numeric_answer = float(fields["answer"]) if numeric else None
    question.tolerance = float(fields.get("tolerance") or 0) if numeric else None
    question.choices = choices_from_fields(question.kind, fields)


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


def apply_quiz(quiz: Quiz, settings: dict, topics: dict[str, Topic]) -> None:
    """Copy checked quiz settings (see forms_admin.QuizForm.settings) onto `quiz`."""
    for name in (
        "title",
        "description",
        "kinds",
        "difficulties",
        "question_count",
        "shuffle",
        "feedback_mode",
        "time_limit_minutes",
        "max_attempts",
        "opens_at",
        "closes_at",
        "is_published",
    ):
        setattr(quiz, name, settings[name])
    quiz.topics = [topics[slug] for slug in settings["topics"] if slug in topics]
    quiz.topic_quotas = {slug: count for slug, count in settings["quotas"]}
