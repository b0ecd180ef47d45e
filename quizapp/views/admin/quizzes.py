"""Quiz builder: the pool, the number of questions and quotas, timing, attempts, publishing."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from quizapp.core.questions import may_edit
from quizapp.core.quiz_settings import quiz_problems, slugify
from quizapp.forms.questions import error_summary, padded
from quizapp.forms.quizzes import QuizForm
from quizapp.models import Attempt, Quiz, Topic, db, utcnow
from quizapp.services.attempt_start import quiz_is_open
from quizapp.services.bank import quiz_pool
from quizapp.services.quiz_builder import apply_quiz, giveaway_warning, paper_size
from quizapp.services.versions import StaleEdit, claim
from quizapp.views.admin import bp


def _topics() -> list[Topic]:
    return list(db.session.scalars(select(Topic).order_by(Topic.position, Topic.id)))


def editable_quiz(quiz_id: int) -> Quiz:
    quiz = db.get_or_404(Quiz, quiz_id)
    if not may_edit(current_user.is_admin, current_user.id, quiz.created_by_id):
        abort(403)
    return quiz


def _initial(quiz: Quiz) -> dict:
    names = (
        "version",
        "title",
        "description",
        "kinds",
        "difficulties",
        "question_count",
        "shuffle",
        "feedback_mode",
        "release_mode",
        "time_limit_minutes",
        "max_attempts",
        "opens_at",
        "closes_at",
        "is_published",
        "audience",
    )
    data = {name: getattr(quiz, name) for name in names}
    data["topics"] = [t.slug for t in quiz.topics]
    quotas = [{"topic": s, "count": n} for s, n in sorted((quiz.topic_quotas or {}).items())]
    data["quotas"] = padded(quotas, {})[: len(quotas) + 4]
    return data


def _quiz_form(quiz: Quiz | None = None) -> QuizForm:
    form = QuizForm(data=_initial(quiz) if quiz is not None else None)
    form.set_topics(_topics())
    form.quota_error = ""
    return form


def _checked(form: QuizForm) -> dict | None:
    """The settings when the form was sent and they fit together; else None (errors attached).
    Settings that do not fit together are named with the field errors, not after them."""
    if not form.is_submitted():
        return None
    valid = form.validate()
    settings = form.settings()
    problems = quiz_problems(settings)
    form.quota_error = problems.get("quotas", "")
    for name in ("closes_at", "release_mode"):
        if name in problems:
            form[name].errors = [*form[name].errors, problems[name]]
    return settings if valid and not problems else None


def _conflict(form: QuizForm, quiz: Quiz, stale: StaleEdit):
    """Nothing saved: the settings saved meanwhile are listed, the teacher's own stay in the
    form, which now carries the current version (saving again replaces theirs on purpose)."""
    db.session.rollback()
    form.version.data = str(stale.current)
    theirs = _quiz_form(quiz)
    return _render(form, quiz, status=409, conflict=stale, theirs=theirs)


def _render(form: QuizForm, quiz: Quiz | None, status: int | None = None, **extra):
    status = status or (422 if form.is_submitted() else 200)
    pool = len(quiz_pool(quiz)) if quiz is not None else None
    summary = [("quotas", "Per-section quotas", form.quota_error)] if form.quota_error else []
    return render_template(
        "admin/quizzes/form.html",
        form=form,
        quiz=quiz,
        pool=pool,
        giveaways=giveaway_warning(quiz) if quiz is not None else None,
        summary=summary + error_summary(form),
        **extra,
    ), status


def _saved(quiz: Quiz):
    db.session.commit()
    pool = len(quiz_pool(quiz)) if quiz.question_count else 0
    if not quiz.question_count:
        flash("Saved. Papers hold only the quiz's hand-picked questions and draws.", "success")
    elif pool < quiz.question_count:
        flash(
            f"Saved. The pool holds only {pool} published questions, fewer than the "
            f"{quiz.question_count} asked for: papers will be shorter.",
            "error",
        )
    else:
        flash(f"Saved. The pool holds {pool} published questions.", "success")
    return redirect(url_for("admin.quiz_edit", quiz_id=quiz.id), 303)


@bp.get("/quizzes")
def quizzes():
    rows = db.session.scalars(
        select(Quiz)
        .order_by(Quiz.id.desc())
        .options(selectinload(Quiz.topics), selectinload(Quiz.slots))
    ).all()
    attempts = dict(
        db.session.execute(select(Attempt.quiz_id, func.count()).group_by(Attempt.quiz_id)).all()
    )
    now = utcnow()
    items = [
        (
            quiz,
            quiz_is_open(quiz, now),
            len(quiz_pool(quiz)) if quiz.question_count else None,
            attempts.get(quiz.id, 0),
            may_edit(current_user.is_admin, current_user.id, quiz.created_by_id),
        )
        for quiz in rows
    ]
    sizes = {quiz.id: paper_size(quiz) for quiz in rows}
    return render_template("admin/quizzes/index.html", items=items, sizes=sizes)


@bp.route("/quizzes/new", methods=["GET", "POST"])
def quiz_new():
    form = _quiz_form()
    settings = _checked(form)
    if settings is None:
        return _render(form, None)
    taken = set(db.session.scalars(select(Quiz.slug).where(Quiz.slug.is_not(None))))
    quiz = Quiz(slug=slugify(settings["title"], taken), created_by_id=current_user.id)
    apply_quiz(quiz, settings, {t.slug: t for t in _topics()})
    db.session.add(quiz)
    return _saved(quiz)


@bp.route("/quizzes/<id:quiz_id>/edit", methods=["GET", "POST"])
def quiz_edit(quiz_id: int):
    quiz = editable_quiz(quiz_id)
    form = _quiz_form(quiz)
    settings = _checked(form)
    if settings is None:
        return _render(form, quiz)
    try:
        claim(quiz, request.form.get("version"))
    except StaleEdit as stale:
        return _conflict(form, quiz, stale)
    apply_quiz(quiz, settings, {t.slug: t for t in _topics()})
    return _saved(quiz)
