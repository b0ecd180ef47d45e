"""Explainer sections: write them in Markdown, preview the sanitised page, save."""

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from quizapp.core.markdown import render
from quizapp.core.questions import orphaned_anchors
from quizapp.forms.topics import TopicForm
from quizapp.models import Question, Topic, db
from quizapp.services.versions import StaleEdit, claim
from quizapp.views.admin import bp


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
        return None, _render(form, topic, rendered, 422)
    return form.values(), None


@bp.get("/topics")
def topics():
    rows = db.session.scalars(select(Topic).order_by(Topic.position, Topic.id)).all()
    return render_template("admin/topics/index.html", topics=rows)


@bp.route("/topics/new", methods=["GET", "POST"])
def topic_new():
    form = TopicForm()
    values, page = _checked(form, None)
    if values is None:
        return page
    topic = Topic(slug=form.slug.data, **values)
    db.session.add(topic)
    db.session.commit()
    flash("Section saved.", "success")
    return redirect(url_for("admin.topic_edit", topic_id=topic.id), 303)


@bp.route("/topics/<id:topic_id>/edit", methods=["GET", "POST"])
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
    for name, value in values.items():
        setattr(topic, name, value)
    db.session.commit()
    flash("Section saved.", "success")
    return redirect(url_for("admin.topic_edit", topic_id=topic.id), 303)
