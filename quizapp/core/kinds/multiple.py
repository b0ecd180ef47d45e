"""Multiple select: credit is the share of correct options ticked; one wrong tick gives 0."""

from collections.abc import Mapping

from quizapp.core.gift import GiftAnswer, GiftQuestion
from quizapp.core.kinds.base import FormValues, GiftBody, ParsedResponse, option_texts, plain
from quizapp.core.kinds.choice import NOT_AN_OPTION, ChoiceKind, option_ids


class Multiple(ChoiceKind):
    name = "multiple"
    label = "Multiple select"
    form_hint = (
        "Fill in at least two options and mark every correct one. "
        "A student who ticks a wrong option scores nothing."
    )

    def example(self) -> dict:
        return {
            "choices": [
                {"text": "Kabul", "correct": True, "feedback": ""},
                {"text": "Kandahar", "correct": True, "feedback": ""},
                {"text": "Quetta", "correct": False, "feedback": "Quetta is in Pakistan."},
            ]
        }

    def check_correct(self, correct: int) -> str:
        return "" if correct >= 1 else "Mark at least one option as correct."

    def parse(self, snapshot: Mapping, form: FormValues) -> ParsedResponse:
        values = [value for value in form.get("answer", []) if value]
        if not values:
            return ParsedResponse(error="Tick at least one answer.")
        if not set(values) <= option_ids(snapshot) or len(set(values)) != len(values):
            return ParsedResponse(error=NOT_AN_OPTION)
        return ParsedResponse(sorted(values))

    def form_values(self, snapshot: Mapping, response: object) -> dict[str, list[str]]:
        return {"answer": list(response)}

    def right_response(self, snapshot: Mapping) -> object:
        return sorted(snapshot["key"]["correct"])

    def grade(self, key: Mapping, response: object) -> float:
        chosen, correct = set(response), set(key["correct"])
        if not chosen or chosen - correct:
            return 0.0
        return len(chosen) / len(correct)

    def describe(self, snapshot: Mapping, response: object) -> str:
        return ", ".join(option_texts(snapshot, response))

    def from_gift(self, q: GiftQuestion) -> dict:
        fmt = q.text_format
        return {
            "choices": [
                {
                    "text": plain(a.text, fmt),
                    "correct": a.fraction >= 1e-9,
                    "feedback": plain(a.feedback, fmt),
                }
                for a in q.answers
            ]
        }

    def to_gift(self, fields: Mapping) -> GiftBody:
        share = 1 / sum(1 for c in fields["choices"] if c.get("correct"))
        # One wrong tick scores nothing in the bank: Moodle's -100% comes closest.
        return GiftBody(
            tuple(
                GiftAnswer(c["text"], share if c.get("correct") else -1.0, c.get("feedback", ""))
                for c in fields["choices"]
            )
        )


KIND = Multiple()
