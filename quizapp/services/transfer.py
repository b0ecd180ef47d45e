"""Moving questions into the bank from Moodle GIFT or Moodle XML files.

Import is all-or-nothing: the whole file is read and planned first (core.import_plan) and
nothing is written when any question has a problem, nor on a dry run. A question whose id is
already in the bank is updated, left alone or added as a copy (`on_existing`); each update is
recorded in a QuestionChange row. These functions never commit. Exports: services.transfer_export.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from quizapp.core.gift import GiftParseResult, GiftProblem, decode_gift, parse_gift
from quizapp.core.import_plan import Existing, ImportPlan, PlannedQuestion, plan_import
from quizapp.core.moodle_xml import read_moodle_xml
from quizapp.models import Question, QuestionChange, Topic, db
from quizapp.services.bank import (
    claim_version,
    create_question,
    fields_from_question,
    update_question,
)
from quizapp.services.never_with import partner_keys, save_usage_by_key

FORMATS = {"gift": "GIFT", "xml": "Moodle XML"}
SOURCE_LENGTH = 200


@dataclass(frozen=True)
class ImportOutcome:
    parsed: GiftParseResult
    plan: ImportPlan
    written: bool = False

    @property
    def problems(self) -> tuple[GiftProblem, ...]:
        """Everything that blocks the import, in file order."""
        return tuple(sorted(self.parsed.problems + self.plan.problems, key=lambda p: p.line))


def detect_format(filename: str, requested: str | None = None) -> str:
    """ "xml" for a .xml file, else "gift" (a `requested` format wins)."""
    if requested in FORMATS:
        return requested
    return "xml" if filename.lower().endswith(".xml") else "gift"


def read_questions(data: bytes, fmt: str) -> GiftParseResult:
    """The questions and problems of a GIFT or Moodle XML file.

    Raises GiftError (or MoodleXmlError, a GiftError) when the file cannot be read at all.
    """
    return read_moodle_xml(data) if fmt == "xml" else parse_gift(decode_gift(data))


def _topics() -> dict[str, Topic]:
    return {t.slug: t for t in db.session.scalars(select(Topic))}


def _existing(keys: Iterable[str]) -> dict[str, Existing]:
    wanted = sorted({k for k in keys if k})
    found: dict[str, Existing] = {}
    for start in range(0, len(wanted), 500):
        query = (
            select(Question)
            .where(Question.key.in_(wanted[start : start + 500]))
            .options(selectinload(Question.choices), selectinload(Question.topic))
        )
        questions = list(db.session.scalars(query))
        partners = partner_keys([q.id for q in questions])
        for q in questions:
            slug = q.topic.slug if q.topic else None
            usage = (q.use, partners.get(q.id, ()))
            found[q.key] = Existing(q.id, fields_from_question(q), slug, usage)
    return found


def _known_keys(parsed: GiftParseResult) -> set[str]:
    """The ids a `never-with:` tag of the file may name: the file's own and the bank's."""
    in_file = {q.idnumber for q in parsed.questions if q.idnumber}
    named = {t.split(":", 1)[1].strip() for q in parsed.questions for t in q.tags if ":" in t}
    wanted = sorted(named - in_file)
    in_bank = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        in_bank |= set(db.session.scalars(select(Question.key).where(Question.key.in_(chunk))))
    return in_file | in_bank


def import_questions(
    data: bytes,
    owner_id: int | None,
    *,
    fmt: str = "gift",
    publish: bool = False,
    dry_run: bool = False,
    on_existing: str = "update",
    filename: str = "",
) -> ImportOutcome:
    """Read and plan `data`; write it unless there is a problem or this is a dry run."""
    parsed = read_questions(data, fmt)
    topics = _topics()
    existing = _existing(q.idnumber for q in parsed.questions)
    titles = {slug: t.title for slug, t in topics.items()}
    plan = plan_import(parsed.questions, titles, existing, on_existing, _known_keys(parsed))
    outcome = ImportOutcome(parsed, plan)
    if outcome.problems or dry_run:
        return outcome
    source = _source(fmt, filename)
    written = [(item, _write(item, topics, owner_id, publish, source)) for item in plan.questions]
    tagged = [(q, *item.usage) for item, q in written if q is not None and item.usage is not None]
    save_usage_by_key(tagged, owner_id, source)
    return ImportOutcome(parsed, plan, written=True)


def _source(fmt: str, filename: str) -> str:
    name = "".join(ch for ch in filename if ch.isprintable())
    text = f"{FORMATS[fmt]} import" + (f" of {name}" if name else "")
    return text[:SOURCE_LENGTH]


def _write(
    item: PlannedQuestion, topics: dict[str, Topic], owner_id: int | None, publish: bool, source
) -> Question | None:
    topic = topics.get(item.topic_slug) if item.topic_slug else None
    if item.action in ("create", "copy"):
        return create_question(
            item.fields,
            topic,
            status="published" if publish else "draft",
            origin="imported",
            created_by_id=owner_id,
        )
    elif item.action == "update":
        question = db.session.get_one(Question, item.existing_id)
        claim_version(question, question.version)
        update_question(question, item.fields, topic or question.topic)
        db.session.add(
            QuestionChange(
                question_id=question.id,
                changed_by_id=owner_id,
                source=source,
                fields=list(item.changed),
            )
        )
        return question
    return None
