"""Checking a question before it enters the bank, whatever wrote it (a form, GIFT, a backup).

A question is described by plain fields, the shape of a content-file entry
(see quizapp/content/README.md): `kind`, `prompt`, `explanation`, `difficulty`, `anchor`, `key`,
and per kind `choices` ({text, correct, feedback}), `answer` (a bool for true_false, a number for
numeric), `tolerance`, `accepted`, `items` (in the right order) or `pairs` ({prompt, answer}).
`check_question` drops blank rows, parses numbers and reports problems per field.
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from quizapp.core.grading import parse_number

KINDS = ("single", "multiple", "true_false", "short_text", "numeric", "ordering", "matching")
MIN_CHOICES, MIN_ITEMS, MIN_PAIRS = 2, 3, 3
KEY_LENGTH = 100
_ANCHOR = re.compile(r"^[A-Za-z0-9_-]{0,100}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class QuestionCheck:
    """The cleaned fields, and field name → message for each problem found."""

    fields: dict = field(default_factory=dict)
    problems: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def may_edit(is_admin: bool, user_id: int, owner_id: int | None) -> bool:
    """Admins edit everything; a teacher edits what they created and unowned (seeded) content."""
    return is_admin or owner_id is None or owner_id == user_id


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def check_question(raw: Mapping) -> QuestionCheck:
    """Clean `raw` and check it against the rules of its kind."""
    kind = raw.get("kind")
    if kind not in KINDS:
        return QuestionCheck(problems={"kind": "Choose one of the question kinds the app grades."})
    fields, problems = _common(raw)
    fields["kind"] = kind
    _CHECKS[kind](raw, fields, problems)
    return QuestionCheck(fields, problems)


def _common(raw: Mapping) -> tuple[dict, dict]:
    problems = {}
    fields = {
        "key": _text(raw.get("key")) or None,
        "prompt": _text(raw.get("prompt")),
        "explanation": _text(raw.get("explanation")),
        "anchor": _text(raw.get("anchor")),
        "difficulty": raw.get("difficulty", 2),
    }
    if not fields["prompt"]:
        problems["prompt"] = "Write the question."
    if fields["difficulty"] not in (1, 2, 3) or isinstance(fields["difficulty"], bool):
        problems["difficulty"] = "Choose a difficulty from 1 (easy) to 3 (hard)."
    if not _ANCHOR.match(fields["anchor"]):
        problems["anchor"] = "A paragraph id uses only letters, digits, - and _."
    key = fields["key"]
    if key and (len(key) > KEY_LENGTH or _CONTROL.search(key)):
        problems["key"] = f"An id is one line of at most {KEY_LENGTH} characters."
    return fields, problems


def _duplicates(texts) -> bool:
    folded = [t.casefold() for t in texts]
    return len(set(folded)) != len(folded)


def _rows(value) -> list[Mapping]:
    """The mapping rows of a list; anything else counts as a blank row."""
    return [row for row in value if isinstance(row, Mapping)] if isinstance(value, list) else []


def _strings(value) -> list:
    return value if isinstance(value, list) else []


def _choice_rows(raw: Mapping) -> tuple[list[dict], bool]:
    """Choices with text, and whether a blank row was marked correct or given feedback."""
    rows, orphan = [], False
    for row in _rows(raw.get("choices")):
        text = _text(row.get("text"))
        if text:
            rows.append(
                {
                    "text": text,
                    "correct": bool(row.get("correct")),
                    "feedback": _text(row.get("feedback")),
                }
            )
        elif row.get("correct") or _text(row.get("feedback")):
            orphan = True
    return rows, orphan


def _check_choices(raw: Mapping, fields: dict, problems: dict) -> None:
    rows, orphan = _choice_rows(raw)
    fields["choices"] = rows
    correct = sum(row["correct"] for row in rows)
    if orphan:
        problems["choices"] = "An option marked correct or given feedback has no text."
    elif len(rows) < MIN_CHOICES:
        problems["choices"] = f"Give at least {MIN_CHOICES} options."
    elif _duplicates(row["text"] for row in rows):
        problems["choices"] = "Two options have the same text."
    elif fields["kind"] == "single" and correct != 1:
        problems["choices"] = f"Mark exactly one option as correct (now {correct})."
    elif fields["kind"] == "multiple" and correct < 1:
        problems["choices"] = "Mark at least one option as correct."


def _check_true_false(raw: Mapping, fields: dict, problems: dict) -> None:
    answer = raw.get("answer")
    if not isinstance(answer, bool):
        problems["answer"] = "Say whether the statement is true or false."
    fields["answer"] = answer


def _check_short_text(raw: Mapping, fields: dict, problems: dict) -> None:
    accepted = []
    for answer in _strings(raw.get("accepted")):
        text = _text(answer)
        if text and text.casefold() not in (a.casefold() for a in accepted):
            accepted.append(text)
    fields["accepted"] = accepted
    if not accepted:
        problems["accepted"] = "Give at least one accepted answer."


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    return parse_number(value) if isinstance(value, str) and len(value) <= 40 else None


def _check_numeric(raw: Mapping, fields: dict, problems: dict) -> None:
    answer = _number(raw.get("answer"))
    tolerance_raw = raw.get("tolerance")
    blank = tolerance_raw is None or (isinstance(tolerance_raw, str) and not tolerance_raw.strip())
    tolerance = 0.0 if blank else _number(tolerance_raw)
    if answer is None:
        problems["answer"] = "Give the answer as a number, for example 1893 or 2.5."
    if tolerance is None:
        problems["tolerance"] = "Give the tolerance as a number, for example 0 or 0.5."
    elif tolerance < 0:
        problems["tolerance"] = "The tolerance cannot be negative."
    fields["answer"], fields["tolerance"] = answer, tolerance


def _check_ordering(raw: Mapping, fields: dict, problems: dict) -> None:
    items = [text for text in map(_text, _strings(raw.get("items"))) if text]
    fields["items"] = items
    if len(items) < MIN_ITEMS:
        problems["items"] = (
            f"Give at least {MIN_ITEMS} items, in the right order (now {len(items)})."
        )
    elif _duplicates(items):
        problems["items"] = "Each item must be different, or the right order is ambiguous."


def _check_matching(raw: Mapping, fields: dict, problems: dict) -> None:
    pairs, half = [], False
    for row in _rows(raw.get("pairs")):
        prompt, answer = _text(row.get("prompt")), _text(row.get("answer"))
        if prompt and answer:
            pairs.append({"prompt": prompt, "answer": answer})
        elif prompt or answer:
            half = True
    fields["pairs"] = pairs
    if half:
        problems["pairs"] = "Every pair needs both a prompt and its match."
    elif len(pairs) < MIN_PAIRS:
        problems["pairs"] = f"Give at least {MIN_PAIRS} pairs (now {len(pairs)})."
    elif _duplicates(p["prompt"] for p in pairs) or _duplicates(p["answer"] for p in pairs):
        problems["pairs"] = "Each prompt and each match must be different."


_CHECKS = {
    "single": _check_choices,
    "multiple": _check_choices,
    "true_false": _check_true_false,
    "short_text": _check_short_text,
    "numeric": _check_numeric,
    "ordering": _check_ordering,
    "matching": _check_matching,
}


def orphaned_anchors(anchors, used: Mapping[str, int]) -> dict[str, int]:
    """Paragraph ids that questions point at (id → how many) but the new text no longer has."""
    present = set(anchors)
    return {anchor: n for anchor, n in sorted(used.items()) if anchor and anchor not in present}
