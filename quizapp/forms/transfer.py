"""Moving the bank in and out: GIFT upload and download, backup restore."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    SelectField,
)

from quizapp.forms.questions import options


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
        "Question-bank export (.json)",
        [
            FileRequired("Choose a question-bank export file."),
            FileAllowed(["json"], "Upload a .json question-bank export made by this site."),
        ],
    )
