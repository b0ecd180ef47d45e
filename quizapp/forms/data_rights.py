"""Confirming that a student's data is to be deleted or anonymised: type their username."""

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from quizapp.forms.questions import strip

TYPE_IT = "Type the student's username to confirm."


class DeleteStudentForm(FlaskForm):
    confirm_delete = StringField(
        "Type the username to delete this student",
        [DataRequired(TYPE_IT), Length(max=40)],
        filters=[strip],
    )


class AnonymiseStudentForm(FlaskForm):
    confirm_anonymise = StringField(
        "Type the username to anonymise this student",
        [DataRequired(TYPE_IT), Length(max=40)],
        filters=[strip],
    )


def confirmed(field, username: str) -> bool:
    """Whether the typed username matches; if not, the field says so."""
    if field.data == username:
        return True
    if not field.errors:
        field.errors = [*field.errors, "That is not this student's username."]
    return False
