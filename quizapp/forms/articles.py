"""Forms of the articles pages: a new article (pasted or uploaded), a revision, bulk approval."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from quizapp.core.generation import MAX_CHARS

TOO_LONG = f"The text is too long: at most {MAX_CHARS:,} characters. Paste one article at a time."
# A first, generous bound before CRLF line ends are folded; check_length is the exact one.
RAW_LIMIT = Length(max=2 * MAX_CHARS, message=TOO_LONG)
EMPTY = "Paste the article text or upload a .txt file."


def clean_text(text: str) -> str:
    """Browsers send a textarea with CRLF line ends; offsets are kept on LF text."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def check_length(text: str) -> None:
    if not text.strip():
        raise ValidationError(EMPTY)
    if len(text) > MAX_CHARS:
        raise ValidationError(TOO_LONG)


class ArticleForm(FlaskForm):
    title = StringField("Title", [DataRequired("Give the article a title."), Length(max=200)])
    source_url = StringField(
        "Source address (optional)",
        [Optional(), Length(max=500)],
        description="Where the article was published, e.g. https://…",
    )
    text = TextAreaField(
        "Article text", [RAW_LIMIT], description="Paste plain text, or upload a .txt file below."
    )
    upload = FileField(
        "…or upload a .txt file (UTF-8)",
        [FileAllowed(["txt"], "Upload a .txt file (plain text, UTF-8).")],
    )

    def validate_source_url(self, field) -> None:
        if field.data and not field.data.startswith(("https://", "http://")):
            raise ValidationError("The address must start with https:// or http://.")

    def validate_upload(self, field) -> None:
        """Reads the file into `text`; the text field's own check runs afterwards."""
        if not getattr(field.data, "filename", ""):
            return
        if (self.text.data or "").strip():
            raise ValidationError("Paste the text or upload a file, not both.")
        raw = field.data.read(MAX_CHARS * 4 + 1)
        try:
            self.text.data = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError(
                "The file is not UTF-8 text. Save it as UTF-8 (plain text) and try again."
            ) from error

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        self.text.data = clean_text(self.text.data or "")
        try:
            check_length(self.text.data)
        except ValidationError as error:
            self.text.errors = [str(error)]
            return False
        return True


class ReviseForm(FlaskForm):
    text = TextAreaField("Article text", [RAW_LIMIT])

    def validate_text(self, field) -> None:
        field.data = clean_text(field.data or "")
        check_length(field.data)


class BulkForm(FlaskForm):
    count = IntegerField(
        "How many of the best drafts",
        [DataRequired("Give a number from 1 to 100."), NumberRange(1, 100)],
        default=10,
    )
