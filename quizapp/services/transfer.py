"""Moving the bank in and out: Moodle GIFT import and export, and a CSV listing.

Import is all-or-nothing: the whole file is planned first (core.question_gift.plan_import) and
nothing is written when any question has a problem. These functions never commit.
"""

import csv
import io
import random
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from quizapp.core.assembly import make_snapshot
from quizapp.core.gift import (
    GiftError,
    GiftParseResult,
    GiftProblem,
    decode_gift,
    parse_gift,
    write_gift,
)
from quizapp.core.question_gift import ImportPlan, gift_from_fields, plan_import
from quizapp.core.review import describe_key
from quizapp.core.times import utc_iso
from quizapp.models import Question, Topic, db
from quizapp.services.bank import create_question, fields_from_question, question_data

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
class ImportOutcome:
    parsed: GiftParseResult
    plan: ImportPlan
    created: int = 0

    @property
    def problems(self) -> tuple[GiftProblem, ...]:
        """Everything that blocks the import, in file order."""
        return tuple(sorted(self.parsed.problems + self.plan.problems, key=lambda p: p.line))


@dataclass(frozen=True)
class GiftExport:
    text: str
    count: int
    skipped: tuple[str, ...]  # one line per question left out, saying why


def _topics() -> dict[str, Topic]:
    return {t.slug: t for t in db.session.scalars(select(Topic))}


def import_gift(
    data: bytes, owner_id: int | None, publish: bool = False, dry_run: bool = False
) -> ImportOutcome:
    """Parse and plan `data`; write the questions unless there is a problem or a dry run.

    Raises GiftError when the bytes are not UTF-8 text.
    """
    parsed = parse_gift(decode_gift(data))
    topics = _topics()
    taken = db.session.scalars(select(Question.key).where(Question.key.is_not(None)))
    plan = plan_import(parsed.questions, {s: t.title for s, t in topics.items()}, taken)
    outcome = ImportOutcome(parsed, plan)
    if outcome.problems or dry_run:
        return outcome
    for planned in plan.questions:
        create_question(
            planned.fields,
            topics.get(planned.topic_slug),
            status="published" if publish else "draft",
            origin="imported",
            created_by_id=owner_id,
        )
    return ImportOutcome(parsed, plan, created=len(plan.questions))


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


def export_gift(topic: Topic | None = None) -> GiftExport:
    """GIFT for the bank's current questions (all topics or one); ordering ones are skipped."""
    written, skipped = [], []
    for question in bank_questions(topic):
        gift = gift_from_fields(
            fields_from_question(question), question.topic.slug if question.topic else ""
        )
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


def _cell(value) -> str:
    text = "" if value is None else str(value)
    # A spreadsheet would run a cell that starts like a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _answer_text(question: Question) -> str:
    return describe_key(make_snapshot(question_data(question), random.Random(0), shuffle=False))


def bank_csv() -> str:
    """Every question, one row each, with the right answer spelled out."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for q in bank_questions(include_retired=True):
        row = (
            q.id,
            q.key,
            q.topic.slug if q.topic else "",
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
        )
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()
