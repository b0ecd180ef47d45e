"""The student's quiz list (each quiz's status) and quizzes aimed at classes."""

import re
from datetime import timedelta

from sqlalchemy import select

from quizapp.models import Attempt, Quiz, db, utcnow

from attempt_helpers import start
from conftest import quiz_id
from report_helpers import count_queries, make_class, take


def add_quiz(app, title: str, **settings) -> int:
    with app.app_context():
        quiz = Quiz(title=title, question_count=2, is_published=True, **settings)
        db.session.add(quiz)
        db.session.commit()
        return quiz.id


def card(page: str, title: str) -> str:
    """The text of the list item of the quiz titled `title` (tags removed)."""
    match = re.search(rf"<li>\s*<h2[^>]*>(?:<a[^>]*>)?{re.escape(title)}<.*?</li>", page, re.S)
    assert match, f"no card for {title!r}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split())


# --- audience ------------------------------------------------------------------------------


def test_a_class_quiz_is_seen_only_by_that_classs_students(app, student, other_student, teacher):
    quiz = add_quiz(app, "Class only", audience="classes")
    due = utcnow() + timedelta(days=3)
    make_class(app, members=("alice",), quizzes=((quiz, due),))
    assert "Class only" in student.get("/quizzes").text
    assert "Class only" not in other_student.get("/quizzes").text
    assert "Class only" not in app.test_client().get("/quizzes").text
    assert other_student.get(f"/quizzes/{quiz}").status_code == 404
    assert other_student.post(f"/quizzes/{quiz}/start").status_code == 404
    assert app.test_client().get(f"/quizzes/{quiz}").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Attempt).where(Attempt.quiz_id == quiz)) is None
    assert student.get(f"/quizzes/{quiz}").status_code == 200
    assert start(student, quiz)
    assert teacher.get(f"/quizzes/{quiz}").status_code == 200  # staff see every quiz


def test_the_settings_form_sets_the_audience(app, teacher, other_student):
    form = {"title": "Aimed", "question_count": "2", "feedback_mode": "at_end"}
    response = teacher.post("/admin/quizzes/new", data={**form, "is_published": "y"})
    quiz = int(response.headers["Location"].split("/")[-2])
    assert "Aimed" in other_student.get("/quizzes").text
    version = "1"
    with app.app_context():
        version = str(db.session.get(Quiz, quiz).version)
    data = {**form, "is_published": "y", "audience": "classes", "version": version}
    assert teacher.post(f"/admin/quizzes/{quiz}/edit", data=data).status_code == 303
    assert "Aimed" not in other_student.get("/quizzes").text
    refused = teacher.post(f"/admin/quizzes/{quiz}/edit", data={**data, "audience": "school"})
    assert refused.status_code == 422
    with app.app_context():
        assert db.session.get(Quiz, quiz).audience == "classes"


# --- statuses ------------------------------------------------------------------------------


def test_each_quiz_shows_where_the_student_stands(app, student):
    now = utcnow()
    fresh = add_quiz(app, "Fresh", max_attempts=2)
    begun = add_quiz(app, "Begun")
    scored = add_quiz(app, "Scored", max_attempts=3)
    used_up = add_quiz(app, "Used up", max_attempts=1)
    ending = add_quiz(app, "Ending", closes_at=now + timedelta(minutes=30))
    soon, later = now + timedelta(days=2), now + timedelta(days=5)
    make_class(app, members=("alice",), quizzes=((fresh, later),), code="AAAA2222")
    make_class(app, members=("alice",), quizzes=((fresh, soon),), code="BBBB3333")
    take(student, app, right=True, quiz=scored)
    take(student, app, right=False, quiz=scored)
    take(student, app, quiz=used_up)
    take(student, app, quiz=ending)
    begun_attempt = start(student, begun)
    with app.app_context():
        db.session.get(Quiz, ending).closes_at = now - timedelta(minutes=1)
        db.session.commit()
    page = student.get("/quizzes").text
    assert card(page, "Fresh") == (
        f"Fresh 2 questions Status Not started Attempts left 2 "
        f"Due {soon.strftime('%d %b %Y, %H:%M')} UTC"
    )
    assert "Status In progress" in card(page, "Begun")
    assert f'href="/attempts/{begun_attempt}"' in page and ">Resume</a>" in page
    assert card(page, "Scored") == (
        "Scored 2 questions Status Taken Best score 100 % Last score 0 % Attempts left 1 (2 used)"
    )
    assert "Status No attempts left Best score 100 % Last score 100 % Attempts left 0" in card(
        page, "Used up"
    )
    assert (
        card(page, "Ending") == "Ending 2 questions Status Closed Best score 100 % Last score 100 %"
    )
    assert f'href="/quizzes/{ending}"' not in page
    assert "Status Not started Attempts left Unlimited" in card(page, "Everything")


def test_a_passed_due_date_is_shown_as_was_due(app, student):
    quiz = add_quiz(app, "Late")
    make_class(app, members=("alice",), quizzes=((quiz, utcnow() - timedelta(days=1)),))
    assert "Was due" in card(student.get("/quizzes").text, "Late")


def test_a_visitor_sees_open_quizzes_without_a_status(app):
    page = app.test_client().get("/quizzes").text
    assert "Everything" in page and "Status" not in page


def _list_queries(app, client) -> tuple[int, str]:
    client.get("/quizzes")  # warm up
    with count_queries(app) as counted:
        page = client.get("/quizzes").text
    return counted["n"], page


def test_the_list_takes_the_same_number_of_queries_however_many_quizzes(app, student):
    take(student, app, quiz=quiz_id(app))
    few, _ = _list_queries(app, student)
    for n in range(12):
        quiz = add_quiz(app, f"Extra {n}", max_attempts=3, audience="classes" if n % 2 else "all")
        due = utcnow() + timedelta(days=1 + n)
        make_class(app, members=("alice",), quizzes=((quiz, due),), code=f"CODE{n:04d}")
        if n % 3 == 0:
            take(student, app, quiz=quiz)
    many, page = _list_queries(app, student)
    assert page.count('<dl class="quiz-status">') == 13
    assert many == few <= 5  # the user, the quizzes, due dates, attempts
