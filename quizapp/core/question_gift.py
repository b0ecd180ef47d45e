"""Mapping between the bank's question fields (see core.questions) and GIFT questions.

GIFT idnumber ↔ `key`, general feedback ↔ `explanation`, category ↔ topic (by slug or title),
tags `difficulty:N` and `anchor:ID` ↔ difficulty and anchor. Ordering questions have no GIFT
type. Importing is planned here and written by the caller only when the plan has no problems.
"""

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from quizapp.core.gift import IMPORTABLE_KINDS, GiftAnswer, GiftPair, GiftProblem, GiftQuestion
from quizapp.core.questions import check_question

_TAG = re.compile(r"<[^>]*>")
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


def _plain(text: str, text_format: str) -> str:
    if text_format != "html":
        return text
    return html.unescape(_TAG.sub("", text)).strip()


def _tag(tags: Iterable[str], name: str) -> str:
    prefix = f"{name}:"
    return next((t[len(prefix) :].strip() for t in tags if t.startswith(prefix)), "")


def fields_from_gift(q: GiftQuestion) -> dict:
    """Raw question fields for an importable GIFT question (check them with check_question)."""
    difficulty = _tag(q.tags, "difficulty")
    fields = {
        "kind": q.kind,
        "key": q.idnumber or None,
        "prompt": _plain(q.text, q.text_format),
        "explanation": _plain(q.general_feedback, q.text_format),
        "difficulty": int(difficulty) if difficulty in ("1", "2", "3") else 2,
        "anchor": _tag(q.tags, "anchor"),
    }
    fmt = q.text_format
    if q.kind in ("single", "multiple"):
        # Partial credit has no place in the bank: a single choice is right only at 100%.
        least = 1.0 if q.kind == "single" else 1e-9
        fields["choices"] = [
            {
                "text": _plain(a.text, fmt),
                "correct": a.fraction >= least,
                "feedback": _plain(a.feedback, fmt),
            }
            for a in q.answers
        ]
    elif q.kind == "true_false":
        fields["answer"] = next((a.text == "True" for a in q.answers if a.fraction >= 1), None)
    elif q.kind == "short_text":
        fields["accepted"] = [_plain(a.text, fmt) for a in q.answers if a.fraction >= 1]
    elif q.kind == "numeric":
        best = next((a for a in q.answers if a.fraction >= 1 and a.text != "*"), None)
        fields["answer"] = best.text if best else None
        fields["tolerance"] = (best.tolerance or 0.0) if best else 0.0
    elif q.kind == "matching":  # pragma: no branch - only importable kinds reach here
        fields["pairs"] = [
            {"prompt": _plain(p.prompt, fmt), "answer": p.answer} for p in q.pairs if p.prompt
        ]
    return fields


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
        if q.kind not in IMPORTABLE_KINDS:
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


def _number_text(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _answers(fields: Mapping) -> tuple[GiftAnswer, ...]:
    kind = fields["kind"]
    if kind == "single":
        return tuple(
            GiftAnswer(c["text"], 1.0 if c.get("correct") else 0.0, c.get("feedback", ""))
            for c in fields["choices"]
        )
    if kind == "multiple":
        share = 1 / sum(1 for c in fields["choices"] if c.get("correct"))
        # One wrong tick scores nothing in the bank: Moodle's -100% comes closest.
        return tuple(
            GiftAnswer(c["text"], share if c.get("correct") else -1.0, c.get("feedback", ""))
            for c in fields["choices"]
        )
    if kind == "true_false":
        right = bool(fields["answer"])
        return (GiftAnswer("True", float(right)), GiftAnswer("False", float(not right)))
    if kind == "short_text":
        return tuple(GiftAnswer(a, 1.0) for a in fields["accepted"])
    value, tolerance = fields["answer"], fields.get("tolerance") or 0.0
    return (GiftAnswer(_number_text(value), 1.0, "", float(tolerance)),)


def gift_from_fields(fields: Mapping, category: str = "") -> GiftQuestion | None:
    """The GIFT form of a bank question, or None for an ordering question (no GIFT type)."""
    kind = fields["kind"]
    if kind == "ordering":
        return None
    tags = [f"difficulty:{fields.get('difficulty', 2)}"]
    if fields.get("anchor"):
        tags.append(f"anchor:{fields['anchor']}")
    pairs = tuple(GiftPair(p["prompt"], p["answer"]) for p in fields.get("pairs", ()))
    return GiftQuestion(
        name=_name(fields),
        kind=kind,
        text=fields["prompt"],
        general_feedback=fields.get("explanation", ""),
        answers=() if kind == "matching" else _answers(fields),
        pairs=pairs if kind == "matching" else (),
        tags=tuple(tags),
        idnumber=fields.get("key") or "",
        category=category,
    )
