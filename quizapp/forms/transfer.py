"""Moving the bank in and out: GIFT and Moodle XML upload and download, backup restore."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, RadioField, SelectField

from quizapp.forms.questions import options

ON_EXISTING_CHOICES = options(
    [
        ("update", "Update them with the file's version (the default)"),
        ("skip", "Leave them as they are"),
        ("copy", "Add them as copies with new ids"),
    ]
)


class GiftImportForm(FlaskForm):
    file = FileField(
        "GIFT or Moodle XML file",
        [
            FileRequired("Choose a file to upload."),
            FileAllowed(
                ["gift", "txt", "xml"],
                "Upload a .gift or .txt file (GIFT text, UTF-8) or a .xml file (Moodle XML).",
            ),
        ],
    )
    on_existing = RadioField(
        "Questions whose id is already in the bank",
        choices=ON_EXISTING_CHOICES,
        default="update",
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
    format = SelectField(
        "Format",
        choices=options([("gift", "Moodle GIFT (.gift)"), ("xml", "Moodle XML (.xml)")]),
        default="gift",
    )

    def set_topics(self, topics) -> None:
        self.topic.choices = options([("", "All sections"), *((t.slug, t.title) for t in topics)])


class RestoreForm(FlaskForm):
    backup = FileField(
        "Question-bank export (.json)",
        [
            FileRequired("Choose a question-bank export file."),
            FileAllowed(["json"], "Upload a .json question-bank export made by this site."),
        ],
    )
