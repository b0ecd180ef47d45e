"""Quiz builder through HTTP: settings, validation, what students see, scope."""

from datetime import timedelta

import pytest
from admin_helpers import field_error, flashes
from sqlalchemy import select

from quizapp.models import Attempt, Quiz, Topic, User, db, utcnow

from attempt_helpers import start


def quiz_form(**overrides) -> dict:
    data = {
        "title": "Border basics",
        "description": "Five questions.",
        "question_count": "3",
        "topics": ["border"],
        "kinds": ["single", "numeric", "true_false"],
        "difficulties": ["2"],
        "quotas-0-topic": "border",
        "quotas-0-count": "2",
        "shuffle": "y",
        "feedback_mode": "immediate",
        "time_limit_minutes": "15",
        "max_attempts": "2",
        "is_published": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def newest_quiz(app) -> Quiz:
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).order_by(Quiz.id.desc()))
        quiz.topics  # noqa: B018 - load before leaving the session
        db.session.expunge_all()
        return quiz


def test_builder_saves_every_setting(teacher, app):
    response = teacher.post(
        "/admin/quizzes/new",
        data=quiz_form(opens_at="2026-02-01T08:00", closes_at="2026-03-01T08:00"),
    )
    quiz = newest_quiz(app)
    assert response.headers["Location"] == f"/admin/quizzes/{quiz.id}/edit"
    assert (quiz.slug, quiz.title, quiz.description) == (
        "border-basics",
        "Border basics",
        "Five questions.",
    )
    assert [t.slug for t in quiz.topics] == ["border"]
    assert quiz.kinds == ["single", "numeric", "true_false"] and quiz.difficulties == [2]
    assert quiz.question_count == 3 and quiz.topic_quotas == {"border": 2}
    assert quiz.shuffle and quiz.feedback_mode == "immediate" and quiz.is_published
    assert (quiz.time_limit_minutes, quiz.max_attempts) == (15, 2)
    assert quiz.opens_at.isoformat() == "2026-02-01T08:00:00"
    with app.app_context():
        assert quiz.created_by_id == db.session.scalar(
            select(User.id).where(User.username == "tess")
        )
    page = teacher.get(response.headers["Location"]).text
    assert "Saved. The pool holds 3 published questions." in flashes(page)
    assert 'value="border" selected' in page or 'selected value="border"' in page


def test_second_quiz_with_the_same_title_gets_its_own_slug(teacher, app):
    teacher.post("/admin/quizzes/new", data=quiz_form())
    teacher.post("/admin/quizzes/new", data=quiz_form())
    assert newest_quiz(app).slug == "border-basics-2"


def test_small_pool_is_flagged(teacher, app):
    response = teacher.post("/admin/quizzes/new", data=quiz_form(question_count="9"))
    page = teacher.get(response.headers["Location"]).text
    assert "fewer than the 9 asked for" in flashes(page)[0]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "Give the quiz a title."),
        ({"question_count": "-1"}, "question_count", "Number must be between 0 and 200."),
        ({"question_count": ""}, "question_count", "Say how many questions."),
        ({"quotas-0-count": "5"}, "quotas", "The quotas add up to 5, more than the 3 questions."),
        (
            {"quotas-0-topic": "", "quotas-0-count": "2"},
            "quotas",
            "Give each quota both a topic and a number of questions.",
        ),
        (
            {"quotas-1-topic": "border", "quotas-1-count": "1"},
            "quotas",
            "Give each topic at most one quota.",
        ),
        (
            {"quotas-1-topic": "refugees", "quotas-1-count": "1"},
            "quotas",
            "A quota names a topic outside the pool: refugees.",
        ),
        ({"quotas-0-topic": "nowhere"}, "quotas-0-topic", "Not a valid choice."),
        ({"quotas-0-count": "-1"}, "quotas-0-count", "Number must be between 1 and 200."),
        (
            {"opens_at": "2026-03-01T08:00", "closes_at": "2026-03-01T08:00"},
            "closes_at",
            "The closing time must be after the opening time.",
        ),
        ({"opens_at": "tomorrow"}, "opens_at", "Not a valid datetime value."),
        ({"time_limit_minutes": "0"}, "time_limit_minutes", "Number must be between 1 and 600."),
        ({"max_attempts": "1000"}, "max_attempts", "Number must be between 1 and 100."),
        ({"kinds": ["essay"]}, "kinds", "'essay' is not a valid choice for this field."),
        ({"feedback_mode": "never"}, "feedback_mode", "Not a valid choice."),
    ],
)
def test_quiz_form_validation(teacher, app, overrides, field, message):
    with app.app_context():
        db.session.add(Topic(slug="refugees", title="Refugees", position=2))
        db.session.commit()
        before = db.session.scalar(select(db.func.count()).select_from(Quiz))
    response = teacher.post("/admin/quizzes/new", data=quiz_form(**overrides))
    assert response.status_code == 422
    assert field_error(response.text, field) == message
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Quiz)) == before


def test_every_problem_of_a_quiz_form_is_named_at_once(teacher, app):
    """Settings that clash are named beside the field errors, not on a later save."""
    overrides = {
        "time_limit_minutes": "0",
        "max_attempts": "-1",
        "opens_at": "2026-12-10T10:00",
        "closes_at": "2026-12-09T10:00",
        "quotas-0-count": "9",
    }
    response = teacher.post("/admin/quizzes/new", data=quiz_form(**overrides))
    assert response.status_code == 422
    page = response.text
    assert field_error(page, "time_limit_minutes") == "Number must be between 1 and 600."
    assert field_error(page, "max_attempts") == "Number must be between 1 and 100."
    assert field_error(page, "closes_at") == "The closing time must be after the opening time."
    assert field_error(page, "quotas") == "The quotas add up to 9, more than the 3 questions."


def _build(teacher, app, **overrides) -> int:
    response = teacher.post("/admin/quizzes/new", data=quiz_form(**overrides))
    assert response.status_code == 303
    return newest_quiz(app).id


@pytest.mark.parametrize(
    ("overrides", "listed"),
    [
        ({}, True),
        ({"is_published": None}, False),
        ({"opens_at": (utcnow() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")}, False),
        ({"closes_at": (utcnow() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")}, False),
        (
            {
                "opens_at": (utcnow() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
                "closes_at": (utcnow() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            },
            True,
        ),
    ],
)
def test_students_see_only_open_published_quizzes(teacher, student, app, overrides, listed):
    quiz_id = _build(teacher, app, title="Builder quiz", **overrides)
    assert ("Builder quiz" in student.get("/quizzes").text) is listed
    assert (student.get(f"/quizzes/{quiz_id}").status_code == 200) is listed


@pytest.mark.parametrize("row", ["²", "9" * 5000])
def test_quota_rows_numbered_with_other_digits_are_ignored(teacher, app, row):
    quiz_id = _build(teacher, app, **{f"quotas-{row}-topic": "border", f"quotas-{row}-count": "9"})
    with app.app_context():
        assert db.session.get(Quiz, quiz_id).topic_quotas == {"border": 2}


def test_built_quiz_draws_its_pool_with_its_time_limit_and_attempts(teacher, student, app):
    quiz_id = _build(teacher, app, question_count="2", max_attempts="1", **{"quotas-0-count": "1"})
    attempt_id = start(student, quiz_id)
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        kinds = {item.snapshot["kind"] for item in attempt.items}
        assert len(attempt.items) == 2 and kinds <= {"single", "numeric", "true_false"}
        assert attempt.deadline_at - attempt.started_at == timedelta(minutes=15)
    student.post(f"/attempts/{attempt_id}/submit")
    again = student.post(f"/quizzes/{quiz_id}/start")
    assert again.status_code == 409 and "used all your attempts" in again.text


def test_edit_form_is_filled_and_saves_changes(teacher, app):
    quiz_id = _build(teacher, app)
    page = teacher.get(f"/admin/quizzes/{quiz_id}/edit").text
    assert 'value="Border basics"' in page and 'value="15"' in page
    response = teacher.post(
        f"/admin/quizzes/{quiz_id}/edit",
        data={
            **quiz_form(title="Renamed", is_published=None, kinds=[], time_limit_minutes=""),
            "version": "1",  # the version the form was opened at
        },
    )
    assert response.headers["Location"] == f"/admin/quizzes/{quiz_id}/edit"
    quiz = newest_quiz(app)
    assert (quiz.title, quiz.is_published, quiz.kinds, quiz.time_limit_minutes) == (
        "Renamed",
        False,
        [],
        None,
    )
    assert quiz.slug == "border-basics"  # the address stays


def test_teacher_cannot_edit_another_teachers_quiz(teacher, admin, app):
    admin.post("/admin/quizzes/new", data=quiz_form(title="Admin's quiz"))
    quiz_id = newest_quiz(app).id
    assert teacher.get(f"/admin/quizzes/{quiz_id}/edit").status_code == 403
    assert (
        teacher.post(f"/admin/quizzes/{quiz_id}/edit", data=quiz_form(title="Mine now")).status_code
        == 403
    )
    assert newest_quiz(app).title == "Admin's quiz"
    listing = teacher.get("/admin/quizzes").text
    assert "Admin&#39;s quiz" in listing and f"/admin/quizzes/{quiz_id}/edit" not in listing
    assert admin.get(f"/admin/quizzes/{quiz_id}/edit").status_code == 200


def test_the_quiz_list_links_each_report_and_says_when_answers_are_shown(teacher, app):
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "all"))
        quiz.release_mode = "manual"
        db.session.add(Quiz(title="Mistakes", purpose="practice", question_count=5))
        db.session.commit()
        quiz_id = quiz.id
    listing = teacher.get("/admin/quizzes").text
    assert f'<a href="/admin/reports/quizzes/{quiz_id}">Everything</a>' in listing
    assert "Answers shown when you release them" in listing
    assert (
        "Holds each student's <em>Practice my mistakes</em>; never listed for students." in listing
    )
