"""What the option kinds share (single, multiple, true_false): options with opaque ids."""

import random
from abc import abstractmethod
from collections.abc import Mapping

from quizapp.core.kinds.base import (
    Answers,
    ChoiceData,
    FormValues,
    Kind,
    NewId,
    OptionReview,
    ParsedResponse,
    StoredAnswers,
    clean,
    has_duplicates,
    option_texts,
    rows,
    token,
)

MIN_CHOICES = 2
NOT_AN_OPTION = "That option is not part of this question."


def choice_rows(raw: Mapping) -> tuple[list[dict], bool]:
    """Choices with text, and whether a blank row was marked correct or given feedback."""
    found, orphan = [], False
    for row in rows(raw.get("choices")):
        text = clean(row.get("text"))
        if text:
            found.append(
                {
                    "text": text,
                    "correct": bool(row.get("correct")),
                    "feedback": clean(row.get("feedback")),
                }
            )
        elif row.get("correct") or clean(row.get("feedback")):
            orphan = True
    return found, orphan


def chosen_ids(response: object) -> list:
    """The option ids in a response: one id (single, true/false), a list (multiple) or none."""
    if response is None:
        return []
    return list(response) if isinstance(response, list | tuple) else [response]


def option_ids(snapshot: Mapping) -> set[str]:
    return {option["id"] for option in snapshot["options"]}


class OptionKind(Kind):
    """Options shown with opaque ids; the key lists the ids of the correct ones."""

    counts_options = True
    shuffles = True  # shown in a random order when the quiz shuffles

    def snapshot(self, stored: Answers, rng: random.Random, shuffle: bool, new_id: NewId) -> dict:
        taken: set[str] = set()
        options = [(token(new_id, taken), choice) for choice in stored.choices]
        shown = list(options)
        if shuffle and self.shuffles:
            rng.shuffle(shown)
        return {
            "options": [{"id": oid, "text": c.text} for oid, c in shown],
            "feedback": {oid: c.feedback for oid, c in options if c.feedback},
            "key": {"correct": [oid for oid, c in options if c.is_correct]},
        }

    def parse(self, snapshot: Mapping, form: FormValues) -> ParsedResponse:
        values = form.get("answer", [])
        if not values or not values[0]:
            return ParsedResponse(error="Choose an answer.")
        if len(values) > 1 or values[0] not in option_ids(snapshot):
            return ParsedResponse(error=NOT_AN_OPTION)
        return ParsedResponse(values[0])

    def form_values(self, snapshot: Mapping, response: object) -> dict[str, list[str]]:
        return {"answer": [response]}

    def right_response(self, snapshot: Mapping) -> object:
        return snapshot["key"]["correct"][0]

    def grade(self, key: Mapping, response: object) -> float:
        return 1.0 if response in key["correct"] else 0.0

    def describe(self, snapshot: Mapping, response: object) -> str:
        return ", ".join(option_texts(snapshot, [response]))

    def describe_key(self, snapshot: Mapping) -> str:
        return ", ".join(option_texts(snapshot, snapshot["key"]["correct"]))

    def review_options(self, snapshot: Mapping, response: object) -> tuple[OptionReview, ...]:
        correct = set(snapshot["key"]["correct"])
        chosen = set(chosen_ids(response))
        notes = snapshot.get("feedback") or {}
        return tuple(
            OptionReview(o["text"], o["id"] in correct, o["id"] in chosen, notes.get(o["id"], ""))
            for o in snapshot["options"]
        )


class ChoiceKind(OptionKind):
    """Options the teacher writes, each with its correctness and feedback."""

    form = "choices"
    answer_fields = ("choices",)

    def check(self, raw: Mapping) -> tuple[dict, dict]:
        found, orphan = choice_rows(raw)
        problem = ""
        if orphan:
            problem = "An option marked correct or given feedback has no text."
        elif len(found) < MIN_CHOICES:
            problem = f"Give at least {MIN_CHOICES} options."
        elif has_duplicates(row["text"] for row in found):
            problem = "Two options have the same text."
        else:
            problem = self.check_correct(sum(row["correct"] for row in found))
        return {"choices": found}, ({"choices": problem} if problem else {})

    @abstractmethod
    def check_correct(self, correct: int) -> str:
        """A problem with how many options are marked correct, or ""."""

    def stored(self, fields: Mapping) -> StoredAnswers:
        return StoredAnswers(
            choices=tuple(
                ChoiceData(c["text"], bool(c.get("correct")), c.get("feedback", ""))
                for c in fields["choices"]
            )
        )

    def fields(self, stored: Answers) -> dict:
        return {
            "choices": [
                {"text": c.text, "correct": c.is_correct, "feedback": c.feedback}
                for c in stored.choices
            ]
        }
