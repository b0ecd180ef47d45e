"""Checking a question before it enters the bank, whatever wrote it (a form, GIFT, a backup).

A question is described by plain fields, the shape of a content-file entry
(see quizapp/content/README.md): `kind`, `prompt`, `explanation`, `difficulty`, `anchor`, `key`,
and the answer fields of its kind (`Kind.answer_fields`, e.g. `choices`, `accepted`, `pairs`).
`check_question` checks the shared fields here and asks the kind (core/kinds) for the rest:
blank rows dropped, numbers parsed, problems reported per field.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from quizapp.core.kinds import KINDS as REGISTRY
from quizapp.core.kinds import NAMES as KINDS

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
    if kind not in KINDS:  # a tuple: a list or dict from JSON is simply not a kind
        return QuestionCheck(problems={"kind": "Choose one of the question kinds the app grades."})
    fields, problems = _common(raw)
    fields["kind"] = kind
    answer_fields, answer_problems = REGISTRY[kind].check(raw)
    return QuestionCheck({**fields, **answer_fields}, {**problems, **answer_problems})


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


def orphaned_anchors(anchors: Iterable[str], used: Mapping[str, int]) -> dict[str, int]:
    """Paragraph ids that questions point at (id → how many) but the new text no longer has."""
    present = set(anchors)
    return {anchor: n for anchor, n in sorted(used.items()) if anchor and anchor not in present}
