"""Form classes: they validate shape; the core and the views decide what it means."""

import re

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError

from quizapp.core.times import MAX_ZONE_LENGTH, zone
from quizapp.services.accounts import MAX_LENGTH, password_problem

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _lower(value):
    return value.strip().lower() if isinstance(value, str) else value


class LoginForm(FlaskForm):
    username = StringField(
        "Username",
        [DataRequired(), Length(max=40)],
        filters=[_lower],
        render_kw={"autocomplete": "username", "autocapitalize": "none"},
    )
    password = PasswordField(
        "Password",
        [DataRequired(), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )


class NewPasswordMixin:
    account_name = ""  # the username, for forms without a username field

    def validate_password(self, field) -> None:
        username = getattr(getattr(self, "username", None), "data", "") or self.account_name
        problem = password_problem(field.data or "", username)
        if problem:
            raise ValidationError(problem)


class RegisterForm(NewPasswordMixin, FlaskForm):
    username = StringField(
        "Username",
        [
            DataRequired(),
            Length(min=3, max=40),
            Regexp(
                USERNAME_RE,
                message="Use 3–40 lowercase letters, digits, dots, dashes or underscores.",
            ),
        ],
        filters=[_lower],
        description="3–40 characters: letters, digits, . _ -",
        render_kw={"autocomplete": "username", "autocapitalize": "none"},
    )
    password = PasswordField(
        "Password",
        [DataRequired()],
        description="At least 8 characters. A short sentence is easy to remember, hard to guess.",
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Repeat the password",
        [EqualTo("password", "The passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )


class PasswordChangeForm(NewPasswordMixin, FlaskForm):
    current = PasswordField(
        "Current password",
        [DataRequired(), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    password = PasswordField(
        "New password", [DataRequired()], render_kw={"autocomplete": "new-password"}
    )
    confirm = PasswordField(
        "Repeat the new password",
        [EqualTo("password", "The passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )


class SetPasswordForm(NewPasswordMixin, FlaskForm):
    """The new password a one-time code demands (there is no current password to give)."""

    password = PasswordField(
        "New password",
        [DataRequired()],
        description="At least 8 characters. A short sentence is easy to remember, hard to guess.",
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Repeat the new password",
        [EqualTo("password", "The passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )


class TimezoneForm(FlaskForm):
    timezone = StringField(
        "Your time zone",
        [Length(max=MAX_ZONE_LENGTH)],
        filters=[_strip],
        description="A place name such as Asia/Karachi or Europe/London; the list suggests "
        "them as you type. Leave empty to use the school's time zone.",
        render_kw={"autocomplete": "off", "spellcheck": "false", "list": "zone-names"},
    )

    def validate_timezone(self, field) -> None:
        if field.data and zone(field.data) is None:
            raise ValidationError(
                f"“{field.data[:MAX_ZONE_LENGTH]}” is not a time zone we know. Type a name "
                "like Asia/Karachi or Europe/London, or leave it empty."
            )
