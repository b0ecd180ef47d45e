"""Quiz builder, explainer section, GIFT upload and backup restore forms."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
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
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from quizapp.forms.questions import DIFFICULTY_CHOICES, KIND_LABELS, options, strip
from quizapp.models import Topic, db

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
QUOTA_ROWS = 4
MAX_QUESTIONS = 200
MAX_BODY = 100_000


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
        "Questions per attempt",
        [InputRequired("Say how many questions."), NumberRange(1, MAX_QUESTIONS)],
        default=10,
    )
    quotas = FieldList(
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
    time_limit_minutes = IntegerField(
        "Time limit in minutes",
        [Optional(), NumberRange(1, 600)],
        description="Empty for no limit. Enforced on the server.",
    )
    max_attempts = IntegerField(
        "Attempts allowed", [Optional(), NumberRange(1, 100)], description="Empty for unlimited."
    )
    opens_at = DateTimeLocalField(
        "Opens at (UTC)", [Optional()], description="Empty: open as soon as it is published."
    )
    closes_at = DateTimeLocalField(
        "Closes at (UTC)", [Optional()], description="Empty: never closes."
    )
    is_published = BooleanField("Published: students can see it while it is open")

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
            "time_limit_minutes": self.time_limit_minutes.data,
            "max_attempts": self.max_attempts.data,
            "opens_at": self.opens_at.data,
            "closes_at": self.closes_at.data,
            "is_published": self.is_published.data,
        }


class TopicForm(FlaskForm):
    slug = StringField(
        "Address (slug)",
        [
            DataRequired("Give the section an address."),
            Length(max=80),
            Regexp(SLUG, message="Use lowercase letters, digits and dashes."),
        ],
        filters=[strip],
        description="Part of the page address: /learn/<slug>.",
    )
    title = StringField(
        "Title", [DataRequired("Give the section a title."), Length(max=200)], filters=[strip]
    )
    summary = StringField(
        "Summary",
        [Length(max=500)],
        filters=[strip],
        description="One sentence shown on the explainer index.",
    )
    position = IntegerField("Position", [InputRequired(), NumberRange(0, 1000)], default=0)
    body = TextAreaField(
        "Text (Markdown)",
        [Length(max=MAX_BODY)],
        description="End a paragraph with {: #an-id } so questions can point at it.",
        render_kw={"rows": 24},
    )

    def validate_slug(self, field) -> None:
        if db.session.scalar(select(Topic.id).where(Topic.slug == field.data)):
            raise ValidationError("Another section already has this address.")

    def values(self) -> dict:
        return {name: self[name].data for name in ("title", "summary", "position", "body")}


class GiftImportForm(FlaskForm):
    file = FileField(
        "GIFT file",
        [
            FileRequired("Choose a file to upload."),
            FileAllowed(["gift", "txt"], "Upload a .gift or .txt file (GIFT text, UTF-8)."),
        ],
    )
    publish = BooleanField(
        "Publish the imported questions at once",
        description="Otherwise they arrive as drafts for you to review.",
    )
    dry_run = BooleanField("Check only: list what would be imported, save nothing")


class GiftExportForm(FlaskForm):
    """Which questions to download (a GET form: no CSRF token in the address)."""

    class Meta:
        csrf = False

    topic = SelectField("Questions from", default="")

    def set_topics(self, topics) -> None:
        self.topic.choices = options([("", "All sections"), *((t.slug, t.title) for t in topics)])


class RestoreForm(FlaskForm):
    backup = FileField(
        "Backup file",
        [
            FileRequired("Choose a backup file."),
            FileAllowed(["json"], "Upload a .json backup made by this site."),
        ],
    )
