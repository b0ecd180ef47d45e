"""When a review shows the answer keys: at once, after the close date, or when released."""

from datetime import timedelta

import pytest
from admin_helpers import field_error
from clock_helpers import move_clock
from sqlalchemy import func, select, update
from test_admin_backup import backup, restore
from test_admin_quizzes import quiz_form

from quizapp.models import Quiz, ReviewItem, User, db, utcnow

from attempt_helpers import answer, items, start, wrong_form
from conftest import logged_in, quiz_id

# Text that appears only where a key is shown: the right option, the explanation canary, an
# accepted answer the student did not give, the key's label and the per-question verdicts.
KEY_MARKERS = (
    "The Durand Line",
    "CANARY-explanation-7f3a",
    "Torkham crossing",
    "The answer",
    "is-right",
    "is-wrong",
    "✓ Right",
    "✗ Wrong",
    "Read this in the explainer",
)


def set_quiz(app, **values) -> None:
    with app.app_context():
        db.session.execute(update(Quiz).where(Quiz.slug == "all").values(**values))
        db.session.commit()


def wrong_attempt(app, client) -> int:
    attempt_id = start(client, quiz_id(app))
    for item in items(app, attempt_id):
        assert answer(client, attempt_id, item, wrong_form(item.snapshot)).status_code == 303
    assert client.post(f"/attempts/{attempt_id}/submit").status_code == 303
    return attempt_id


def student_pages(app, client, attempt_id: int) -> dict[str, str]:
    """Every page a student reaches about their attempt, and the quiz's own page."""
    pages = {
        "result": client.get(f"/attempts/{attempt_id}/result"),
        "history": client.get("/history"),
        "quiz": client.get(f"/quizzes/{quiz_id(app)}"),
        "question": client.get(f"/attempts/{attempt_id}/q/1", follow_redirects=True),
        "classes": client.get("/classes/"),
    }
    assert all(page.status_code == 200 for page in pages.values())
    return {name: page.text for name, page in pages.items()}


def leaked(pages: dict[str, str]) -> list[tuple[str, str]]:
    return [(name, m) for name, text in pages.items() for m in KEY_MARKERS if m in text]


def test_after_close_hides_every_key_until_the_close_date_then_shows_them(
    app, student, monkeypatch
):
    set_quiz(app, release_mode="after_close", closes_at=utcnow() + timedelta(days=1))
    attempt_id = wrong_attempt(app, student)
    before = student_pages(app, student, attempt_id)
    assert leaked(before) == []
    assert "0 out of 7" in before["result"]  # the score and their own answers stay
    assert "The Radcliffe Line" in before["result"] or "The McMahon Line" in before["result"]
    assert "shown after the quiz closes" in before["result"]
    # Right or wrong per section, or practice of the mistakes, would tell the keys too.
    assert "(0 of 7)" not in before["history"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReviewItem)) == 0
    # The student cannot reach any download of answers.
    for url in ("/admin/classes/1/answers.csv", "/admin/reports/quizzes/1"):
        assert student.get(url).status_code == 403
    move_clock(monkeypatch, timedelta(days=2))
    after = student.get(f"/attempts/{attempt_id}/result").text
    assert all(m in after for m in ("The Durand Line", "CANARY-explanation-7f3a", "✗ Wrong"))
    assert "shown after the quiz closes" not in after
    assert "(0 of 7)" in student.get("/history").text


def test_the_close_time_a_held_back_review_names_is_in_the_students_zone(app, student):
    closes = (utcnow() + timedelta(days=1)).replace(hour=6, minute=13, second=0, microsecond=0)
    set_quiz(app, release_mode="after_close", closes_at=closes)
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "alice")).timezone = "Asia/Karachi"
        db.session.commit()
    page = student.get(f"/attempts/{wrong_attempt(app, student)}/result").text
    assert "shown after the quiz closes (" in page
    assert "11:13 PKT)" in page and "06:13 UTC" not in page


def test_immediate_release_shows_keys_straight_away(app, student):
    attempt_id = wrong_attempt(app, student)
    page = student.get(f"/attempts/{attempt_id}/result").text
    assert "The Durand Line" in page and "CANARY-explanation-7f3a" in page


def test_manual_release_is_one_teacher_button(app, student, teacher):
    set_quiz(app, release_mode="manual")
    attempt_id = wrong_attempt(app, student)
    assert leaked(student_pages(app, student, attempt_id)) == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReviewItem)) == 0
    report = teacher.get(f"/admin/reports/quizzes/{quiz_id(app)}").text
    assert "Release the answers now" in report
    release = f"/admin/reports/quizzes/{quiz_id(app)}/release"
    assert student.post(release).status_code == 403
    assert "The Durand Line" not in student.get(f"/attempts/{attempt_id}/result").text
    response = teacher.post(release)
    assert response.headers["Location"] == f"/admin/reports/quizzes/{quiz_id(app)}"
    assert "The Durand Line" in student.get(f"/attempts/{attempt_id}/result").text
    assert "Release the answers now" not in teacher.get(response.headers["Location"]).text
    with app.app_context():
        released = db.session.scalar(select(Quiz.answers_released_at).where(Quiz.slug == "all"))
        scheduled = db.session.execute(select(ReviewItem.question_id, ReviewItem.due_at)).all()
    # Held back, the mistakes stayed out of practice; released, they are due at once.
    assert len(scheduled) == 7 and {due for _, due in scheduled} == {released}
    assert teacher.post(release).status_code == 303  # again: nothing changes
    with app.app_context():
        assert db.session.scalar(select(Quiz.answers_released_at).where(Quiz.slug == "all")) == (
            released
        )
        assert db.session.execute(select(ReviewItem.question_id, ReviewItem.due_at)).all() == (
            scheduled
        )


def test_release_of_another_teachers_quiz_is_refused(app, student):
    with app.app_context():
        tess = db.session.scalar(select(User).where(User.username == "tess"))
        db.session.add(User(username="tom", role="teacher", password_hash=tess.password_hash))
        db.session.commit()
        tess_id = tess.id
    set_quiz(app, release_mode="manual", created_by_id=tess_id)
    tom = logged_in(app, "tom")
    assert tom.post(f"/admin/reports/quizzes/{quiz_id(app)}/release").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(Quiz.answers_released_at)) is None


@pytest.mark.parametrize("mode", ["after_close", "manual"])
def test_immediate_feedback_waits_for_the_end_when_keys_are_held_back(app, student, mode):
    set_quiz(
        app, feedback_mode="immediate", release_mode=mode, closes_at=utcnow() + timedelta(days=1)
    )
    attempt_id = start(student, quiz_id(app))
    first = items(app, attempt_id)[0]
    response = answer(student, attempt_id, first, wrong_form(first.snapshot))
    assert response.headers["Location"] == f"/attempts/{attempt_id}/q/2"
    page = student.get(f"/attempts/{attempt_id}/q/1").text
    # "The Durand Line" is also an option of the single-choice question, shown to everyone.
    assert [m for _, m in leaked({"question": page}) if m != "The Durand Line"] == []
    assert "after the quiz closes" in student.get(f"/quizzes/{quiz_id(app)}").text or (
        mode == "manual"
    )


def test_the_form_sets_release_and_after_close_needs_a_close_date(app, teacher):
    response = teacher.post("/admin/quizzes/new", data=quiz_form(release_mode="after_close"))
    assert response.status_code == 422
    assert "Give the quiz a close date" in field_error(response.text, "release_mode")
    with app.app_context():
        assert db.session.scalar(select(Quiz).where(Quiz.title == "Border basics")) is None
    page = teacher.get("/admin/quizzes/new").text
    assert "feedback comes at the end of the quiz" in page
    response = teacher.post(
        "/admin/quizzes/new",
        data=quiz_form(release_mode="after_close", closes_at="2030-03-01T08:00"),
    )
    assert response.status_code == 303
    bad = teacher.post("/admin/quizzes/new", data=quiz_form(release_mode="tomorrow"))
    assert bad.status_code == 422
    with app.app_context():
        saved = db.session.scalars(select(Quiz.release_mode).where(Quiz.title == "Border basics"))
        assert list(saved) == ["after_close"]


def test_the_question_bank_export_keeps_when_answers_are_shown(app, admin):
    set_quiz(app, release_mode="after_close", closes_at=utcnow() + timedelta(days=1))
    doc = backup(admin)
    assert [q["release_mode"] for q in doc["quizzes"]] == ["after_close"]
    set_quiz(app, release_mode="immediate")
    assert restore(admin, doc).status_code == 303
    with app.app_context():
        assert db.session.scalar(select(Quiz.release_mode)) == "after_close"
