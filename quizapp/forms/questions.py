"""Question forms, one class per kind. They check shape; quizapp.core.questions decides the rest.

Option, item and pair lists are FieldLists with a fixed number of blank rows, so they work
without JavaScript. Blank rows are dropped by `core.questions.check_question`.
"""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, ValidationError

from quizapp.services.bank import key_taken

ROWS = 6
MAX_ROWS = 30
KIND_LABELS = {
    "single": "Single choice",
    "multiple": "Multiple select",
    "true_false": "True or false",
    "short_text": "Short answer",
    "numeric": "Number",
    "ordering": "Put in order",
    "matching": "Matching",
}


def options(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


STATUS_CHOICES = options(
    [
        ("draft", "Draft: only teachers see it"),
        ("published", "Published: drawn into new papers"),
        ("retired", "Retired: kept for past attempts, never drawn again"),
    ]
)
DIFFICULTY_CHOICES = options([(1, "1 · easy"), (2, "2 · medium"), (3, "3 · hard")])


def strip(value):
    return value.strip() if isinstance(value, str) else value


def _relabel(entries, label: str) -> None:
    for number, entry in enumerate(entries, 1):
        entry.label.text = label.format(n=number)


def padded(rows: list, blank) -> list:
    """`rows` plus blank rows: ROWS in all, or two spare rows past that (at most MAX_ROWS)."""
    size = min(MAX_ROWS, max(ROWS, len(rows) + 2))
    return rows + [blank] * (size - len(rows))


class ChoiceRow(Form):
    text = StringField("Option", [Length(max=500)], filters=[strip])
    correct = BooleanField("Correct")
    feedback = StringField("Feedback (optional)", [Length(max=500)], filters=[strip])


class PairRow(Form):
    prompt = StringField("Prompt", [Length(max=300)], filters=[strip])
    answer = StringField("Its match", [Length(max=300)], filters=[strip])


class QuestionForm(FlaskForm):
    """The fields every kind shares. `question_id` is set by the view when editing.

    Each kind's subclass adds its answer fields, `answer_fields()` (their raw values for
    core.questions.check_question) and `initial(fields)` (form data, blank rows included).
    """

    version = HiddenField()
    topic_id = SelectField("Explainer section", coerce=int, default=0)
    prompt = TextAreaField("Question", [Length(max=2000)], filters=[strip])
    explanation = TextAreaField(
        "Explanation",
        [Length(max=4000)],
        filters=[strip],
        description="Shown after answering: why the answer is right.",
    )
    difficulty = SelectField("Difficulty", coerce=int, choices=DIFFICULTY_CHOICES, default=2)
    anchor = StringField(
        "Paragraph id",
        [Length(max=100)],
        filters=[strip],
        description="The id of the paragraph in the section that answers it, e.g. signing.",
    )
    key = StringField(
        "Question id",
        [Length(max=100)],
        filters=[strip],
        description="Optional: a stable id for GIFT files and backups; one is made up if empty.",
    )
    status = SelectField("Status", choices=STATUS_CHOICES, default="draft")
    question_id: int | None = None
    lists: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_errors: dict[str, str] = {}

    def validate_key(self, field) -> None:
        if key_taken(field.data, self.question_id):
            raise ValidationError("Another question already uses this id.")

    def raw_fields(self) -> dict:
        return {
            "key": self.key.data,
            "prompt": self.prompt.data,
            "explanation": self.explanation.data,
            "difficulty": self.difficulty.data,
            "anchor": self.anchor.data,
            **self.answer_fields(),
        }

    def add_problems(self, problems: dict[str, str]) -> None:
        """Put each message from the core beside its field (list fields beside their group)."""
        for name, message in problems.items():
            if name in self.lists:
                self.group_errors[name] = message
            elif name in self and not self[name].errors:  # one message a field: shape first
                self[name].errors = [message]

    def summary(self) -> list[tuple[str, str, str]]:
        """(anchor id, label, message) for each problem, for the summary at the top."""
        groups = [
            (self[name].id, self[name].label.text, message)
            for name, message in self.group_errors.items()
        ]
        return groups + error_summary(self)


def leaves(fields):
    """Every plain field inside `fields`, list rows and sub-forms opened up."""
    for field in fields:
        if isinstance(field, FieldList | FormField):
            yield from leaves(field)
        else:
            yield field


def error_summary(form) -> list[tuple[str, str, str]]:
    """(anchor id, label, message) for each field error in `form`, nested rows included."""
    return [(f.id, f.label.text, e) for f in leaves(form) for e in f.errors if isinstance(e, str)]


class ChoiceQuestionForm(QuestionForm):
    choices = FieldList(FormField(ChoiceRow), "Options", min_entries=ROWS, max_entries=MAX_ROWS)
    lists = ("choices",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
    items = FieldList(
        StringField("Item", [Length(max=300)], filters=[strip]),
        "Items",
        min_entries=ROWS,
        max_entries=MAX_ROWS,
    )
    lists = ("items",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self.items, "Item {n}")

    def answer_fields(self) -> dict:
        return {"items": list(self.items.data)}

    @classmethod
    def initial(cls, fields: dict) -> dict:
        return {"items": padded(fields.get("items", []), "")}


class MatchingForm(QuestionForm):
    pairs = FieldList(FormField(PairRow), "Pairs", min_entries=ROWS, max_entries=MAX_ROWS)
    lists = ("pairs",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, row in enumerate(self.pairs, 1):
            row.prompt.label.text = f"Prompt {number}"
            row.answer.label.text = f"Match for prompt {number}"

    def answer_fields(self) -> dict:
        return {"pairs": [row.data for row in self.pairs]}

    @classmethod
    def initial(cls, fields: dict) -> dict:
        return {"pairs": padded(fields.get("pairs", []), {})}


QUESTION_FORMS = {
    "single": ChoiceQuestionForm,
    "multiple": ChoiceQuestionForm,
    "true_false": TrueFalseForm,
    "short_text": ShortTextForm,
    "numeric": NumericForm,
    "ordering": OrderingForm,
    "matching": MatchingForm,
}


class VersionForm(FlaskForm):
    """A button that acts on a question: it carries the version the page showed."""

    version = HiddenField()


class StatusForm(VersionForm):
    """Publish, retire or move back to drafts (the buttons carry `status`)."""

    status = SelectField("Status", choices=[c.value for c in STATUS_CHOICES])


class BankFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = SearchField("Text contains", [Length(max=100)], filters=[strip])
    topic = SelectField("Section", default="")
    kind = SelectField(
        "Kind", choices=options([("", "Any kind"), *KIND_LABELS.items()]), default=""
    )
    status = SelectField(
        "Status",
        choices=options(
            [
                ("", "Any status"),
                ("draft", "Draft"),
                ("published", "Published"),
                ("retired", "Retired"),
            ]
        ),
        default="",
    )
    origin = SelectField(
        "Origin",
        choices=options(
            [
                ("", "Any origin"),
                ("curated", "Curated"),
                ("imported", "Imported"),
                ("generated", "Generated"),
            ]
        ),
        default="",
    )
    difficulty = SelectField(
        "Difficulty",
        choices=options(
            [("", "Any difficulty"), ("1", "1 · easy"), ("2", "2 · medium"), ("3", "3 · hard")]
        ),
        default="",
    )
