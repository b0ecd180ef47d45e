"""Explainer section form: Markdown body, title and slug."""

from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    HiddenField,
    IntegerField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Regexp,
    ValidationError,
)

from quizapp.core.markdown import unix_newlines
from quizapp.forms.questions import strip
from quizapp.models import Topic, db

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_BODY = 100_000


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
        filters=[lambda value: unix_newlines(value) if isinstance(value, str) else value],
        description="End a paragraph with {: #an-id } so questions can point at it.",
        render_kw={"rows": 24},
    )

    version = HiddenField()  # the version this form was opened at (see services.versions)

    def validate_slug(self, field) -> None:
        if db.session.scalar(select(Topic.id).where(Topic.slug == field.data)):
            raise ValidationError("Another section already has this address.")

    def values(self) -> dict:
        return {name: self[name].data for name in ("title", "summary", "position", "body")}


class RestoreForm(FlaskForm):
    """Restore an earlier revision: the version of the section the page was opened at."""

    version = HiddenField()
