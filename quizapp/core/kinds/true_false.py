"""True or false: a statement, stored as the two options "True" and "False"."""

from collections.abc import Mapping

from quizapp.core.gift import GiftAnswer, GiftQuestion
from quizapp.core.kinds.base import Answers, ChoiceData, GiftBody, StoredAnswers
from quizapp.core.kinds.choice import OptionKind


class TrueFalse(OptionKind):
    name = "true_false"
    label = "True or false"
    form = "true_false"
    answer_fields = ("answer",)
    shuffles = False  # "True" always comes first

    def example(self) -> dict:
        return {"answer": True}

    def check(self, raw: Mapping) -> tuple[dict, dict]:
        answer = raw.get("answer")
        if not isinstance(answer, bool):
            return {"answer": answer}, {"answer": "Say whether the statement is true or false."}
        return {"answer": answer}, {}

    def stored(self, fields: Mapping) -> StoredAnswers:
        answer = bool(fields["answer"])
        return StoredAnswers(choices=(ChoiceData("True", answer), ChoiceData("False", not answer)))

    def fields(self, stored: Answers) -> dict:
        return {"answer": any(c.is_correct and c.text == "True" for c in stored.choices)}

    def from_gift(self, q: GiftQuestion) -> dict:
        return {"answer": next((a.text == "True" for a in q.answers if a.fraction >= 1), None)}

    def to_gift(self, fields: Mapping) -> GiftBody:
        right = bool(fields["answer"])
        return GiftBody((GiftAnswer("True", float(right)), GiftAnswer("False", float(not right))))


KIND = TrueFalse()
