"""A student's own progress: scores over time, mastery, practice of mistakes, question reports."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import bindparam, func, select, true

from quizapp.core.practice import end_of_day
from quizapp.forms.history import ReportForm
from quizapp.models import Attempt, AttemptItem, Question, QuestionReport, Quiz, Topic, db, utcnow
from quizapp.services.attempts import AttemptError, start_practice_attempt
from quizapp.services.pagination import page_number
from quizapp.services.practice import due_paper, due_summary, practice_quiz
from quizapp.services.progress import attempts_page, student_progress
from quizapp.web import page_cache

bp = Blueprint("history", __name__)


def _page_arg() -> int:
    return page_number(request.args.get("page"))


# Everything the scores, the per-quiz and per-section tables, the attempt list and the review
# items are made from (review items move only when an attempt is submitted): any new,
# submitted, regraded or deleted attempt, an edited section or question changes it.
_OWN_ATTEMPTS = select(
    func.count(Attempt.id),
    func.max(Attempt.id),
    func.count(Attempt.submitted_at),
    func.max(Attempt.submitted_at),
    func.sum(Attempt.score),
    select(func.count(Topic.id)).scalar_subquery(),
    select(func.max(Topic.updated_at)).scalar_subquery(),
    select(func.max(Question.updated_at)).scalar_subquery(),
).where(Attempt.user_id == bindparam("user_id"))
# One row per quiz (a renamed quiz shows at once), each carrying the student's state.
_STATE = _OWN_ATTEMPTS.subquery()
HISTORY_STATE = select(Quiz.id, Quiz.title, _STATE).join(_STATE, true()).order_by(Quiz.id)


@bp.get("/history")
@login_required
def index():
    page, size, user_id = _page_arg(), current_app.config["PAGE_SIZE"], current_user.id
    state = tuple(page_cache.read_state(HISTORY_STATE, user_id=user_id))
    now = utcnow()  # the due counts change at midnight, or with the state
    due = page_cache.cached(
        ("due", user_id, end_of_day(now), state), lambda: due_summary(user_id, now)
    )
    body = page_cache.fragment(
        ("history", user_id, page, size, state), lambda: _body(user_id, page, size)
    )
    page_cache.personal_page(lambda: end_of_day(utcnow()))
    return render_template("history/index.html", due=due, body=body)


def _body(user_id: int, page: int, size: int) -> str:
    attempts = attempts_page(user_id, page, size)
    return render_template(
        "history/_body.html",
        progress=student_progress(user_id, "My scores over time"),
        attempts=attempts.items,
        page=attempts.page,
        pages=attempts.pages,
        total=attempts.total,
    )


@bp.post("/history/practice")
@login_required
def practice():
    now = utcnow()
    try:
        quiz = practice_quiz()
        attempt = start_practice_attempt(current_user, quiz, due_paper(current_user.id, now), now)
    except AttemptError as error:
        db.session.rollback()
        flash(error.message, "info")
        return redirect(url_for("history.index"), 303)
    db.session.commit()
    return redirect(url_for("quizzes.take", attempt_id=attempt.id), 303)


def _own_submitted_item(item_id: int) -> AttemptItem:
    item = db.session.scalar(
        select(AttemptItem)
        .join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(AttemptItem.id == item_id, Attempt.user_id == current_user.id)
    )
    if item is None:
        abort(404)
    if item.attempt.status != "submitted":
        abort(409)
    return item


@bp.post("/history/items/<id:item_id>/report")
@login_required
def report(item_id: int):
    item = _own_submitted_item(item_id)
    form = ReportForm()
    if item.question_id is None:
        flash("That question has been removed from the bank, so it cannot be reported.", "error")
    elif not form.validate_on_submit():
        flash("Say what is wrong with the question, in up to 1000 characters.", "error")
    else:
        db.session.add(
            QuestionReport(
                question_id=item.question_id,
                user_id=current_user.id,
                attempt_item_id=item.id,
                message=form.message.data,
            )
        )
        db.session.commit()
        flash("Thank you: your report was sent to the teachers.", "success")
    target = url_for("quizzes.result", attempt_id=item.attempt_id, _anchor=f"item-{item.position}")
    return redirect(target, 303)
