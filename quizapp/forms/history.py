"""Forms of a student's own pages: reporting a problem with a question."""

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ReportForm(FlaskForm):
    message = TextAreaField(
        "What is wrong with this question?",
        [
            DataRequired("Say what is wrong with the question."),
            Length(max=1000, message="Keep it to 1000 characters: this has %(length)d."),
        ],
        filters=[_strip],
    )
