"""The answer part of the question form, one class per form shape a kind names (`Kind.form`).

Option, item and pair lists are FieldLists with blank rows; an "Add" button (a submit button
named ADD_ROW) sends the form back with one more row, so they work without JavaScript.
Blank rows are dropped by `core.questions.check_question`. A new kind reuses
a shape here, or adds a class to `SHAPES` and its partial under templates/admin/questions/kinds/.
"""

from wtforms import (
    BooleanField,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length

from quizapp.core.kinds import KINDS
from quizapp.forms.fields import RowList
from quizapp.forms.questions import MAX_ROWS, ROWS, QuestionForm, options, padded, strip


def _relabel(entries, label: str) -> None:
    for number, entry in enumerate(entries, 1):
        entry.label.text = label.format(n=number)


class ChoiceRow(Form):
    text = StringField("Option", [Length(max=500)], filters=[strip])
    correct = BooleanField("Correct")
    feedback = StringField("Feedback (optional)", [Length(max=500)], filters=[strip])


class PairRow(Form):
    prompt = StringField("Prompt", [Length(max=300)], filters=[strip])
    answer = StringField("Its match", [Length(max=300)], filters=[strip])


class ChoiceQuestionForm(QuestionForm):
    shape = "choices"
    template = "admin/questions/kinds/choices.html"
    choices = RowList(FormField(ChoiceRow), "Options", min_entries=ROWS, max_entries=MAX_ROWS)
    lists = ("choices",)
    row_labels = {"choices": "option"}

    def relabel(self) -> None:
        for number, row in enumerate(self.choices, 1):
            row.text.label.text = f"Option {number}"
            row.correct.label.text = f"Option {number} is correct"
            row.feedback.label.text = f"Feedback on option {number} (optional)"

    def answer_fields(self) -> dict:
        return {"choices": [row.data for row in self.choices]}

    @classmethod
    def initial(cls, fields: dict) -> dict:
        return {"choices": padded(fields.get("choices", []), {})}


class TrueFalseForm(QuestionForm):
    shape = "true_false"
    template = "admin/questions/kinds/true_false.html"
    answer = SelectField(
        "The statement is",
        choices=options([("", "Choose…"), ("true", "True"), ("false", "False")]),
        default="",
    )

    def answer_fields(self) -> dict:
        return {"answer": {"true": True, "false": False}.get(self.answer.data)}

    @classmethod
    def initial(cls, fields: dict) -> dict:
        answer = fields.get("answer")
        return {"answer": "" if answer is None else ("true" if answer else "false")}


class ShortTextForm(QuestionForm):
    shape = "short_text"
    template = "admin/questions/kinds/short_text.html"
    accepted = TextAreaField(
        "Accepted answers",
        [Length(max=4000)],
        description="One a line. Case, spacing and punctuation are ignored when grading.",
    )

    def answer_fields(self) -> dict:
        return {"accepted": (self.accepted.data or "").splitlines()}

    @classmethod
    def initial(cls, fields: dict) -> dict:
        return {"accepted": "\n".join(fields.get("accepted", []))}


class NumericForm(QuestionForm):
    shape = "numeric"
    template = "admin/questions/kinds/numeric.html"
    answer = StringField(
        "The answer", [Length(max=40)], filters=[strip], render_kw={"inputmode": "decimal"}
    )
    tolerance = StringField(
        "Tolerance (±)",
        [Length(max=40)],
        filters=[strip],
        default="0",
        description="How far from the answer still counts as right; 0 for exactly.",
        render_kw={"inputmode": "decimal"},
    )

    def answer_fields(self) -> dict:
        return {"answer": self.answer.data, "tolerance": self.tolerance.data}

    @classmethod
    def initial(cls, fields: dict) -> dict:
        def text(value):
            return "" if value is None else f"{value:g}"

        return {"answer": text(fields.get("answer")), "tolerance": text(fields.get("tolerance"))}


class OrderingForm(QuestionForm):
    shape = "ordering"
    template = "admin/questions/kinds/ordering.html"
    items = RowList(
        StringField("Item", [Length(max=300)], filters=[strip]),
        "Items",
        min_entries=ROWS,
        max_entries=MAX_ROWS,
    )
    lists = ("items",)
    row_labels = {"items": "item"}

    def relabel(self) -> None:
        _relabel(self.items, "Item {n}")

    def answer_fields(self) -> dict:
        return {"items": list(self.items.data)}

    @classmethod
    def initial(cls, fields: dict) -> dict:
        return {"items": padded(fields.get("items", []), "")}


class MatchingForm(QuestionForm):
    shape = "matching"
    template = "admin/questions/kinds/matching.html"
    pairs = RowList(FormField(PairRow), "Pairs", min_entries=ROWS, max_entries=MAX_ROWS)
    lists = ("pairs",)
    row_labels = {"pairs": "pair"}

    def relabel(self) -> None:
        for number, row in enumerate(self.pairs, 1):
            row.prompt.label.text = f"Prompt {number}"
            row.answer.label.text = f"Match for prompt {number}"

    def answer_fields(self) -> dict:
        return {"pairs": [row.data for row in self.pairs]}

    @classmethod
    def initial(cls, fields: dict) -> dict:
        return {"pairs": padded(fields.get("pairs", []), {})}


SHAPES: dict[str, type[QuestionForm]] = {
    form.shape: form
    for form in (
        ChoiceQuestionForm,
        TrueFalseForm,
        ShortTextForm,
        NumericForm,
        OrderingForm,
        MatchingForm,
    )
}
QUESTION_FORMS = {name: SHAPES[kind.form] for name, kind in KINDS.items()}
