"""Quiz builder form: the pool, the number of questions and quotas, timing, attempts."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)
from wtforms.widgets import CheckboxInput, ListWidget

from quizapp.forms.fields import LocalDateTimeField, RowList
from quizapp.forms.questions import DIFFICULTY_CHOICES, KIND_LABELS, options, strip
from quizapp.services.release import RELEASE_CHOICES

DIFFICULTY_CHOICES_TEXT = [(str(c.value), c.label) for c in DIFFICULTY_CHOICES]
QUOTA_ROWS = 4
MAX_QUESTIONS = 200


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class QuotaRow(Form):
    topic = SelectField("Topic", default="")
    count = IntegerField("Questions from it", [Optional(), NumberRange(1, MAX_QUESTIONS)])


class QuizForm(FlaskForm):
    title = StringField(
        "Title", [DataRequired("Give the quiz a title."), Length(max=200)], filters=[strip]
    )
    description = TextAreaField("Description", [Length(max=2000)], filters=[strip])
    topics = MultiCheckboxField("Sections in the pool", description="None ticked: all sections.")
    kinds = MultiCheckboxField(
        "Kinds in the pool",
        choices=options(KIND_LABELS.items()),
        description="None ticked: every kind.",
    )
    difficulties = MultiCheckboxField(
        "Difficulties in the pool",
        coerce=int,
        choices=DIFFICULTY_CHOICES,
        description="None ticked: every difficulty.",
    )
    question_count = IntegerField(
        "Questions drawn from the pool",
        [InputRequired("Say how many questions."), NumberRange(0, MAX_QUESTIONS)],
        default=10,
        description="0 when the quiz holds only hand-picked questions and its own draws.",
    )
    quotas = RowList(
        FormField(QuotaRow), "Per-section quotas", min_entries=QUOTA_ROWS, max_entries=12
    )
    shuffle = BooleanField("Shuffle the questions and options", default=True)
    feedback_mode = SelectField(
        "Feedback",
        choices=options(
            [
                ("at_end", "At the end: answers are shown after submitting"),
                ("immediate", "Immediately: after each answer"),
            ]
        ),
        default="at_end",
    )
    release_mode = SelectField(
        "Show the right answers",
        choices=options(RELEASE_CHOICES),
        default="immediate",
        description="Until then students see their own answers and score, no keys. Unless "
        "answers are shown straight after submitting, feedback comes at the end of the quiz "
        "even when set to after each answer.",
    )
    time_limit_minutes = IntegerField(
        "Time limit in minutes",
        [Optional(), NumberRange(1, 600)],
        description="Empty for no limit. Enforced on the server.",
    )
    max_attempts = IntegerField(
        "Attempts allowed", [Optional(), NumberRange(1, 100)], description="Empty for unlimited."
    )
    opens_at = LocalDateTimeField(
        "Opens at", [Optional()], description="Empty: open as soon as it is published."
    )
    closes_at = LocalDateTimeField("Closes at", [Optional()], description="Empty: never closes.")
    is_published = BooleanField("Published: students can see it while it is open")
    audience = SelectField(
        "Who sees it",
        choices=options(
            [
                ("all", "Every student"),
                ("classes", "Only the classes it is assigned to"),
            ]
        ),
        default="all",
        description="Assign it to a class from the class's page.",
    )

    def set_topics(self, topics) -> None:
        """Offer these topics (objects with slug and title) in the pool and the quotas."""
        pairs = [(t.slug, t.title) for t in topics]
        self.topics.choices = options(pairs)
        for number, row in enumerate(self.quotas, 1):
            row.topic.choices = options([("", "Choose a section…"), *pairs])
            row.topic.label.text = f"Quota {number}: section"
            row.count.label.text = f"Quota {number}: questions"

    def quota_rows(self) -> list[tuple[str, int | None]]:
        return [
            (row.topic.data or "", row.count.data)
            for row in self.quotas
            if row.topic.data or row.count.data
        ]

    version = HiddenField()  # the version this form was opened at (see services.versions)

    def settings(self) -> dict:
        """The quiz's values as plain data (quotas as rows, checked by core.quiz_settings)."""
        return {
            "title": self.title.data,
            "description": self.description.data or "",
            "topics": list(self.topics.data or []),
            "kinds": list(self.kinds.data or []),
            "difficulties": list(self.difficulties.data or []),
            "question_count": self.question_count.data,
            "quotas": self.quota_rows(),
            "shuffle": self.shuffle.data,
            "feedback_mode": self.feedback_mode.data,
            "release_mode": self.release_mode.data,
            "time_limit_minutes": self.time_limit_minutes.data,
            "max_attempts": self.max_attempts.data,
            "opens_at": self.opens_at.data,
            "closes_at": self.closes_at.data,
            "is_published": self.is_published.data,
            "audience": self.audience.data,
        }


class AddQuestionForm(FlaskForm):
    """Hand-pick one question of the bank."""

    version = HiddenField()  # the quiz's version the page showed: a stale page is refused
    question_id = IntegerField("Question", [InputRequired(), NumberRange(1, 2**31 - 1)])


class AddDrawForm(FlaskForm):
    """A random draw: `count` published questions matching the filters (empty = any)."""

    version = HiddenField()
    topic = SelectField("Section", default="")
    kind = SelectField("Kind", choices=options([("", "Any kind"), *KIND_LABELS.items()]))
    difficulty = SelectField(
        "Difficulty", choices=options([("", "Any difficulty"), *DIFFICULTY_CHOICES_TEXT])
    )
    count = IntegerField(
        "Questions to draw",
        [InputRequired("Say how many questions."), NumberRange(1, MAX_QUESTIONS)],
        default=1,
    )

    def set_topics(self, topics) -> None:
        self.topic.choices = options([("", "Any section"), *((str(t.id), t.title) for t in topics)])


class MoveForm(FlaskForm):
    """Move an entry one place up or down, or take it out (the buttons' `action`)."""

    version = HiddenField()
    action = SelectField(choices=options([("up", "Up"), ("down", "Down"), ("remove", "Remove")]))


class BankSearchForm(Form):
    """The editor's search of the bank (a GET form: it changes nothing)."""

    q = StringField("Words in the question", [Optional(), Length(max=100)], filters=[strip])
    topic = SelectField("Section", [Optional()], default="")
