"""Accounts: register, log in, log out (POST only), change password."""

import logging
import secrets

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quizapp.core.accounts import looks_like_login_code
from quizapp.forms.auth import LoginForm, PasswordChangeForm, RegisterForm, SetPasswordForm
from quizapp.models import User, db, utcnow
from quizapp.services.account_resets import UNUSABLE_PASSWORD, code_matches
from quizapp.services.accounts import hash_password, needs_rehash, verify_password
from quizapp.web.security import (
    clear_login_failures,
    client_ip,
    login_retry_after,
    record_login_failure,
    record_registration,
    registration_retry_after,
    safe_next,
)

bp = Blueprint("auth", __name__)
log = logging.getLogger("quizapp.views.auth")
LOGIN_FAILED = "Wrong username or password."
TOO_MANY_REGISTRATIONS = (
    "Too many accounts were made from this network in the last few minutes. Try again in "
    "{wait}, or ask your teacher to make your account from the class page."
)


def _password_matches(user: User | None, password: str) -> bool:
    if user and user.login_code_hash and looks_like_login_code(password):
        return code_matches(user, password, utcnow())  # a one-time code, typed as a password
    if user is None or user.password_hash == UNUSABLE_PASSWORD:
        # hash anyway: an unknown name or a reset account costs as much as a wrong password
        verify_password(_decoy_hash(), password)
        return False
    return verify_password(user.password_hash, password)


def _decoy_hash() -> str:
    decoy = current_app.extensions.get("quizapp.decoy_hash")
    if decoy is None:
        decoy = current_app.extensions["quizapp.decoy_hash"] = hash_password(secrets.token_hex(16))
    return decoy


def _minutes(seconds: int) -> str:
    minutes = -(-seconds // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _start_session(user: User) -> None:
    session.clear()  # a fresh session at login: nothing from before carries over
    login_user(user)


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegisterForm()
    if not form.validate_on_submit():
        return render_template("auth/register.html", form=form), 422 if form.errors else 200
    wait = registration_retry_after(client_ip())
    if wait:  # checked before the password is hashed: a flood costs no argon2 work
        flash(TOO_MANY_REGISTRATIONS.format(wait=_minutes(wait)), "error")
        return render_template("auth/register.html", form=form), 429, {"Retry-After": str(wait)}
    record_registration(client_ip())
    user = User(username=form.username.data, password_hash=hash_password(form.password.data))
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        form.username.errors.append("That username is taken. Try another one.")
        return render_template("auth/register.html", form=form), 422
    _start_session(user)
    flash(f"Welcome, {user.username}! Start with the explainer, then try a quiz.", "success")
    return redirect(url_for("learn.index"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 422 if form.errors else 200
    username, ip = form.username.data, client_ip()
    wait = login_retry_after(username, ip)
    if wait:
        flash(f"Too many failed attempts. Try again in {wait // 60 + 1} minutes.", "error")
        return render_template("auth/login.html", form=form), 429, {"Retry-After": str(wait)}
    user = db.session.scalar(select(User).where(User.username == username))
    if not _password_matches(user, form.password.data) or not user.is_active:
        record_login_failure(username, ip)
        db.session.commit()
        log.warning("failed login for username=%r from ip=%s", username, ip)
        flash(LOGIN_FAILED, "error")
        return render_template("auth/login.html", form=form), 401
    if not user.must_change_password and needs_rehash(user.password_hash):
        user.password_hash = hash_password(form.password.data)
    clear_login_failures(username)
    db.session.commit()
    _start_session(user)
    if user.must_change_password:
        return redirect(url_for("auth.set_password"))
    home = url_for("admin.index") if user.is_teacher else url_for("quizzes.index")
    return redirect(safe_next(request.args.get("next")) or home)


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        current_user.rotate_session_token()  # every copy of the cookie stops working
        db.session.commit()
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("learn.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        wait = login_retry_after(current_user.username, client_ip())
        if wait:  # wrong current passwords count as failed logins: no unlimited guessing here
            flash(f"Too many wrong passwords. Try again in {wait // 60 + 1} minutes.", "error")
            return render_template("auth/password.html", form=form), 429, {"Retry-After": wait}
        if not verify_password(current_user.password_hash, form.current.data):
            record_login_failure(current_user.username, client_ip())
            db.session.commit()
            form.current.errors.append("That is not your current password.")
            return render_template("auth/password.html", form=form), 422
        current_user.password_hash = hash_password(form.password.data)
        current_user.rotate_session_token()
        db.session.commit()
        _start_session(current_user)  # this device stays in; every other session ends
        flash("Password changed. You were logged out everywhere else.", "success")
        return redirect(url_for("history.index"))
    return render_template("auth/password.html", form=form), 422 if form.errors else 200


@bp.route("/account/new-password", methods=["GET", "POST"])
@login_required
def set_password():
    """After a one-time code: choose a password before anything else."""
    if not current_user.must_change_password:
        return redirect(url_for("auth.change_password"))
    form = SetPasswordForm()
    form.account_name = current_user.username
    if not form.validate_on_submit():
        return render_template("auth/set_password.html", form=form), 422 if form.errors else 200
    current_user.password_hash = hash_password(form.password.data)
    current_user.must_change_password = False
    current_user.rotate_session_token()
    db.session.commit()
    _start_session(current_user)
    flash("Password set. Use it from now on.", "success")
    return redirect(url_for("quizzes.index"))


FREE_WHILE_CHANGING = {"auth.set_password", "auth.logout", "static"}


@bp.before_app_request
def _demand_new_password():
    # A session opened with a one-time code may only set a password (or log out).
    if request.endpoint in FREE_WHILE_CHANGING or "_user_id" not in session:
        return None
    if current_user.is_authenticated and current_user.must_change_password:
        return redirect(url_for("auth.set_password"))
    return None


def require_teacher() -> None:
    """Abort unless the current user may use teacher pages (used by the admin blueprint)."""
    if not current_user.is_authenticated:
        abort(401)
    if not current_user.is_teacher:
        abort(403)
