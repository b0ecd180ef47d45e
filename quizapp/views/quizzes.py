"""Taking a quiz: list, start, finish, submit, result (a question page and its answers are in
`views.attempt_pages`, on the same blueprint)."""

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from quizapp.models import Attempt, Quiz, db, utcnow
from quizapp.services.accommodations import minutes_allowed
from quizapp.services.attempt_pages import unfinished
from quizapp.services.attempt_start import has_attempts_left, quiz_is_open, start_attempt
from quizapp.services.attempts import AttemptError, finish
from quizapp.services.quiz_builder import paper_size
from quizapp.services.quizzes import may_see, quiz_cards
from quizapp.services.result_page import result_page
from quizapp.web.times import reader_zone

bp = Blueprint("quizzes", __name__)
MAX_TOKEN = 64


@bp.errorhandler(AttemptError)
def attempt_error(error: AttemptError):
    if request.endpoint == "quizzes.autosave":
        return jsonify(error=error.message), error.status
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
    allowed, may_start = quiz.time_limit_minutes, True
    if current_user.is_authenticated:
        allowed = minutes_allowed(current_user.id, quiz.time_limit_minutes)
        may_start = has_attempts_left(current_user, quiz)
    return render_template(
        "quizzes/detail.html",
        quiz=quiz,
        size=paper_size(quiz),
        allowed=allowed,
        may_start=may_start,
    )


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


@bp.get("/attempts/<id:attempt_id>/finish")
@login_required
def confirm(attempt_id: int):
    attempt = _own_attempt(attempt_id)
    if attempt.status != "in_progress":
        return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    unanswered, partial = unfinished(attempt.items)
    return render_template(
        "quizzes/confirm.html", attempt=attempt, unanswered=unanswered, partial=partial
    )


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
    return render_template("quizzes/result.html", **result_page(attempt, utcnow(), reader_zone()))
