"""A question page of an attempt: show it, save its answer from a button (every way off the
page keeps what is on it) or in the background. Routes live on the quizzes blueprint."""

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from quizapp.core.digits import plain_int
from quizapp.core.review import review_item
from quizapp.core.times import local_text
from quizapp.models import Attempt, AttemptItem, db, utcnow
from quizapp.services.attempt_pages import (
    answered_positions,
    attempt_and_item,
    question_page,
    seconds_left,
    shown_values,
    time_left_text,
)
from quizapp.services.attempts import (
    attempt_ends_at,
    close_if_expired,
    closed_by_quiz,
    save_answer,
)
from quizapp.views.quizzes import bp
from quizapp.web.times import reader_zone


def _own_attempt_and_item(statement, attempt_id: int, position: int) -> tuple:
    row = db.session.execute(statement, {"attempt_id": attempt_id, "position": position}).first()
    if row is None or row[0].user_id != current_user.id:
        abort(404)
    return tuple(row)


@bp.get("/attempts/<id:attempt_id>/q/<id:position>")
@login_required
def question(attempt_id: int, position: int):
    attempt, item, total, answered = _own_attempt_and_item(question_page(), attempt_id, position)
    if attempt.status != "in_progress":
        return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    if close_if_expired(attempt, utcnow()):
        db.session.commit()
        flash(_time_up_text(attempt), "info")
        return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    if item is None:
        abort(404)
    return _render_question(attempt, item, progress=(total, answered))


def _time_up_text(attempt: Attempt) -> str:
    closes = closed_by_quiz(attempt)
    if closes is None:
        return "Time is up. Your saved answers were submitted."
    when = local_text(closes, reader_zone())
    return f"This quiz closed at {when}. Your saved answers were submitted."


def _render_question(
    attempt: Attempt,
    item: AttemptItem,
    error: str = "",
    status: int = 200,
    progress=None,
    submitted=None,
):
    show_feedback = attempt.quiz.gives_feedback_at_once and item.answered_at is not None
    feedback = review_item(item.snapshot, item.response) if show_feedback else None
    total, answered = progress or _progress(attempt)
    remaining = seconds_left(attempt, utcnow())
    done = answered_positions(attempt.id)
    return render_template(
        "quizzes/question.html",
        attempt=attempt,
        item=item,
        error=error,
        total=total,
        answered=answered,
        done=done,
        feedback=feedback,
        shown=shown_values(item, submitted),
        remaining=remaining,
        time_left=time_left_text(remaining) if remaining is not None else "",
        grace=current_app.config["ANSWER_GRACE_SECONDS"],
    ), status


def _progress(attempt: Attempt) -> tuple[int, int]:
    """(questions, answered) counted in the database: no item is loaded for it."""
    total, answered = db.session.execute(
        select(func.count(), func.count(AttemptItem.answered_at)).where(
            AttemptItem.attempt_id == attempt.id
        )
    ).one()
    return total, answered


def _posted_item(attempt_id: int) -> tuple:
    """(attempt, item, questions) for the position a question page's form names."""
    position = plain_int(request.form.get("position"), max_digits=5)
    attempt, item, total = _own_attempt_and_item(attempt_and_item(), attempt_id, position or 0)
    if item is None:
        abort(400 if position is None else 404)
    return attempt, item, total


def _posted_form() -> dict[str, list[str]]:
    return {key: request.form.getlist(key) for key in request.form}


@bp.post("/attempts/<id:attempt_id>/answer")
@login_required
def answer(attempt_id: int):
    """Save the answer, then go where the button pressed says (Save, Previous, Skip/Next, a
    question number, Finish): every way off the page keeps what is on it. "Clear my choice"
    takes the saved answer back (a chosen radio button cannot be unticked) and stays."""
    attempt, item, total = _posted_item(attempt_id)
    go = request.form.get("go", "")
    target = _leave_url(attempt, item.position, total, go)  # before the commit expires rows
    if close_if_expired(attempt, utcnow()) or attempt.status != "in_progress":
        db.session.commit()
        return _closed_page(attempt)
    version = request.form.get("version", "")
    posted = {} if go == "clear" else _posted_form()  # "Clear my choice": no answer
    result = save_answer(attempt, item, posted, version, utcnow(), partial=bool(go))
    if result.error:
        return _render_question(attempt, item, result.error, 422, submitted=_posted_form())
    db.session.commit()
    return redirect(target, 303)


def _leave_url(attempt: Attempt, position: int, total: int, go: str) -> str:
    """Where a button of the question page leads; an unknown button is a bad request."""
    if not go:
        return _after_answer_url(attempt, position, total)
    if go == "finish" or (go == "next" and position >= total):
        return url_for("quizzes.confirm", attempt_id=attempt.id)
    to = {"previous": position - 1, "next": position + 1, "clear": position}.get(go)
    if to is None:
        to = plain_int(go, max_digits=5)
    if to is None or not 1 <= to <= total:
        abort(400)
    return url_for("quizzes.question", attempt_id=attempt.id, position=to)


def _closed_page(attempt: Attempt):
    """A calm answer to a save that came after the attempt was submitted (time up or not)."""
    total, answered = _progress(attempt)
    ends = attempt_ends_at(attempt)
    late = ends is not None and attempt.submitted_at is not None and attempt.submitted_at >= ends
    return render_template(
        "quizzes/closed.html",
        attempt=attempt,
        late=late,
        closed_at=closed_by_quiz(attempt) if late else None,
        total=total,
        answered=answered,
    ), 409


@bp.post("/attempts/<id:attempt_id>/save")
@login_required
def autosave(attempt_id: int):
    """A background save from the question page's script: the answer as it stands (partial or
    blank allowed), answered in JSON with the item's new version and the time left."""
    attempt, item, _ = _posted_item(attempt_id)
    now = utcnow()
    if close_if_expired(attempt, now) or attempt.status != "in_progress":
        db.session.commit()
        message = "This attempt was submitted; this change was not saved."
        return jsonify(error=message, result=_result_url(attempt)), 409
    version = request.form.get("version", "")
    result = save_answer(attempt, item, _posted_form(), version, now, partial=True)
    if result.error:
        return jsonify(error=result.error), 422
    saved = {"saved": result.saved, "version": item.version, "answered": _progress(attempt)[1]}
    saved["this_answered"] = item.answered_at is not None
    saved["remaining"] = seconds_left(attempt, now)
    db.session.commit()
    return jsonify(saved)


def _result_url(attempt: Attempt) -> str:
    return url_for("quizzes.result", attempt_id=attempt.id)


def _after_answer_url(attempt: Attempt, position: int, total: int) -> str:
    if attempt.quiz.gives_feedback_at_once:
        return url_for("quizzes.question", attempt_id=attempt.id, position=position)
    if position < total:
        return url_for("quizzes.question", attempt_id=attempt.id, position=position + 1)
    return url_for("quizzes.confirm", attempt_id=attempt.id)
