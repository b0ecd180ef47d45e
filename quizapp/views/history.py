"""A student's own progress: scores over time, mastery, practice of mistakes, question reports."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from quizapp.forms.history import ReportForm
from quizapp.models import Attempt, AttemptItem, QuestionReport, db, utcnow
from quizapp.services.attempt_start import start_practice_attempt
from quizapp.services.attempts import AttemptError
from quizapp.services.pagination import page_number
from quizapp.services.practice import due_paper, due_summary, join_released, practice_quiz
from quizapp.services.progress import attempts_page, student_progress
from quizapp.services.result_page import ReportDraft, result_page
from quizapp.web.times import reader_zone

bp = Blueprint("history", __name__)
REMOVED_QUESTION = "That question has been removed from the bank, so it cannot be reported."


def _page_arg() -> int:
    return page_number(request.args.get("page"))


@bp.get("/history")
@login_required
def index():
    page, size, user_id = _page_arg(), current_app.config["PAGE_SIZE"], current_user.id
    if join_released(user_id, utcnow()):  # keys shown since: those mistakes join practice
        db.session.commit()
    attempts = attempts_page(user_id, page, size)
    return render_template(
        "history/index.html",
        due=due_summary(user_id, utcnow(), reader_zone()),
        progress=student_progress(
            user_id, "My scores over time", released_by=utcnow(), where=reader_zone()
        ),
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
        join_released(current_user.id, now)
        paper = due_paper(current_user.id, now, reader_zone())
        attempt = start_practice_attempt(current_user, quiz, paper, now)
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
    if not form.validate_on_submit() or item.question_id is None:
        return _refused_report(item, form), 422
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
    # The thanks beside the question, in view where the page lands (on a phone too).
    target = url_for("quizzes.result", attempt_id=item.attempt_id, _anchor=f"report-sent-{item.id}")
    return redirect(target, 303)


def _refused_report(item: AttemptItem, form: ReportForm) -> str:
    """The review page again, the report open beside its question with the text as typed."""
    error = form.message.errors[0] if form.message.errors else REMOVED_QUESTION
    page = result_page(item.attempt, utcnow(), reader_zone())
    page["report_draft"] = ReportDraft(item.id, form.message.data or "", error)
    return render_template("quizzes/result.html", **page)
