"""The question bank: building questions from plain fields and reading them for the core."""

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from quizapp.core.assembly import ChoiceData, QuestionData
from quizapp.models import ArticleRevision, Choice, Question, Quiz, Topic, db


def choices_from_fields(kind: str, fields: Mapping) -> list[Choice]:
    """Choice rows for a question described like a content file entry (see content/README.md)."""
    if kind == "true_false":
        answer = bool(fields["answer"])
        return [
            Choice(text="True", is_correct=answer, position=0),
            Choice(text="False", is_correct=not answer, position=1),
        ]
    if kind == "ordering":
        return [Choice(text=t, is_correct=True, position=i) for i, t in enumerate(fields["items"])]
    if kind == "matching":
        return [
            Choice(text=p["prompt"], match_text=p["answer"], is_correct=True, position=i)
            for i, p in enumerate(fields["pairs"])
        ]
    if kind in ("single", "multiple"):
        return [
            Choice(
                text=c["text"],
                is_correct=bool(c.get("correct")),
                feedback=c.get("feedback", ""),
                position=i,
            )
            for i, c in enumerate(fields["choices"])
        ]
    return []


def question_from_fields(fields: Mapping, topic: Topic | None, **extra) -> Question:
    kind = fields["kind"]
    question = Question(
        key=fields.get("key"),
        topic=topic,
        kind=kind,
        prompt=fields["prompt"].strip(),
        explanation=fields.get("explanation", "").strip(),
        difficulty=int(fields.get("difficulty", 2)),
        anchor=fields.get("anchor", ""),
        accepted_answers=list(fields.get("accepted", [])),
        numeric_answer=float(fields["answer"]) if kind == "numeric" else None,
        tolerance=float(fields.get("tolerance", 0)) if kind == "numeric" else None,
        **extra,
    )
    question.choices = choices_from_fields(kind, fields)
    return question


def question_data(question: Question) -> QuestionData:
    """The plain view of a question that the core draws and snapshots."""
    return QuestionData(
        id=question.id,
        kind=question.kind,
        prompt=question.prompt,
        topic_slug=question.topic.slug if question.topic else "",
        explanation=question.explanation,
        anchor=question.anchor,
        difficulty=question.difficulty,
        choices=tuple(
            ChoiceData(c.text, c.is_correct, c.feedback, c.match_text) for c in question.choices
        ),
        numeric_answer=question.numeric_answer,
        tolerance=question.tolerance,
        accepted=tuple(question.accepted_answers or ()),
    )


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
    return [question_data(q) for q in db.session.scalars(_article_filter(query, quiz))]


def _article_filter(query, quiz: Quiz):
    if not quiz.article_id:
        return query
    # A question whose source sentence changed waits for a teacher before students see it again.
    return query.join(ArticleRevision, Question.article_revision_id == ArticleRevision.id).where(
        ArticleRevision.article_id == quiz.article_id, Question.needs_review.is_(False)
    )
