"""Short answer: typed text; case, surrounding spaces, inner runs of spaces and punctuation
are ignored when it is compared with the accepted answers."""

import random
from collections.abc import Mapping

from quizapp.core.gift import GiftAnswer, GiftQuestion
from quizapp.core.kinds.base import (
    MAX_TEXT_ANSWER,
    Answers,
    FormValues,
    GiftBody,
    Kind,
    NewId,
    ParsedResponse,
    StoredAnswers,
    clean,
    first_value,
    normalise_text,
    plain,
    strings,
)


class ShortText(Kind):
    name = "short_text"
    label = "Short answer"
    form = "short_text"
    answer_fields = ("accepted",)

    def example(self) -> dict:
        return {"accepted": ["Torkham", "Torkham crossing"]}

    def check(self, raw: Mapping) -> tuple[dict, dict]:
        accepted: list[str] = []
        for answer in strings(raw.get("accepted")):
            text = clean(answer)
            if text and text.casefold() not in (a.casefold() for a in accepted):
                accepted.append(text)
        problems = {} if accepted else {"accepted": "Give at least one accepted answer."}
        return {"accepted": accepted}, problems

    def stored(self, fields: Mapping) -> StoredAnswers:
        return StoredAnswers(accepted=tuple(fields.get("accepted", ())))

    def fields(self, stored: Answers) -> dict:
        return {"accepted": list(stored.accepted or [])}

    def snapshot(self, stored: Answers, rng: random.Random, shuffle: bool, new_id: NewId) -> dict:
        return {"key": {"accepted": list(stored.accepted)}}

    def parse(self, snapshot: Mapping, form: FormValues) -> ParsedResponse:
        text = first_value(form, "answer").strip()
        if not text:
            return ParsedResponse(error="Type an answer.")
        if len(text) > MAX_TEXT_ANSWER:
            return ParsedResponse(error=f"Keep your answer under {MAX_TEXT_ANSWER} characters.")
        return ParsedResponse(text)

    def form_values(self, snapshot: Mapping, response: object) -> dict[str, list[str]]:
        return {"answer": [str(response)]}

    def right_response(self, snapshot: Mapping) -> object:
        return snapshot["key"]["accepted"][0]

    def grade(self, key: Mapping, response: object) -> float:
        accepted = {normalise_text(answer) for answer in key["accepted"]}
        return 1.0 if normalise_text(str(response)) in accepted else 0.0

    def describe(self, snapshot: Mapping, response: object) -> str:
        return str(response)

    def describe_key(self, snapshot: Mapping) -> str:
        return " or ".join(snapshot["key"]["accepted"])

    def review_key(self, snapshot: Mapping) -> str:
        # Students see the main answer; the other spellings are for marking, not for reading.
        return snapshot["key"]["accepted"][0]

    def from_gift(self, q: GiftQuestion) -> dict:
        return {"accepted": [plain(a.text, q.text_format) for a in q.answers if a.fraction >= 1]}

    def to_gift(self, fields: Mapping) -> GiftBody:
        return GiftBody(tuple(GiftAnswer(a, 1.0) for a in fields["accepted"]))


KIND = ShortText()
