"""Question forms: the fields every kind shares, the bank's filter and the status buttons.

Each kind's answer fields are in `forms.question_kinds`. Forms check shape;
quizapp.core.questions (and the kind in core/kinds) decides the rest.
"""

import re

from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    FormField,
    HiddenField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, ValidationError

from quizapp.core.digits import plain_int
from quizapp.core.kinds import KINDS
from quizapp.core.question_use import GRADED, LABELS
from quizapp.services.bank import key_taken
from quizapp.services.never_with import unknown_ids

ROWS = 6
MAX_ROWS = 30  # option, item and pair rows a form shows at most, however many are sent
NO_SECTION = "Choose its explainer section first: the paragraph must be in it."
ADD_ROW = "add_row"  # the name of the "Add option/item/pair" buttons; their value names the list
KIND_LABELS = {name: kind.label for name, kind in KINDS.items()}


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
USE_CHOICES = options(LABELS.items())
MAX_NEVER_WITH = 50
_ID_SEPARATORS = re.compile(r"[\s,;#]+")


def strip(value):
    return value.strip() if isinstance(value, str) else value


def padded(rows: list, blank) -> list:
    """`rows` plus blank rows: ROWS in all, or two spare rows past that (at most MAX_ROWS)."""
    size = min(MAX_ROWS, max(ROWS, len(rows) + 2))
    return rows + [blank] * (size - len(rows))


class QuestionForm(FlaskForm):
    """The fields every kind shares. `question_id` is set by the view when editing.

    Each answer form (forms.question_kinds) adds its answer fields, `answer_fields()` (their
    raw values for core.questions.check_question), `initial(fields)` (form data, blank rows
    included) and `template`, the partial that renders them. The view sets `kind`.
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
        "Paragraph that answers it",
        [Length(max=100)],
        filters=[strip],
        description="Type words from the paragraph to search the explainer's paragraphs, "
        "then pick one of the section above. Leave empty if no paragraph answers it.",
    )
    key = StringField(
        "Question id",
        [Length(max=100)],
        filters=[strip],
        description="Optional: a stable id for GIFT files and backups; one is made up if empty.",
    )
    status = SelectField("Status", choices=STATUS_CHOICES, default="draft")
    use = SelectField(
        "Drawn into",
        choices=USE_CHOICES,
        default=GRADED,
        description="Section checks can be taken again and again with the answers shown: a "
        "question in both lets students see a graded quiz's answer there.",
    )
    never_with = StringField(
        "Never on the same paper as",
        [Length(max=500)],
        filters=[strip],
        description="Question numbers (#) separated by commas, e.g. 12, 40: questions that give "
        "this one's answer away. Either question of a pair keeps the other off its paper.",
    )
    question_id: int | None = None
    kind: str = ""  # a name in quizapp.core.kinds.KINDS
    shape: str = ""  # the `Kind.form` this class serves
    template: str = ""  # the partial that renders its answer fields
    lists: tuple[str, ...] = ()
    row_labels: dict[str, str] = {}  # list name → what one row is called ("option")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_errors: dict[str, str] = {}
        self.never_with_ids: list[int] = []  # set by validate_never_with
        self.sections: dict = {}  # topic id → services.paragraphs.Section, set by the view
        self.relabel()

    def relabel(self) -> None:
        """Number the labels of list rows (after the form is built or a row is added)."""

    def add_row(self, name: str) -> bool:
        """One more blank row in the list `name` (at most MAX_ROWS); whether one was added."""
        if name not in self.lists:
            return False
        if len(self[name]) >= MAX_ROWS:
            self.group_errors[name] = f"A question has at most {MAX_ROWS} rows here."
            return False
        self[name].append_entry()
        self.relabel()
        return True

    def validate_anchor(self, field) -> None:
        if not field.data:
            return
        section = self.sections.get(self.topic_id.data)
        if section is None:
            raise ValidationError(
                "Choose its explainer section first: the paragraph must be in it."
            )
        if field.data not in section.anchors:
            raise ValidationError(
                f"“{field.data}” is not a paragraph of “{section.title}”. "
                "Choose one from the list, or leave it empty."
            )

    @property
    def hint(self) -> str:
        """What the kind asks of its answer fields, shown above them."""
        return KINDS[self.kind].form_hint

    def validate_never_with(self, field) -> None:
        if field.errors:  # too long: one message is enough
            return
        parts = [p for p in _ID_SEPARATORS.split(field.data or "") if p]
        numbers = [plain_int(p) for p in parts]
        if None in numbers:
            raise ValidationError("Give question numbers only, separated by commas.")
        ids = set(numbers)
        if self.question_id in ids:
            raise ValidationError("A question cannot be kept apart from itself.")
        if len(ids) > MAX_NEVER_WITH:
            raise ValidationError(f"Give at most {MAX_NEVER_WITH} questions.")
        missing = unknown_ids(ids)
        if missing:
            numbers = ", ".join(map(str, missing))
            raise ValidationError(f"These question numbers do not exist: {numbers}.")
        self.never_with_ids = sorted(ids)

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
