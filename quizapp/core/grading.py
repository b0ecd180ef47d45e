"""Server-side grading of one answer against the key recorded in an attempt's snapshot.

Every question is worth one point; each kind's rule lives in its module in `core/kinds/`.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from quizapp.core.kinds import (
    MAX_TEXT_ANSWER,
    FormValues,
    ParsedResponse,
    kind_of,
    normalise_text,
    parse_number,
)

__all__ = [
    "MAX_TEXT_ANSWER",
    "Grade",
    "ParsedResponse",
    "grade",
    "normalise_text",
    "parse_number",
    "parse_partial",
    "parse_response",
]


@dataclass(frozen=True)
class Grade:
    points: float
    max_points: float = 1.0

    @property
    def is_correct(self) -> bool:
        return self.points >= self.max_points


def grade(kind: str, key: Mapping, response: object) -> Grade:
    """Grade `response` (already parsed, see `parse_response`) for a question of `kind`."""
    if response is None:
        return Grade(0.0)
    return Grade(kind_of(kind).grade(key, response))


def parse_response(snapshot: Mapping, form: FormValues) -> ParsedResponse:
    """Turn submitted form values into a response for `snapshot`, or a message for the student.

    `form` maps field names to lists of submitted values (like a MultiDict).
    """
    return kind_of(snapshot["kind"]).parse(snapshot, form)


def parse_partial(snapshot: Mapping, form: FormValues) -> ParsedResponse:
    """What a student left on the page when moving away: value None when it was left blank,
    a partial answer kept where the kind has several parts (see `Kind.parse_partial`)."""
    return kind_of(snapshot["kind"]).parse_partial(snapshot, form)
