"""Explainer sections: write them in Markdown, preview the sanitised page, save.

Every teacher may read the sections and their history; only admins and teachers with the
explainer-editor flag create, change or restore them. Each save is kept as a revision.
"""

from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from quizapp.core.markdown import render
from quizapp.core.questions import orphaned_anchors
from quizapp.forms.topics import RestoreForm, TopicForm
from quizapp.models import Question, Topic, db
from quizapp.services import explainer_revisions as revisions
from quizapp.services.versions import StaleEdit, claim
from quizapp.views.admin import bp


def editor_required(view):
    """Admins, and teachers an admin has made explainer editors."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_explainer_editor:
            abort(403, "Only explainer editors change sections. Ask an admin to make you one.")
        return view(*args, **kwargs)

    return wrapped


def _anchors_in_use(topic: Topic) -> dict[str, int]:
    """Paragraph id → how many current questions point at it."""
    rows = db.session.execute(
        select(Question.anchor, func.count())
        .where(Question.topic_id == topic.id, Question.status != "retired")
        .group_by(Question.anchor)
    ).all()
    return dict(rows)


def _orphan_message(orphans: dict[str, int]) -> str:
    listed = ", ".join(
        f"#{anchor} ({n} question{'' if n == 1 else 's'})" for anchor, n in orphans.items()
    )
    return (
        f"Questions point at paragraph ids this text no longer has: {listed}. "
        "Keep those ids, or move the questions to other paragraphs first."
    )


def _render(form: TopicForm, topic: Topic | None, preview=None, status: int = 200, **extra):
    return render_template(
        "admin/topics/form.html", form=form, topic=topic, preview=preview, **extra
    ), status


def _conflict(form: TopicForm, topic: Topic, stale: StaleEdit):
    """Nothing saved: their saved text is shown, the teacher's own stays in the form, and the
    form now carries the current version, so saving again replaces theirs on purpose."""
    db.session.rollback()
    form.version.data = str(stale.current)
    return _render(form, topic, status=409, conflict=stale, theirs=render(topic.body or ""))


def _checked(form: TopicForm, topic: Topic | None):
    """(values, response): values to save, or the page to show (a preview or the errors)."""
    if not form.validate_on_submit():
        return None, _render(form, topic, status=422 if form.is_submitted() else 200)
    rendered = render(form.body.data or "")
    if request.form.get("action") == "preview":
        return None, _render(form, topic, rendered)
    orphans = orphaned_anchors(rendered.anchors, _anchors_in_use(topic)) if topic else {}
    if orphans:
        form.body.errors = [*form.body.errors, _orphan_message(orphans)]
        needing = revisions.questions_needing(topic, form.body.data or "")
        return None, _render(form, topic, rendered, 422, needing=needing)
    return form.values(), None


@bp.get("/topics")
def topics():
    rows = db.session.scalars(select(Topic).order_by(Topic.position, Topic.id)).all()
    return render_template("admin/topics/index.html", topics=rows)


@bp.route("/topics/new", methods=["GET", "POST"])
@editor_required
def topic_new():
    form = TopicForm()
    values, page = _checked(form, None)
    if values is None:
        return page
    topic = Topic(slug=form.slug.data, **values)
    db.session.add(topic)
    revisions.record(topic, current_user)
    db.session.commit()
    flash("Section saved.", "success")
    return redirect(url_for("admin.topic_edit", topic_id=topic.id), 303)


@bp.route("/topics/<id:topic_id>/edit", methods=["GET", "POST"])
@editor_required
def topic_edit(topic_id: int):
    topic = db.get_or_404(Topic, topic_id)
    form = TopicForm(obj=topic)
    del form.slug  # the address is fixed: links and quiz quotas use it
    values, page = _checked(form, topic)
    if values is None:
        return page
    try:
        claim(topic, request.form.get("version"))
    except StaleEdit as stale:
        return _conflict(form, topic, stale)
    revisions.ensure_baseline(topic)
    for name, value in values.items():
        setattr(topic, name, value)
    revisions.record(topic, current_user)
    db.session.commit()
    flash("Section saved.", "success")
    return redirect(url_for("admin.topic_edit", topic_id=topic.id), 303)


@bp.get("/topics/<id:topic_id>/history")
def topic_history(topic_id: int):
    topic = db.get_or_404(Topic, topic_id)
    rows = revisions.history(topic)
    olders = [*rows[1:], None]
    counts = {row.number: revisions.change_counts(olders[i], row) for i, row in enumerate(rows)}
    return render_template("admin/topics/history.html", topic=topic, rows=rows, counts=counts)


@bp.get("/topics/<id:topic_id>/revisions/<id:number>")
def topic_revision(topic_id: int, number: int):
    topic = db.get_or_404(Topic, topic_id)
    revision = revisions.revision_or_none(topic, number) or abort(404)
    older = revisions.previous(revision)
    return render_template(
        "admin/topics/revision.html",
        topic=topic,
        revision=revision,
        older=older,
        lines=revisions.diff(older, revision),
        needing=revisions.questions_needing(topic, revision.body),
    )


@bp.post("/topics/<id:topic_id>/revisions/<id:number>/restore")
@editor_required
def topic_restore(topic_id: int, number: int):
    topic = db.get_or_404(Topic, topic_id)
    revision = revisions.revision_or_none(topic, number) or abort(404)
    form = RestoreForm()
    if not form.validate_on_submit():
        abort(400)
    needing = revisions.questions_needing(topic, revision.body)
    if needing:
        return render_template(
            "admin/topics/revision.html",
            topic=topic,
            revision=revision,
            older=revisions.previous(revision),
            lines=revisions.diff(revisions.previous(revision), revision),
            needing=needing,
            refused=True,
        ), 409
    try:
        claim(topic, form.version.data)
    except StaleEdit:
        db.session.rollback()
        flash("Someone saved this section after you opened the revision. Look again.", "error")
        return redirect(url_for("admin.topic_history", topic_id=topic.id), 303)
    restored = revisions.restore(topic, revision, current_user)
    db.session.commit()
    flash(f"Revision {revision.number} restored as revision {restored.number}.", "success")
    return redirect(url_for("admin.topic_history", topic_id=topic.id), 303)
