"""The status line of a quiz in a student's list."""

from datetime import datetime, timedelta

from quizapp.core.quiz_status import AttemptRow, due_date, quiz_status

NOW = datetime(2026, 12, 5, 9, 0)
DONE = AttemptRow(1, "submitted", 4.0, 5.0)
ZERO = AttemptRow(2, "submitted", 0.0, 5.0)
OPEN = AttemptRow(3, "in_progress", None, 5.0)


def test_not_started_with_attempts_left():
    status = quiz_status([], 2, True, [], NOW)
    assert (status.state, status.attempts_left, status.best_percent) == ("not_started", 2, None)
    assert status.due_at is None and not status.is_overdue


def test_in_progress_offers_the_open_attempt():
    status = quiz_status([DONE, OPEN], None, True, [], NOW)
    assert (status.state, status.resume_attempt_id, status.attempts_left) == (
        "in_progress",
        3,
        None,
    )
    assert (status.best_percent, status.last_percent, status.attempts_used) == (80.0, 80.0, 2)


def test_best_and_last_scores_and_used_up_attempts():
    status = quiz_status([DONE, ZERO], 2, True, [], NOW)
    assert (status.state, status.best_percent, status.last_percent) == ("no_attempts_left", 80, 0)
    assert quiz_status([DONE], 3, True, [], NOW).state == "taken"


def test_a_closed_quiz_offers_no_resume():
    status = quiz_status([OPEN], 1, False, [], NOW)
    assert (status.state, status.resume_attempt_id) == ("closed", None)
    assert (
        quiz_status([AttemptRow(4, "submitted", 1.0, 0.0)], None, True, [], NOW).best_percent
        is None
    )


def test_the_earliest_upcoming_due_date_else_the_last_one_passed():
    later, sooner, past = NOW + timedelta(days=5), NOW + timedelta(days=1), NOW - timedelta(days=1)
    assert due_date([later, past, sooner], NOW) == (sooner, False)
    assert due_date([past, past - timedelta(days=3)], NOW) == (past, True)
    assert due_date([], NOW) == (None, False)
    assert quiz_status([], None, True, [past], NOW).is_overdue
    assert not quiz_status([DONE], None, True, [past], NOW).is_overdue
