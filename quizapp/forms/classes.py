"""Forms for classes: creating one, renewing its join code, assigning quizzes, joining."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from quizapp.core.classes import DEFAULT_VALID_DAYS
from quizapp.forms.fields import LocalDateTimeField

MAX_VALID_DAYS = 90


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _id(value) -> int:
    """A submitted id, or 0 (never a valid choice) when it is not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class ValidDaysMixin:
    valid_days = IntegerField(
        "Join code valid for (days)",
        [InputRequired(), NumberRange(1, MAX_VALID_DAYS)],
        default=DEFAULT_VALID_DAYS,
        description=f"1 to {MAX_VALID_DAYS} days. You can make a new code at any time.",
    )


class ClassForm(ValidDaysMixin, FlaskForm):
    name = StringField("Class name", [DataRequired(), Length(max=120)], filters=[_strip])


class JoinCodeForm(ValidDaysMixin, FlaskForm):
    pass


class AssignForm(FlaskForm):
    quiz = SelectField("Quiz", coerce=_id, validate_choice=True)
    due_at = LocalDateTimeField(
        "Due",
        [Optional()],
        format="%Y-%m-%dT%H:%M",
        description="Leave empty for no due date. Assigning a quiz again changes its due date.",
    )


class JoinForm(FlaskForm):
    code = StringField(
        "Join code",
        [DataRequired(), Length(max=20)],
        filters=[_strip],
        description="The 8 letters and digits your teacher gave you, like ABCD-2345.",
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )
