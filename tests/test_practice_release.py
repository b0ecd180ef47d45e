"""Mistakes of a quiz whose answers are held back join practice once the keys are shown, and
only once: after the close date (no scheduler: when the student's practice is next read), or
at a release by hand."""

from datetime import timedelta

from clock_helpers import move_clock
from sqlalchemy import select, update

from quizapp.models import Attempt, Quiz, ReviewItem, db, utcnow

from attempt_helpers import answer, items, start, wrong_form
from conftest import quiz_id


def set_quiz(app, **values) -> None:
    with app.app_context():
        db.session.execute(update(Quiz).where(Quiz.slug == "all").values(**values))
        db.session.commit()


def reviews(app) -> list[tuple[int, object, int]]:
    with app.app_context():
        rows = db.session.execute(
            select(ReviewItem.question_id, ReviewItem.due_at, ReviewItem.step).order_by(
                ReviewItem.question_id
            )
        )
        return [tuple(row) for row in rows]


def is_held(app, attempt_id: int) -> bool:
    with app.app_context():
        return db.session.get(Attempt, attempt_id).is_practice_held


def three_wrong_then_submit(app, client) -> tuple[int, set[int]]:
    """Answer the first three questions wrong, never open the rest, submit."""
    attempt_id = start(client, quiz_id(app))
    answered = items(app, attempt_id)[:3]
    for item in answered:
        assert answer(client, attempt_id, item, wrong_form(item.snapshot)).status_code == 303
    assert client.post(f"/attempts/{attempt_id}/submit").status_code == 303
    return attempt_id, {item.question_id for item in answered}


def practice_paper(app, client) -> set[int]:
    location = client.post("/history/practice").headers["Location"]
    assert location.startswith("/attempts/"), location
    return {item.question_id for item in items(app, int(location.split("/")[2]))}


def test_after_close_mistakes_join_practice_once_the_close_date_has_passed(
    app, student, monkeypatch
):
    set_quiz(app, release_mode="after_close", closes_at=utcnow() + timedelta(days=1))
    attempt_id, wrong = three_wrong_then_submit(app, student)
    # Before the close date nothing of the quiz is in practice, however practice is reached.
    assert "Nothing to practise yet" in student.get("/history").text
    assert student.post("/history/practice").headers["Location"] == "/history"
    assert reviews(app) == [] and is_held(app, attempt_id)
    move_clock(monkeypatch, timedelta(days=2))
    page = student.get("/history").text
    # Only the three answered wrong: the four never seen are not mistakes.
    assert "3 questions due today" in page
    joined = reviews(app)
    assert {question for question, _, _ in joined} == wrong
    assert all(due <= utcnow() + timedelta(days=2) and step == 0 for _, due, step in joined)
    assert not is_held(app, attempt_id)
    # Read again, and practice started: the same three, scheduled once.
    assert "3 questions due today" in student.get("/history").text
    assert practice_paper(app, student) == wrong
    assert reviews(app) == joined


def test_the_practice_button_alone_brings_them_in_after_the_close_date(app, student, monkeypatch):
    set_quiz(app, release_mode="after_close", closes_at=utcnow() + timedelta(hours=1))
    _, wrong = three_wrong_then_submit(app, student)
    move_clock(monkeypatch, timedelta(hours=2))
    assert practice_paper(app, student) == wrong


def test_another_students_held_mistakes_stay_theirs(app, student, other_student, monkeypatch):
    set_quiz(app, release_mode="after_close", closes_at=utcnow() + timedelta(days=1))
    attempt_id, _ = three_wrong_then_submit(app, other_student)
    move_clock(monkeypatch, timedelta(days=2))
    assert "Nothing to practise yet" in student.get("/history").text
    assert reviews(app) == [] and is_held(app, attempt_id)


def test_an_early_release_by_hand_schedules_them_and_the_close_date_adds_nothing(
    app, student, teacher, monkeypatch
):
    set_quiz(app, release_mode="after_close", closes_at=utcnow() + timedelta(days=1))
    attempt_id, wrong = three_wrong_then_submit(app, student)
    release = f"/admin/reports/quizzes/{quiz_id(app)}/release"
    assert teacher.post(release).status_code == 303
    scheduled = reviews(app)
    assert {question for question, _, _ in scheduled} == wrong
    assert not is_held(app, attempt_id)
    move_clock(monkeypatch, timedelta(days=2))
    assert "3 questions due today" in student.get("/history").text
    assert reviews(app) == scheduled


def test_an_attempt_submitted_after_the_close_date_is_practised_once(
    app, student, teacher, monkeypatch
):
    set_quiz(app, release_mode="after_close", closes_at=utcnow() + timedelta(hours=1))
    attempt_id = start(student, quiz_id(app))
    paper = items(app, attempt_id)
    for item in paper:
        assert answer(student, attempt_id, item, wrong_form(item.snapshot)).status_code == 303
    move_clock(monkeypatch, timedelta(hours=2))
    assert student.post(f"/attempts/{attempt_id}/submit").status_code == 303
    scheduled = reviews(app)
    assert len(scheduled) == len(paper) and not is_held(app, attempt_id)
    assert teacher.post(f"/admin/reports/quizzes/{quiz_id(app)}/release").status_code == 303
    student.get("/history")
    assert reviews(app) == scheduled
