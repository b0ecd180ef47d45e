"""Server-side grading of one answer against the key recorded in an attempt's snapshot.

Every question is worth one point. Rules:
- single / true_false: the chosen option must be the correct one.
- multiple: credit is the share of correct options ticked, and a single wrong tick gives 0.
- short_text: case, surrounding spaces, inner runs of spaces and punctuation are ignored.
- numeric: |answer - value| <= tolerance.
- ordering: all items in the right order (no partial credit: a half-right order is a wrong order).
- matching: credit is the share of prompts matched to the right answer.
"""

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MAX_TEXT_ANSWER = 200
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Grade:
    points: float
    max_points: float = 1.0

    @property
    def is_correct(self) -> bool:
        return self.points >= self.max_points


@dataclass(frozen=True)
class ParsedResponse:
    value: object = None
    error: str = ""


def normalise_text(text: str) -> str:
    """Fold case, accents-compatible forms, punctuation and spacing for short-answer matching."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def parse_number(text: str) -> float | None:
    """A finite number typed by a student ("1,893", " 12.5 ", "-3"), or None."""
    cleaned = text.strip().replace(",", "").replace("\u2212", "-")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def grade(kind: str, key: Mapping, response: object) -> Grade:
    """Grade `response` (already parsed, see `parse_response`) for a question of `kind`."""
    if response is None:
        return Grade(0.0)
    return Grade(_GRADERS[kind](key, response))


def _grade_single(key: Mapping, response: object) -> float:
    return 1.0 if response in key["correct"] else 0.0


def _grade_multiple(key: Mapping, response: object) -> float:
    chosen, correct = set(response), set(key["correct"])
    if not chosen or chosen - correct:
        return 0.0
    return len(chosen) / len(correct)


def _grade_short_text(key: Mapping, response: object) -> float:
    accepted = {normalise_text(answer) for answer in key["accepted"]}
    return 1.0 if normalise_text(str(response)) in accepted else 0.0


def _grade_numeric(key: Mapping, response: object) -> float:
    return 1.0 if abs(float(response) - key["value"]) <= key["tolerance"] + 1e-9 else 0.0


def _grade_ordering(key: Mapping, response: object) -> float:
    return 1.0 if list(response) == list(key["order"]) else 0.0


def _grade_matching(key: Mapping, response: object) -> float:
    pairs = key["pairs"]
    right = sum(1 for prompt, answer in pairs.items() if response.get(prompt) == answer)
    return right / len(pairs)


_GRADERS = {
    "single": _grade_single,
    "true_false": _grade_single,
    "multiple": _grade_multiple,
    "short_text": _grade_short_text,
    "numeric": _grade_numeric,
    "ordering": _grade_ordering,
    "matching": _grade_matching,
}


def parse_response(snapshot: Mapping, form: Mapping[str, Sequence[str]]) -> ParsedResponse:
    """Turn submitted form values into a response for `snapshot`, or a message for the student.

    `form` maps field names to lists of submitted values (like a MultiDict).
    """
    return _PARSERS[snapshot["kind"]](snapshot, form)


def _option_ids(snapshot: Mapping) -> set[str]:
    return {option["id"] for option in snapshot["options"]}


def _parse_single(snapshot: Mapping, form: Mapping) -> ParsedResponse:
    values = form.get("answer", [])
    if not values or not values[0]:
        return ParsedResponse(error="Choose an answer.")
    if len(values) > 1 or values[0] not in _option_ids(snapshot):
        return ParsedResponse(error="That option is not part of this question.")
    return ParsedResponse(values[0])


def _parse_multiple(snapshot: Mapping, form: Mapping) -> ParsedResponse:
    values = [value for value in form.get("answer", []) if value]
    if not values:
        return ParsedResponse(error="Tick at least one answer.")
    if not set(values) <= _option_ids(snapshot) or len(set(values)) != len(values):
        return ParsedResponse(error="That option is not part of this question.")
    return ParsedResponse(sorted(values))


def _parse_short_text(snapshot: Mapping, form: Mapping) -> ParsedResponse:
    text = (form.get("answer") or [""])[0].strip()
    if not text:
        return ParsedResponse(error="Type an answer.")
    if len(text) > MAX_TEXT_ANSWER:
        return ParsedResponse(error=f"Keep your answer under {MAX_TEXT_ANSWER} characters.")
    return ParsedResponse(text)


def _parse_numeric(snapshot: Mapping, form: Mapping) -> ParsedResponse:
    text = (form.get("answer") or [""])[0].strip()
    if not text:
        return ParsedResponse(error="Type a number.")
    value = parse_number(text) if len(text) <= 40 else None
    if value is None:
        return ParsedResponse(error="Type a number, using digits (for example 1893).")
    return ParsedResponse(value)


def _parse_ordering(snapshot: Mapping, form: Mapping) -> ParsedResponse:
    ids = [option["id"] for option in snapshot["options"]]
    ranks = {}
    for option_id in ids:
        raw = (form.get(f"rank-{option_id}") or [""])[0]
        if not raw.isdigit() or not 1 <= int(raw) <= len(ids):
            return ParsedResponse(error=f"Give every item a place from 1 to {len(ids)}.")
        ranks[option_id] = int(raw)
    if len(set(ranks.values())) != len(ids):
        return ParsedResponse(error="Use each place only once.")
    return ParsedResponse(sorted(ids, key=ranks.__getitem__))


def _parse_matching(snapshot: Mapping, form: Mapping) -> ParsedResponse:
    answers = {option["id"] for option in snapshot["answers"]}
    chosen = {}
    for prompt in snapshot["options"]:
        raw = (form.get(f"match-{prompt['id']}") or [""])[0]
        if not raw:
            return ParsedResponse(error="Choose a match for every item.")
        if raw not in answers:
            return ParsedResponse(error="That option is not part of this question.")
        chosen[prompt["id"]] = raw
    return ParsedResponse(chosen)


_PARSERS = {
    "single": _parse_single,
    "true_false": _parse_single,
    "multiple": _parse_multiple,
    "short_text": _parse_short_text,
    "numeric": _parse_numeric,
    "ordering": _parse_ordering,
    "matching": _parse_matching,
}
