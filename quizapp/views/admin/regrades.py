"""Regrading a question's past attempts after its key was fixed: a dry run, then apply."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from quizapp.forms.questions import VersionForm
from quizapp.models import db, utcnow
from quizapp.services import regrade
from quizapp.views.admin import bp
from quizapp.views.admin.questions import editable_question

STALE = "The question was edited after this list was shown. Check the list again, then apply."


def _page(question, form=None, error: str = "", status: int = 200):
    return render_template(
        "admin/questions/regrade.html",
        question=question,
        plan=regrade.plan(question),
        form=form or VersionForm(data={"version": question.version}),
        error=error,
    ), status


@bp.get("/questions/<id:question_id>/regrade")
def regrade_preview(question_id: int):
    return _page(editable_question(question_id))


@bp.post("/questions/<id:question_id>/regrade")
def regrade_apply(question_id: int):
    question = editable_question(question_id)
    form = VersionForm()
    if not form.validate_on_submit() or form.version.data != str(question.version):
        form.version.data = str(question.version)
        return _page(question, form, STALE, 409)
    done = regrade.apply(question, current_user.id, utcnow())
    db.session.commit()
    changed = sum(change.is_changed for change in done.changes)
    flash(
        f"Regraded {len(done.changes)} attempt{'s' * (len(done.changes) != 1)}; "
        f"{changed} score{'s' * (changed != 1)} changed.",
        "success",
    )
    return redirect(url_for("admin.regrade_preview", question_id=question.id), 303)
