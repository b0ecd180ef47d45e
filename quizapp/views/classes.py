"""A student's classes: join one with a code, see each class's assignments."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from quizapp.core.classes import join_code_problem, normalise_join_code
from quizapp.forms.classes import JoinForm
from quizapp.models import db, utcnow
from quizapp.services.classes import class_by_code, join_class, my_classes

bp = Blueprint("classes", __name__, url_prefix="/classes")


@bp.get("/")
@login_required
def index():
    return render_template("classes/index.html", classes=my_classes(current_user.id, utcnow()))


@bp.get("/<id:class_id>")
@login_required
def detail(class_id: int):
    found = my_classes(current_user.id, utcnow(), class_id)
    if not found:
        abort(404)
    return render_template("classes/detail.html", card=found[0])


def _check_code(typed: str):
    """The class a typed code belongs to, and why it cannot be used ("" when it can)."""
    code = normalise_join_code(typed)
    found = class_by_code(code)
    expires_at = found.join_code_expires_at if found else None
    return found, join_code_problem(code, found is not None, expires_at, utcnow())


@bp.route("/join", methods=["GET", "POST"])
@login_required
def join():
    form = JoinForm(code=request.args.get("code", "")[:20])
    if not form.validate_on_submit():
        return render_template("classes/join.html", form=form), 422 if form.errors else 200
    school_class, problem = _check_code(form.code.data)
    if problem:
        form.code.errors.append(problem)
        return render_template("classes/join.html", form=form), 422
    if join_class(school_class.id, current_user.id):
        db.session.commit()
        flash(f"You joined {school_class.name}.", "success")
    else:
        flash(f"You are already in {school_class.name}.", "info")
    return redirect(url_for("classes.detail", class_id=school_class.id), 303)
