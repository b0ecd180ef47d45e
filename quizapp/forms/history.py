"""Forms of a student's own pages: reporting a problem with a question."""

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, ValidationError


def _strip(value):
    return value.strip() if isinstance(value, str) else value


MAX_REPORT = 1000


def _at_most(limit: int):
    def check(form, field) -> None:
        if len(field.data or "") > limit:
            raise ValidationError(f"Keep it to {limit:,} characters: this has {len(field.data):,}.")

    return check


class ReportForm(FlaskForm):
    message = TextAreaField(
        "What is wrong with this question?",
        [
            DataRequired("Say what is wrong with the question."),
            _at_most(MAX_REPORT),
        ],
        filters=[_strip],
    )
