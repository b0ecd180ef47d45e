"""Moving the bank out: Moodle GIFT, Moodle XML and a CSV listing. These never write."""

import csv
import io
import random
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from quizapp.core.assembly import make_snapshot
from quizapp.core.export import formula_safe, option_cells, option_columns
from quizapp.core.gift import GiftError, write_gift
from quizapp.core.moodle_xml_writer import write_moodle_xml
from quizapp.core.question_gift import gift_from_fields, transfer_from_fields
from quizapp.core.review import describe_key
from quizapp.core.times import utc_iso
from quizapp.models import Question, Topic, db
from quizapp.services.bank import fields_from_question, question_data, stored_answers
from quizapp.services.never_with import partner_keys

CSV_COLUMNS = (
    "id",
    "key",
    "topic",
    "kind",
    "status",
    "origin",
    "difficulty",
    "prompt",
    "answer",
    "explanation",
    "anchor",
    "version",
    "updated_at",
)


@dataclass(frozen=True)
class GiftExport:
    text: str
    count: int
    skipped: tuple[str, ...]  # one line per question left out, saying why


def bank_questions(topic: Topic | None = None, include_retired: bool = False) -> list[Question]:
    query = (
        select(Question)
        .options(selectinload(Question.choices), selectinload(Question.topic))
        .order_by(Question.topic_id, Question.id)
    )
    if topic is not None:
        query = query.where(Question.topic_id == topic.id)
    if not include_retired:
        query = query.where(Question.status != "retired")
    return list(db.session.scalars(query))


def _label(question: Question) -> str:
    return question.key or f"#{question.id}"


def _slug(question: Question) -> str:
    return question.topic.slug if question.topic else ""


def _transfer_fields(questions: list[Question]) -> list[dict]:
    """Each question's fields with its use and never-with partners (by id), which travel as
    tags (core.question_gift)."""
    partners = partner_keys([q.id for q in questions])
    return [
        {**fields_from_question(q), "use": q.use, "never_with": partners.get(q.id, ())}
        for q in questions
    ]


def export_gift(topic: Topic | None = None) -> GiftExport:
    """GIFT for the bank's current questions (all topics or one); ordering ones are skipped."""
    written, skipped = [], []
    questions = bank_questions(topic)
    for question, fields in zip(questions, _transfer_fields(questions), strict=True):
        gift = gift_from_fields(fields, _slug(question))
        if gift is None:
            skipped.append(f"{_label(question)}: ordering questions have no GIFT type")
            continue
        try:
            write_gift([gift])
        except GiftError as error:
            skipped.append(f"{_label(question)}: {error}")
            continue
        written.append(gift)
    head = "".join(f"// Not exported: {line}\n" for line in skipped)
    return GiftExport(
        head + ("\n" if head else "") + write_gift(written), len(written), tuple(skipped)
    )


def export_moodle_xml(topic: Topic | None = None) -> GiftExport:
    """Moodle XML for the bank's current questions (every kind, ordering included)."""
    questions = bank_questions(topic)
    text = write_moodle_xml(
        transfer_from_fields(fields, _slug(q))
        for q, fields in zip(questions, _transfer_fields(questions), strict=True)
    )
    return GiftExport(text, len(questions), ())


def _cell(value) -> str:
    # The class exports' guard; line breaks stay, as a prompt's Markdown needs them.
    return formula_safe("" if value is None else str(value))


def _answer_text(question: Question) -> str:
    return describe_key(make_snapshot(question_data(question), random.Random(0), shuffle=False))


def bank_csv() -> str:
    """Every question, one row each: the right answer spelled out, then every option in
    numbered column groups (text, correct, feedback, match), as many groups as the longest."""
    questions = bank_questions(include_retired=True)
    width = max((len(q.choices) for q in questions), default=0)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow((*CSV_COLUMNS, *option_columns(width)))
    for q in questions:
        row = (
            q.id,
            q.key,
            _slug(q),
            q.kind,
            q.status,
            q.origin,
            q.difficulty,
            q.prompt,
            _answer_text(q),
            q.explanation,
            q.anchor,
            q.version,
            utc_iso(q.updated_at),  # UTC, ISO 8601 with a Z, like every export
            *option_cells(q.kind, stored_answers(q).choices, width),
        )
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()
