"""A question of the bank: write and edit by kind, preview, duplicate, publish, retire (the
bank's list, filters and sorting are in `views.admin.bank`)."""

import random

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from quizapp.core.assembly import make_snapshot
from quizapp.core.digits import plain_int
from quizapp.core.import_plan import Existing
from quizapp.core.question_use import LABELS as USE_LABELS
from quizapp.core.questions import check_question, may_edit
from quizapp.core.review import describe_key
from quizapp.forms.question_kinds import QUESTION_FORMS
from quizapp.forms.questions import (
    ADD_ROW,
    KIND_LABELS,
    MAX_ROWS,
    StatusForm,
    options,
)
from quizapp.models import AttemptItem, Question, Topic, db, utcnow
from quizapp.models.content import KINDS
from quizapp.services.articles import record_approval
from quizapp.services.bank import (
    EditConflict,
    claim_version,
    create_question,
    duplicate_question,
    fields_from_question,
    question_data,
    update_question,
)
from quizapp.services.never_with import partners, save_usage
from quizapp.services.paragraphs import explainer_sections
from quizapp.services.question_log import log_edit, recent_changes
from quizapp.views.admin import bp

STATUS_DONE = {"published": "published", "retired": "retired", "draft": "moved back to drafts"}


@bp.errorhandler(EditConflict)
def edit_conflict(error: EditConflict):
    db.session.rollback()
    question_id = (request.view_args or {}).get("question_id")
    return render_template(
        "admin/questions/conflict.html", message=error.message, question_id=question_id
    ), 409


def editable_question(question_id: int) -> Question:
    """The question, if the current user may change it (403 otherwise)."""
    question = db.get_or_404(Question, question_id)
    if not may_edit(current_user.is_admin, current_user.id, question.created_by_id):
        abort(403)
    return question


def _topics() -> list[Topic]:
    return list(db.session.scalars(select(Topic).order_by(Topic.position, Topic.id)))


def _claim(question: Question, version: str | None) -> None:
    seen = plain_int(version)
    if seen is None:
        abort(400)
    claim_version(question, seen)


@bp.get("/questions/new")
def question_kinds():
    return render_template("admin/questions/kinds.html", kinds=KIND_LABELS)


def _question_form(kind: str, question: Question | None = None):
    form_class = QUESTION_FORMS[kind]
    data = None
    if request.method != "POST":
        fields = fields_from_question(question) if question else {}
        data = form_class.initial(fields)
        if question is not None:
            data.update(
                key=question.key,
                prompt=question.prompt,
                anchor=question.anchor,
                explanation=question.explanation,
                difficulty=question.difficulty,
                topic_id=question.topic_id or 0,
                status=question.status,
                version=question.version,
                use=question.use,
                never_with=", ".join(str(other.id) for other in partners(question)),
            )
    form = form_class(data=data)
    form.kind = kind
    form.sections = explainer_sections()
    form.topic_id.choices = options(
        [(0, "No section"), *((s.topic_id, s.title) for s in form.sections.values())]
    )
    form.question_id = question.id if question else None
    return form


def _adding_row(form) -> bool:
    """Whether the form was sent by an "Add option" button: it comes back with one more row
    and everything typed, and nothing is saved."""
    wanted = request.form.get(ADD_ROW) if form.is_submitted() else None
    if wanted is None:
        return False
    if not form.add_row(wanted) and wanted not in form.lists:
        abort(400)
    return True


def _checked(form):
    """The checked fields when the form was sent and is sound; else None (errors attached)."""
    if not form.is_submitted() or _adding_row(form):
        return None
    shape_ok = form.validate()
    check = check_question({**form.raw_fields(), "kind": form.kind})
    form.add_problems(check.problems)
    return check if shape_ok and check.ok else None


def _render_form(form, question: Question | None):
    status = 422 if form.is_submitted() and ADD_ROW not in request.form else 200
    if form.group_errors and ADD_ROW in request.form:
        status = 422  # the list is full: the button was refused
    return render_template(
        "admin/questions/form.html",
        form=form,
        question=question,
        kind_label=KIND_LABELS[form.kind],
        max_rows=MAX_ROWS,
    ), status


@bp.route("/questions/new/<kind>", methods=["GET", "POST"])
def question_new(kind: str):
    if kind not in KINDS:
        abort(404)
    form = _question_form(kind)
    check = _checked(form)
    if check is None:
        return _render_form(form, None)
    question = create_question(
        check.fields,
        db.session.get(Topic, form.topic_id.data),
        status=form.status.data,
        origin="curated",
        created_by_id=current_user.id,
    )
    save_usage(question, form.use.data, form.never_with_ids, current_user.id)
    db.session.commit()
    flash("Question saved. This is how students will see it.", "success")
    return redirect(url_for("admin.question_preview", question_id=question.id), 303)


@bp.route("/questions/<id:question_id>/edit", methods=["GET", "POST"])
def question_edit(question_id: int):
    question = editable_question(question_id)
    form = _question_form(question.kind, question)
    check = _checked(form)
    if check is None:
        return _render_form(form, question)
    _claim(question, form.version.data)
    before = Existing(question.id, fields_from_question(question), _slug(question.topic))
    topic = db.session.get(Topic, form.topic_id.data)
    update_question(question, check.fields, topic)
    _set_status(question, form.status.data)
    usage = save_usage(question, form.use.data, form.never_with_ids, current_user.id)
    log_edit(question, before, check.fields, _slug(topic), current_user.id, also=usage)
    db.session.commit()
    flash("Changes saved. Past attempts keep the version their students saw.", "success")
    return redirect(url_for("admin.question_preview", question_id=question.id), 303)


def _slug(topic: Topic | None) -> str | None:
    return topic.slug if topic else None


@bp.get("/questions/<id:question_id>")
def question_preview(question_id: int):
    question = db.get_or_404(Question, question_id)
    snapshot = make_snapshot(question_data(question), random.Random())
    used = db.session.scalar(
        select(func.count()).select_from(AttemptItem).where(AttemptItem.question_id == question.id)
    )
    return render_template(
        "admin/questions/preview.html",
        question=question,
        used=used,
        key=describe_key(snapshot),
        item={"snapshot": snapshot, "response": None},
        feedback=None,
        error="",
        can_edit=may_edit(current_user.is_admin, current_user.id, question.created_by_id),
        form=StatusForm(data={"version": question.version}),
        kind_label=KIND_LABELS[question.kind],
        never_with=partners(question),
        use_labels=USE_LABELS,
        changes=recent_changes(question.id),
    )


def _set_status(question: Question, status: str) -> None:
    """Publishing a generated question from the bank is an approval too: record who and when,
    as the article page does."""
    if (
        status == "published"
        and question.origin == "generated"
        and (question.status != "published" or question.needs_review)
    ):
        record_approval(question, current_user.id, utcnow())
    question.status = status


@bp.post("/questions/<id:question_id>/status")
def question_status(question_id: int):
    question = editable_question(question_id)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    _claim(question, form.version.data)
    _set_status(question, form.status.data)
    db.session.commit()
    flash(f"Question {STATUS_DONE[question.status]}.", "success")
    return redirect(url_for("admin.question_preview", question_id=question.id), 303)


@bp.post("/questions/<id:question_id>/duplicate")
def question_duplicate(question_id: int):
    original = db.get_or_404(Question, question_id)  # CSRF is checked app-wide
    copy = duplicate_question(original, current_user.id)
    db.session.commit()
    flash("This is a draft copy: edit it, then publish it.", "success")
    return redirect(url_for("admin.question_edit", question_id=copy.id), 303)
