"""Admins manage accounts: change a role, disable or re-enable an account, give a one-time
code (the code is shown once, in the POST's response) and read the log of codes given.
Accounts of any role are created with `flask create-user USERNAME --role …`.

Disabling an account rotates its session token, so every session it has ends at once. An admin
cannot demote or disable themselves (the last admin could otherwise lock everyone out).
"""

from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import StringField
from wtforms.validators import AnyOf, InputRequired

from quizapp.core.accounts import ROLES
from quizapp.models import User, db, utcnow
from quizapp.services.account_resets import reset_log, reset_password
from quizapp.views.admin import bp

PAGE_SIZE = 50


class RoleForm(FlaskForm):
    role = StringField("Role", [InputRequired(), AnyOf(ROLES)])


def admin_required(view):
    """The blueprint already demands a teacher; these pages demand an admin."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def _other_user(user_id: int) -> User:
    user = db.get_or_404(User, user_id)
    if user.id == current_user.id:
        abort(409, "You cannot change your own account here.")
    return user


@bp.get("/users")
@admin_required
def users():
    search = request.args.get("q", "").strip().lower()[:40]
    query = select(User).order_by(User.username)
    if search:
        query = query.where(User.username.contains(search, autoescape=True))
    rows = db.session.scalars(query.limit(PAGE_SIZE)).all()
    total = db.session.scalar(select(func.count()).select_from(User))
    return render_template(
        "admin/users/index.html", users=rows, search=search, total=total, roles=ROLES
    )


@bp.post("/users/<id:user_id>/role")
@admin_required
def user_role(user_id: int):
    user = _other_user(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    user.role = form.role.data
    db.session.commit()
    flash(f"{user.username} is now a {user.role}.", "success")
    return redirect(url_for("admin.users"), 303)


@bp.post("/users/<id:user_id>/disable")
@admin_required
def user_disable(user_id: int):
    user = _other_user(user_id)
    user.is_disabled = not user.is_disabled
    user.rotate_session_token()  # ends every session of a disabled account
    db.session.commit()
    state = "disabled: every session it had has ended" if user.is_disabled else "enabled again"
    flash(f"{user.username} is {state}.", "success")
    return redirect(url_for("admin.users"), 303)


@bp.post("/users/<id:user_id>/editor")
@admin_required
def user_editor(user_id: int):
    """Make a teacher an explainer editor, or take the right away again."""
    user = _other_user(user_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if user.role != "teacher":
        abort(409, "Only teachers carry the editor flag: admins edit the explainer anyway.")
    user.can_edit_explainer = not user.can_edit_explainer
    db.session.commit()
    state = "may now edit" if user.can_edit_explainer else "may no longer edit"
    flash(f"{user.username} {state} the explainer.", "success")
    return redirect(url_for("admin.users"), 303)


@bp.post("/users/<id:user_id>/reset")
@admin_required
def user_reset_password(user_id: int):
    user = _other_user(user_id)
    code = reset_password(user, current_user, utcnow())
    db.session.commit()
    return render_template("admin/users/code.html", student=user, code=code)


@bp.get("/users/resets")
@admin_required
def reset_log_page():
    return render_template("admin/users/resets.html", resets=reset_log())
