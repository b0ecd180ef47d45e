"""Number: right when |answer - value| <= tolerance."""

import math
import random
from collections.abc import Mapping

from quizapp.core.gift import GiftAnswer, GiftQuestion
from quizapp.core.kinds.base import (
    Answers,
    FormValues,
    GiftBody,
    Kind,
    NewId,
    ParsedResponse,
    StoredAnswers,
    first_value,
    parse_number,
)
from quizapp.core.readable import readable_key, readable_number

MAX_LENGTH = 40  # characters: more digits than a float keeps, and still one line on a phone


def number(value: object) -> float | None:
    """A finite number from a field value (a number or its text), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    return parse_number(value) if isinstance(value, str) and len(value) <= MAX_LENGTH else None


def not_a_number(text: str) -> str:
    """What is wrong with a typed answer that is not a number, in the student's terms."""
    if len(text) > MAX_LENGTH:
        return f"That number is too long: use at most {MAX_LENGTH} characters."
    if parse_number("".join(text.split())) is not None:
        return "Leave out the spaces inside the number: write 1000 or 1,000, not 1 000."
    return "Type a number, using digits (for example 1893)."


def _gift_number(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


class Numeric(Kind):
    name = "numeric"
    label = "Number"
    form = "numeric"
    answer_fields = ("answer", "tolerance")

    def example(self) -> dict:
        return {"answer": 2600.0, "tolerance": 100.0}

    def check(self, raw: Mapping) -> tuple[dict, dict]:
        answer = number(raw.get("answer"))
        tolerance_raw = raw.get("tolerance")
        blank = tolerance_raw is None or (
            isinstance(tolerance_raw, str) and not tolerance_raw.strip()
        )
        tolerance = 0.0 if blank else number(tolerance_raw)
        problems = {}
        if answer is None:
            problems["answer"] = "Give the answer as a number, for example 1893 or 2.5."
        if tolerance is None:
            problems["tolerance"] = "Give the tolerance as a number, for example 0 or 0.5."
        elif tolerance < 0:
            problems["tolerance"] = "The tolerance cannot be negative."
        return {"answer": answer, "tolerance": tolerance}, problems

    def stored(self, fields: Mapping) -> StoredAnswers:
        tolerance = float(fields.get("tolerance") or 0)
        return StoredAnswers(numeric_answer=float(fields["answer"]), tolerance=tolerance)

    def fields(self, stored: Answers) -> dict:
        return {"answer": stored.numeric_answer, "tolerance": stored.tolerance or 0.0}

    def snapshot(self, stored: Answers, rng: random.Random, shuffle: bool, new_id: NewId) -> dict:
        return {"key": {"value": stored.numeric_answer, "tolerance": stored.tolerance or 0.0}}

    def parse(self, snapshot: Mapping, form: FormValues) -> ParsedResponse:
        text = first_value(form, "answer").strip()
        if not text:
            return ParsedResponse(error="Type a number.")
        value = parse_number(text) if len(text) <= MAX_LENGTH else None
        if value is None:
            return ParsedResponse(error=not_a_number(text))
        return ParsedResponse(value)

    def form_values(self, snapshot: Mapping, response: object) -> dict[str, list[str]]:
        return {"answer": [_gift_number(response)]}  # exact, and "1893" rather than "1893.0"

    def right_response(self, snapshot: Mapping) -> object:
        return float(snapshot["key"]["value"])

    def grade(self, key: Mapping, response: object) -> float:
        return 1.0 if abs(float(response) - key["value"]) <= key["tolerance"] + 1e-9 else 0.0

    def describe(self, snapshot: Mapping, response: object) -> str:
        return readable_number(float(response))

    def describe_key(self, snapshot: Mapping) -> str:
        return readable_key(float(snapshot["key"]["value"]), snapshot["key"]["tolerance"] or 0.0)

    def from_gift(self, q: GiftQuestion) -> dict:
        best = next((a for a in q.answers if a.fraction >= 1 and a.text != "*"), None)
        return {
            "answer": best.text if best else None,
            "tolerance": (best.tolerance or 0.0) if best else 0.0,
        }

    def to_gift(self, fields: Mapping) -> GiftBody:
        value, tolerance = fields["answer"], fields.get("tolerance") or 0.0
        return GiftBody((GiftAnswer(_gift_number(value), 1.0, "", float(tolerance)),))


KIND = Numeric()
