"""Mapping between the bank's question fields (see core.questions) and GIFT questions.

GIFT idnumber ↔ `key`, general feedback ↔ `explanation`, category ↔ topic (by slug or title),
tags `difficulty:N` and `anchor:ID` ↔ difficulty and anchor. Ordering questions have no GIFT
type. Importing is planned here and written by the caller only when the plan has no problems.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from quizapp.core.gift import GiftProblem, GiftQuestion
from quizapp.core.kinds import KINDS, kind_of
from quizapp.core.kinds.base import plain
from quizapp.core.questions import check_question

NAME_LENGTH = 60


@dataclass(frozen=True)
class PlannedQuestion:
    line: int
    fields: dict
    topic_slug: str | None


@dataclass(frozen=True)
class ImportPlan:
    """Questions ready to write, problems that block the import, and skipped questions."""

    questions: tuple[PlannedQuestion, ...]
    problems: tuple[GiftProblem, ...]
    skipped: tuple[GiftProblem, ...]


def _tag(tags: Iterable[str], name: str) -> str:
    prefix = f"{name}:"
    return next((t[len(prefix) :].strip() for t in tags if t.startswith(prefix)), "")


def fields_from_gift(q: GiftQuestion) -> dict:
    """Raw question fields for an importable GIFT question (check them with check_question)."""
    difficulty = _tag(q.tags, "difficulty")
    fields = {
        "kind": q.kind,
        "key": q.idnumber or None,
        "prompt": plain(q.text, q.text_format),
        "explanation": plain(q.general_feedback, q.text_format),
        "difficulty": int(difficulty) if difficulty in ("1", "2", "3") else 2,
        "anchor": _tag(q.tags, "anchor"),
    }
    return fields | kind_of(q.kind).from_gift(q)


def topic_for_category(category: str, topics: Mapping[str, str]) -> str | None:
    """The slug of the topic (slug → title) named by a GIFT category, or None.

    Moodle writes categories as paths ("$course$/top/The border"): the whole path is tried first,
    then its last part; each is compared with slugs and titles, ignoring case.
    """
    candidates = [category.strip(), category.rsplit("/", 1)[-1].strip()]
    for candidate in (c.casefold() for c in candidates if c):
        for slug, title in topics.items():
            if candidate in (slug.casefold(), title.casefold()):
                return slug
    return None


def plan_import(
    questions: Iterable[GiftQuestion], topics: Mapping[str, str], taken_keys: Iterable[str]
) -> ImportPlan:
    """Check every parsed question; ids must be new to the bank and unique in the file."""
    planned, problems, skipped = [], [], []
    seen = set(taken_keys)
    for q in questions:
        if not importable(q.kind):
            skipped.append(
                GiftProblem(
                    q.line,
                    f"{q.kind.capitalize()} questions are not supported by the bank: skipped.",
                )
            )
            continue
        check = check_question(fields_from_gift(q))
        problems += [
            GiftProblem(q.line, f"{_LABELS.get(name, name)}: {message}")
            for name, message in check.problems.items()
        ]
        key = check.fields.get("key")
        if key and key in seen:
            problems.append(
                GiftProblem(
                    q.line,
                    f"The id {key!r} is already used by another "
                    "question; change or remove its [id:…].",
                )
            )
        seen.add(key)
        planned.append(
            PlannedQuestion(q.line, check.fields, topic_for_category(q.category, topics))
        )
    return ImportPlan(tuple(planned), tuple(problems), tuple(skipped))


_LABELS = {
    "prompt": "Question text",
    "choices": "Choices",
    "accepted": "Accepted answers",
    "answer": "Answer",
    "tolerance": "Margin of error",
    "pairs": "Pairs",
    "key": "Id",
    "anchor": "Tag anchor",
}


def _name(fields: Mapping) -> str:
    if fields.get("key"):
        return fields["key"]
    prompt = " ".join(fields["prompt"].split())
    if len(prompt) <= NAME_LENGTH:
        return prompt
    cut = prompt[: NAME_LENGTH - 3]
    return (cut[: cut.rindex(" ")] if " " in cut else cut) + "..."


def importable(kind: str) -> bool:
    """Whether the bank has a kind that reads GIFT questions of this GIFT type."""
    return kind in KINDS and KINDS[kind].has_gift


def gift_from_fields(fields: Mapping, category: str = "") -> GiftQuestion | None:
    """The GIFT form of a bank question, or None for a kind without GIFT (ordering)."""
    kind = kind_of(fields["kind"])
    if not kind.has_gift:
        return None
    tags = [f"difficulty:{fields.get('difficulty', 2)}"]
    if fields.get("anchor"):
        tags.append(f"anchor:{fields['anchor']}")
    body = kind.to_gift(fields)
    return GiftQuestion(
        name=_name(fields),
        kind=kind.name,
        text=fields["prompt"],
        general_feedback=fields.get("explanation", ""),
        answers=body.answers,
        pairs=body.pairs,
        tags=tuple(tags),
        idnumber=fields.get("key") or "",
        category=category,
    )
