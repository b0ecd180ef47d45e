"""What unpublishing a quiz does (README, "Publishing and closing quizzes"): it hides the quiz
and stops new attempts; a student already in it may finish, since the work is theirs. A close
date in the past stops answers at once: open attempts are then submitted as they stand."""

from datetime import datetime, timedelta

import pytest
from clock_helpers import move_clock
from sqlalchemy import select, update

from quizapp.models import Quiz, User, db, utcnow

from attempt_helpers import attempt, items, right_form


def first_quiz_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Quiz.id).order_by(Quiz.id))


def set_quiz(app, **values) -> None:
    with app.app_context():
        db.session.execute(update(Quiz).values(**values))
        db.session.commit()


def started(app, student) -> tuple[int, int]:
    quiz_id = first_quiz_id(app)
    response = student.post(f"/quizzes/{quiz_id}/start")
    return quiz_id, int(response.headers["Location"].rstrip("/").split("/")[-1])


def save(student, app, attempt_id: int):
    item = items(app, attempt_id)[0]
    data = {"position": str(item.position), "version": str(item.version)}
    return student.post(f"/attempts/{attempt_id}/answer", data=data | right_form(item.snapshot))


def test_unpublishing_hides_the_quiz_but_lets_a_started_attempt_finish(app, student):
    quiz_id, attempt_id = started(app, student)
    set_quiz(app, is_published=False)
    assert f"/quizzes/{quiz_id}" not in student.get("/quizzes").text
    assert student.post(f"/quizzes/{quiz_id}/start").status_code == 303  # resumes, no new paper
    assert save(student, app, attempt_id).status_code in (302, 303)
    assert student.post(f"/attempts/{attempt_id}/submit").status_code == 303
    assert attempt(app, attempt_id).status == "submitted"
    assert student.post(f"/quizzes/{quiz_id}/start").status_code == 404  # no new attempts


def test_a_past_close_date_stops_answers_and_submits_what_was_saved(app, student):
    _, attempt_id = started(app, student)
    assert save(student, app, attempt_id).status_code in (302, 303)
    set_quiz(app, closes_at=utcnow() - timedelta(minutes=1))
    refused = save(student, app, attempt_id)
    assert refused.status_code in (303, 409)
    closed = attempt(app, attempt_id)
    assert closed.status == "submitted" and closed.score == 1


def test_a_close_date_set_before_the_start_never_dates_the_submission_before_it(
    app, student, monkeypatch
):
    _, attempt_id = started(app, student)
    assert save(student, app, attempt_id).status_code in (302, 303)
    move_clock(monkeypatch, timedelta(minutes=20))
    set_quiz(app, closes_at=utcnow() - timedelta(days=4))  # the teacher ends it in the past
    assert save(student, app, attempt_id).status_code == 409
    closed = attempt(app, attempt_id)
    last_answer = max(i.answered_at for i in items(app, attempt_id) if i.answered_at)
    assert closed.status == "submitted" and closed.started_at <= last_answer
    assert closed.submitted_at == last_answer  # the last moment the student was seen working
    assert '<td data-label="Time taken">0 min</td>' in student.get("/history").text


def test_a_close_date_after_the_last_answer_is_when_the_attempt_ended(app, student, monkeypatch):
    _, attempt_id = started(app, student)
    assert save(student, app, attempt_id).status_code in (302, 303)
    closes = utcnow() + timedelta(minutes=30)
    set_quiz(app, closes_at=closes)
    move_clock(monkeypatch, timedelta(hours=2))  # the student comes back after it closed
    assert save(student, app, attempt_id).status_code == 409
    assert attempt(app, attempt_id).submitted_at == closes


CLOSED = datetime(2020, 1, 15, 6, 13)  # UTC; 11:13 in Karachi
CLOSED_TEXT = "15 Jan 2020, 11:13 PKT"


def in_karachi(app, username: str = "alice") -> None:
    with app.app_context():
        db.session.scalar(select(User).where(User.username == username)).timezone = "Asia/Karachi"
        db.session.commit()


@pytest.mark.parametrize("time_limit", [None, 30])  # no limit, or one that would end later
def test_an_answer_after_the_quiz_closed_is_told_the_quiz_closed(app, student, time_limit):
    in_karachi(app)
    set_quiz(app, time_limit_minutes=time_limit)
    _, attempt_id = started(app, student)
    set_quiz(app, closes_at=CLOSED)
    refused = save(student, app, attempt_id)
    assert refused.status_code == 409
    assert "The quiz closed at" in refused.text and f">{CLOSED_TEXT}</time>" in refused.text
    assert "time limit" not in refused.text


def test_opening_a_question_after_the_quiz_closed_says_it_closed(app, student):
    in_karachi(app)
    _, attempt_id = started(app, student)
    set_quiz(app, closes_at=CLOSED)
    response = student.get(f"/attempts/{attempt_id}/q/1")
    assert response.headers["Location"] == f"/attempts/{attempt_id}/result"
    page = student.get(response.headers["Location"]).text
    assert f"This quiz closed at {CLOSED_TEXT}. Your saved answers were submitted." in page


def test_a_time_limit_that_ends_first_is_still_told_as_time_up(app, student, monkeypatch):
    set_quiz(app, time_limit_minutes=10)
    _, attempt_id = started(app, student)
    set_quiz(app, closes_at=utcnow() + timedelta(hours=1))
    move_clock(monkeypatch, timedelta(minutes=30))
    refused = save(student, app, attempt_id)
    assert refused.status_code == 409 and "the time limit ended" in refused.text
