"""Single choice: exactly one option is right."""

from collections.abc import Mapping

from quizapp.core.gift import GiftAnswer, GiftQuestion
from quizapp.core.kinds.base import GiftBody, plain
from quizapp.core.kinds.choice import ChoiceKind


class Single(ChoiceKind):
    name = "single"
    label = "Single choice"
    form_hint = (
        "Fill in at least two options and mark exactly one as correct. Empty rows are ignored."
    )

    def example(self) -> dict:
        return {
            "choices": [
                {"text": "Torkham", "correct": True, "feedback": "The main crossing."},
                {"text": "Wagah", "correct": False, "feedback": "That is on the Indian border."},
            ]
        }

    def check_correct(self, correct: int) -> str:
        return "" if correct == 1 else f"Mark exactly one option as correct (now {correct})."

    def from_gift(self, q: GiftQuestion) -> dict:
        # Partial credit has no place in the bank: a single choice is right only at 100%.
        fmt = q.text_format
        return {
            "choices": [
                {
                    "text": plain(a.text, fmt),
                    "correct": a.fraction >= 1.0,
                    "feedback": plain(a.feedback, fmt),
                }
                for a in q.answers
            ]
        }

    def to_gift(self, fields: Mapping) -> GiftBody:
        return GiftBody(
            tuple(
                GiftAnswer(c["text"], 1.0 if c.get("correct") else 0.0, c.get("feedback", ""))
                for c in fields["choices"]
            )
        )


KIND = Single()
