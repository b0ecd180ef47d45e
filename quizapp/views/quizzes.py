"""Taking a quiz: list, start, one question per page, answer, submit, result."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from quizapp.core.review import describe_key, describe_response
from quizapp.models import Attempt, AttemptItem, Quiz, db, utcnow
from quizapp.services.attempt_pages import ATTEMPT_AND_ITEM, QUESTION_PAGE
from quizapp.services.attempts import (
    AttemptError,
    close_if_expired,
    finish,
    quiz_is_open,
    save_answer,
    start_attempt,
)
from quizapp.services.quiz_builder import paper_size
from quizapp.services.quizzes import may_see, quiz_cards

bp = Blueprint("quizzes", __name__)
MAX_TOKEN = 64


@bp.errorhandler(AttemptError)
def attempt_error(error: AttemptError):
    return render_template(
        "quizzes/problem.html",
        message=error.message,
        attempt_id=request.view_args.get("attempt_id"),
    ), error.status


def _own_attempt(attempt_id: int) -> Attempt:
    attempt = db.session.get(Attempt, attempt_id, options=[joinedload(Attempt.quiz)])
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)
    return attempt


def _own_attempt_and_item(statement, attempt_id: int, position: int) -> tuple:
    row = db.session.execute(statement, {"attempt_id": attempt_id, "position": position}).first()
    if row is None or row[0].user_id != current_user.id:
        abort(404)
    return tuple(row)


def _viewer():
    return current_user if current_user.is_authenticated else None


def _visible_quiz(quiz_id: int) -> Quiz:
    """The quiz, or 404 for someone outside its audience (as if it did not exist)."""
    quiz = db.get_or_404(Quiz, quiz_id)
    if not may_see(quiz, _viewer()):
        abort(404)
    return quiz


@bp.get("/quizzes")
def index():
    return render_template("quizzes/index.html", cards=quiz_cards(_viewer(), utcnow()))


@bp.get("/quizzes/<id:quiz_id>")
def detail(quiz_id: int):
    quiz = _visible_quiz(quiz_id)
    if not quiz_is_open(quiz, utcnow()):
        abort(404)
    return render_template("quizzes/detail.html", quiz=quiz, size=paper_size(quiz))


@bp.post("/quizzes/<id:quiz_id>/start")
@login_required
def start(quiz_id: int):
    quiz = _visible_quiz(quiz_id)
    token = (request.form.get("client_token") or "")[:MAX_TOKEN] or None
    try:
        attempt = start_attempt(current_user, quiz, utcnow(), token)
        db.session.commit()
    except IntegrityError:  # a concurrent start won the race: continue that attempt
        db.session.rollback()
        attempt = start_attempt(current_user, quiz, utcnow(), token)
    return redirect(url_for("quizzes.take", attempt_id=attempt.id), 303)


@bp.get("/attempts/<id:attempt_id>")
@login_required
def take(attempt_id: int):
    attempt = _own_attempt(attempt_id)
    if attempt.status != "in_progress":
        return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    unanswered = next((i.position for i in attempt.items if i.answered_at is None), 1)
    return redirect(url_for("quizzes.question", attempt_id=attempt.id, position=unanswered))


@bp.get("/attempts/<id:attempt_id>/q/<id:position>")
@login_required
def question(attempt_id: int, position: int):
    attempt, item, total, answered = _own_attempt_and_item(QUESTION_PAGE, attempt_id, position)
    if attempt.status != "in_progress":
        return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    if close_if_expired(attempt, utcnow()):
        db.session.commit()
        flash("Time is up. Your saved answers were submitted.", "info")
        return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    if item is None:
        abort(404)
    return _render_question(attempt, item, progress=(total, answered))


def _render_question(
    attempt: Attempt, item: AttemptItem, error: str = "", status: int = 200, progress=None
):
    show_feedback = attempt.quiz.feedback_mode == "immediate" and item.answered_at is not None
    feedback = None
    if show_feedback:
        feedback = {
            "right": describe_key(item.snapshot),
            "yours": describe_response(item.snapshot, item.response),
        }
    total, answered = progress or _progress(attempt)
    return render_template(
        "quizzes/question.html",
        attempt=attempt,
        item=item,
        error=error,
        total=total,
        answered=answered,
        feedback=feedback,
    ), status


def _progress(attempt: Attempt) -> tuple[int, int]:
    """(questions, answered) counted in the database: no item is loaded for it."""
    total, answered = db.session.execute(
        select(func.count(), func.count(AttemptItem.answered_at)).where(
            AttemptItem.attempt_id == attempt.id
        )
    ).one()
    return total, answered


@bp.post("/attempts/<id:attempt_id>/answer")
@login_required
def answer(attempt_id: int):
    position = request.form.get("position", "")
    valid = position.isdigit() and len(position) < 6
    attempt, item, total = _own_attempt_and_item(
        ATTEMPT_AND_ITEM, attempt_id, int(position) if valid else 0
    )
    if item is None:
        abort(400 if not valid else 404)
    if close_if_expired(attempt, utcnow()):
        db.session.commit()
        raise AttemptError(
            "Time is up: this answer arrived after the time limit. "
            "Your answers saved before it were submitted."
        )
    form = {key: request.form.getlist(key) for key in request.form}
    result = save_answer(attempt, item, form, request.form.get("version", ""), utcnow())
    if result.error:
        return _render_question(attempt, item, result.error, 422)
    target = _after_answer_url(attempt, item.position, total)  # before the commit expires rows
    db.session.commit()
    return redirect(target, 303)


def _after_answer_url(attempt: Attempt, position: int, total: int) -> str:
    if attempt.quiz.feedback_mode == "immediate":
        return url_for("quizzes.question", attempt_id=attempt.id, position=position)
    if position < total:
        return url_for("quizzes.question", attempt_id=attempt.id, position=position + 1)
    return url_for("quizzes.confirm", attempt_id=attempt.id)


@bp.get("/attempts/<id:attempt_id>/finish")
@login_required
def confirm(attempt_id: int):
    attempt = _own_attempt(attempt_id)
    if attempt.status != "in_progress":
        return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    return render_template("quizzes/confirm.html", attempt=attempt)


@bp.post("/attempts/<id:attempt_id>/submit")
@login_required
def submit(attempt_id: int):
    attempt = _own_attempt(attempt_id)
    if not finish(attempt, utcnow()):
        db.session.rollback()
        raise AttemptError("This attempt was already submitted. Your result has not changed.")
    db.session.commit()
    return redirect(url_for("quizzes.result", attempt_id=attempt.id), 303)


@bp.get("/attempts/<id:attempt_id>/result")
@login_required
def result(attempt_id: int):
    attempt = _own_attempt(attempt_id)
    if attempt.status == "in_progress":
        raise AttemptError(
            "Submit the attempt first: answers are shown after it is submitted.", 409
        )
    return render_template("quizzes/result.html", attempt=attempt, rows=_result_rows(attempt))


def _result_rows(attempt: Attempt) -> list[tuple]:
    return [
        (item, describe_response(item.snapshot, item.response), describe_key(item.snapshot))
        for item in attempt.items
    ]
