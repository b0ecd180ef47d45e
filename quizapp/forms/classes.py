"""Forms for classes: creating one, renewing its join code, assigning quizzes, joining."""

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
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

from quizapp.core.accommodations import KINDS, LABELS, MAX_EXTRA_MINUTES, PLUS
from quizapp.core.classes import DEFAULT_VALID_DAYS
from quizapp.forms.fields import LocalDateTimeField
from quizapp.services.account_resets import MAX_NAME_LENGTH, MAX_NAMES

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
    quiz = SelectField(
        "Quiz",
        coerce=_id,
        validate_choice=True,
        description="Only published quizzes are listed: publish one on its settings page.",
    )
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


class AccountsForm(FlaskForm):
    """Names pasted one per line; each becomes a student account with a one-time code."""

    names = TextAreaField(
        "Student names, one per line",
        [DataRequired(), Length(max=MAX_NAMES * (MAX_NAME_LENGTH + 2))],
        description=f"Up to {MAX_NAMES} names of at most {MAX_NAME_LENGTH} characters. "
        "Usernames are made from them (Amina Khan becomes amina.k).",
        render_kw={"rows": 8, "spellcheck": "false"},
    )
    # How many students the class had when the page was drawn: sending the same list again
    # (a reload of the cards page) finds more and makes nothing.
    members_seen = HiddenField(validators=[InputRequired(), Regexp(r"^\d{1,6}$")])

    @property
    def name_list(self) -> list[str]:
        return [line.strip() for line in (self.names.data or "").splitlines() if line.strip()]

    def validate_names(self, field) -> None:
        names = self.name_list  # DataRequired has refused an empty or blank list
        if len(names) > MAX_NAMES:
            raise ValidationError(f"At most {MAX_NAMES} names at a time ({len(names)} given).")
        too_long = [n for n in names if len(n) > MAX_NAME_LENGTH]
        if too_long:
            raise ValidationError(
                f"Names have at most {MAX_NAME_LENGTH} characters: {too_long[0][:20]}…"
            )


class AccommodationForm(FlaskForm):
    kind = SelectField(
        "Extra time", choices=[SelectChoice(k, LABELS[k]) for k in KINDS], validate_choice=True
    )
    minutes = IntegerField(
        "Extra minutes",
        [Optional(), NumberRange(1, MAX_EXTRA_MINUTES)],
        description=f"Only for “Extra minutes”: 1 to {MAX_EXTRA_MINUTES}.",
    )

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.kind.data == PLUS and self.minutes.data is None:  # Optional() skips inline checks
            self.minutes.errors.append("Give the number of extra minutes.")
            return False
        return True
