"""The student dashboard: chart, per-quiz and per-section progress, practice, question reports."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from quizapp.core.quiz_settings import PRACTICE
from quizapp.models import (
    Attempt,
    AttemptItem,
    Question,
    QuestionReport,
    Quiz,
    ReviewItem,
    User,
    db,
    utcnow,
)

from attempt_helpers import answer, attempt, items, start, wrong_form
from conftest import PASSWORD, csrf_token, make_app, quiz_id, seed_tiny
from report_helpers import count_queries, finish_items, take


def reviews(app, username="alice") -> list[ReviewItem]:
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == username))
        rows = db.session.scalars(
            select(ReviewItem).where(ReviewItem.user_id == user_id).order_by(ReviewItem.id)
        ).all()
        db.session.expunge_all()
        return rows


def make_due(app, when=None) -> None:
    with app.app_context():
        for review in db.session.scalars(select(ReviewItem)):
            review.due_at = when or utcnow() - timedelta(minutes=1)
        db.session.commit()


def test_empty_dashboard(student):
    page = student.get("/history").text
    assert "Nothing to practise" in page and "No submitted attempts yet" in page
    assert "<svg" not in page and "No attempts yet" in page


def test_dashboard_after_attempts_shows_chart_table_summary_and_mastery(student, app):
    take(student, app, right=True)
    take(student, app, right=False)
    page = student.get("/history").text
    assert '<svg class="chart"' in page and 'role="img"' in page
    assert (
        "2 scores from" in page and "Lowest 0\u00a0%, highest 100\u00a0%, latest 0\u00a0%" in page
    )
    assert "The same scores as a table" in page
    # Per quiz: 2 attempts, best 100, last 0, average 50.
    assert "<td>2</td><td>100\u00a0%</td><td>0\u00a0%</td><td>50\u00a0%</td>" in page
    # Mastery of "The border": 7 of the last 10 answers right (7 right, then 7 wrong).
    assert "The border" in page and "(3 of 10)" in page and "Needs work" in page
    assert 'href="/learn/border"' in page


def test_dashboard_never_shows_another_students_data(student, other_student, app):
    take(other_student, app, right=True)
    page = student.get("/history").text
    assert "No submitted attempts yet" in page and "Everything" not in page


def test_unanswered_questions_are_not_mistakes(student, app):
    attempt_id = start(student, quiz_id(app))
    student.post(f"/attempts/{attempt_id}/submit")
    assert reviews(app) == []
    assert "Nothing to practise" in student.get("/history").text


def test_questions_an_expired_attempt_never_reached_are_not_mistakes(student, app):
    with app.app_context():
        db.session.get(Quiz, quiz_id(app)).time_limit_minutes = 10
        db.session.commit()
    attempt_id = start(student, quiz_id(app))
    first, second = items(app, attempt_id)[:2]
    answer(student, attempt_id, first, wrong_form(first.snapshot))
    with app.app_context():
        db.session.get(Attempt, attempt_id).deadline_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    late = answer(student, attempt_id, second, wrong_form(second.snapshot))
    assert late.status_code == 409 and attempt(app, attempt_id).status == "submitted"
    assert [r.question_id for r in reviews(app)] == [first.question_id]
    assert "1 question due today" in student.get("/history").text


def test_a_mistake_can_be_practised_straight_after_the_quiz(student, app):
    take(student, app, right=False)
    rows = reviews(app)
    assert len(rows) == 7 and all(not r.is_done and r.step == 0 for r in rows)
    assert all(r.due_at <= utcnow() for r in rows)
    page = student.get("/history").text
    assert "7 questions due today" in page and "Nothing due today" not in page
    location = student.post("/history/practice").headers["Location"]
    assert location.startswith("/attempts/")
    paper = items(app, int(location.split("/")[2]))
    assert {i.question_id for i in paper} == {r.question_id for r in rows}


def test_practised_mistakes_come_back_after_one_three_and_seven_days(student, app):
    take(student, app, right=False)
    for days in (1, 3, 7):
        attempt_id = int(student.post("/history/practice").headers["Location"].split("/")[2])
        finish_items(student, attempt_id, items(app, attempt_id), right=False)
        expected = utcnow() + timedelta(days=days)
        assert all(abs(r.due_at - expected) < timedelta(minutes=1) for r in reviews(app))
        page = student.get("/history").text
        assert "Nothing due today" in page and "next one is due on" in page
        make_due(app)


def test_right_answers_to_new_questions_create_no_review_items(student, app):
    take(student, app, right=True)
    assert reviews(app) == []


def test_practice_round_trip_until_done(student, app):
    take(student, app, right=False)
    make_due(app)
    assert "7 questions due today" in student.get("/history").text
    for expected_streak in (1, 2):
        response = student.post("/history/practice")
        attempt_id = int(response.headers["Location"].split("/")[2])
        with app.app_context():
            practice = db.session.get(Attempt, attempt_id)
            assert practice.quiz.purpose == PRACTICE and not practice.quiz.is_published
        paper = items(app, attempt_id)
        assert {i.question_id for i in paper} == {r.question_id for r in reviews(app)}
        finish_items(student, attempt_id, paper)
        rows = reviews(app)
        assert all(r.right_streak == expected_streak for r in rows)
        make_due(app)
    assert all(r.is_done for r in reviews(app))
    assert "Nothing to practise" in student.get("/history").text


def test_practice_results_page_has_no_broken_try_again_link(student, app):
    take(student, app, right=False)
    make_due(app)
    attempt_id = int(student.post("/history/practice").headers["Location"].split("/")[2])
    finish_items(student, attempt_id, items(app, attempt_id))
    page = student.get(f"/attempts/{attempt_id}/result").text
    assert "Try again" not in page and "7 out of 7" in page
    # Practice rounds stay out of the chart but show in the per-quiz table.
    dashboard = student.get("/history").text
    assert "1 score from" in dashboard and "Practice my mistakes</th>" in dashboard


def test_practice_with_nothing_due_explains(student, app):
    response = student.post("/history/practice")
    assert response.headers["Location"] == "/history"
    assert "Nothing is due for practice today" in student.get("/history").text
    take(student, app, right=False)
    attempt_id = int(student.post("/history/practice").headers["Location"].split("/")[2])
    finish_items(student, attempt_id, items(app, attempt_id))  # right once: due tomorrow
    assert student.post("/history/practice").headers["Location"] == "/history"
    assert "Nothing is due for practice today" in student.get("/history").text


def test_practice_continues_an_open_practice_attempt(student, app):
    take(student, app, right=False)
    make_due(app)
    first = student.post("/history/practice").headers["Location"]
    assert student.post("/history/practice").headers["Location"] == first


def test_retired_questions_are_not_practised(student, app):
    take(student, app, right=False)
    make_due(app)
    with app.app_context():
        for question in db.session.scalars(select(Question)):
            question.status = "retired"
        db.session.commit()
    assert "Nothing to practise" in student.get("/history").text
    assert student.post("/history/practice").headers["Location"] == "/history"


def test_attempts_list_is_paginated(student, app):
    with app.app_context():
        db.session.get(Quiz, quiz_id(app)).question_count = 1
        db.session.commit()
    app.config["PAGE_SIZE"] = 2
    for _ in range(3):
        take(student, app)
    page_one = student.get("/history").text
    assert "Page 1 of 2" in page_one and "3 in all" in page_one
    assert "Page 2 of 2" in student.get("/history?page=2").text
    assert "Page 1 of 2" in student.get("/history?page=abc").text
    assert "No attempts yet" not in student.get("/history?page=9").text


def test_dashboard_query_count_is_small_and_does_not_grow(student, app):
    take(student, app)
    with count_queries(app) as one:
        assert student.get("/history").status_code == 200
    for _ in range(3):
        take(student, app, right=False)
    with count_queries(app) as four:
        student.get("/history")
    assert one["n"] <= 6 and four["n"] == one["n"]


# --- reporting a question from the review page -------------------------------------------------


def submitted_item(client, app) -> AttemptItem:
    attempt_id = take(client, app, right=False)
    return items(app, attempt_id)[0]


def test_result_page_offers_a_report_form(student, app):
    item = submitted_item(student, app)
    page = student.get(f"/attempts/{item.attempt_id}/result").text
    assert f'action="/history/items/{item.id}/report"' in page and 'name="csrf_token"' in page


def test_report_a_question(student, app):
    item = submitted_item(student, app)
    response = student.post(f"/history/items/{item.id}/report", data={"message": "  Key wrong  "})
    assert (
        response.headers["Location"] == f"/attempts/{item.attempt_id}/result#report-sent-{item.id}"
    )
    assert "your report was sent" in student.get(f"/attempts/{item.attempt_id}/result").text
    with app.app_context():
        report = db.session.scalars(select(QuestionReport)).one()
        assert (report.question_id, report.attempt_item_id, report.message) == (
            item.question_id,
            item.id,
            "Key wrong",
        )


def item_block(page: str, position: int) -> str:
    """The review page's <li> of the question at `position`."""
    start = page.index(f'<li id="item-{position}"')
    after = page.find(f'<li id="item-{position + 1}"', start)
    return page[start:after] if after != -1 else page[start:]


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("   ", "Say what is wrong with the question."),
        ("x" * 1001, "Keep it to 1,000 characters: this has 1,001."),
        ("<b>Key wrong</b> " + "y" * 1000, "this has 1,017."),
    ],
)
def test_a_refused_report_keeps_the_text_beside_its_question(student, app, message, error):
    item = submitted_item(student, app)
    response = student.post(f"/history/items/{item.id}/report", data={"message": message})
    assert response.status_code == 422
    block = item_block(response.text, item.position)
    assert '<details class="report" open>' in block and error in block
    assert f'aria-describedby="report-{item.id}-hint report-{item.id}-error"' in block
    assert "autofocus" in block and "Your result:" in response.text
    typed = message.strip().replace("<", "&lt;").replace(">", "&gt;")
    assert f">{typed}</textarea>" in block
    assert "<b>" not in response.text
    other = item_block(response.text, item.position + 1)
    assert '<details class="report">' in other and "autofocus" not in other
    with app.app_context():
        assert db.session.scalars(select(QuestionReport)).all() == []


def test_a_sent_report_is_thanked_beside_its_question(student, app):
    item = submitted_item(student, app)
    response = student.post(f"/history/items/{item.id}/report", data={"message": "Key wrong"})
    assert response.headers["Location"].endswith(f"#report-sent-{item.id}")
    page = student.get(f"/attempts/{item.attempt_id}/result").text
    thanks = "your report on this question was sent"
    assert thanks in item_block(page, item.position)
    assert f'id="report-sent-{item.id}"' in item_block(page, item.position)  # where it lands
    assert thanks not in item_block(page, item.position + 1)


def test_a_report_on_a_removed_question_is_refused_beside_it(student, app):
    item = submitted_item(student, app)
    with app.app_context():
        db.session.get(AttemptItem, item.id).question_id = None
        db.session.commit()
    response = student.post(f"/history/items/{item.id}/report", data={"message": "Key wrong"})
    assert response.status_code == 422
    assert "has been removed from the bank" in item_block(response.text, item.position)
    with app.app_context():
        assert db.session.scalars(select(QuestionReport)).all() == []


def test_report_on_another_students_item_is_404(student, other_student, app):
    item = submitted_item(other_student, app)
    response = student.post(f"/history/items/{item.id}/report", data={"message": "hi"})
    assert response.status_code == 404
    assert student.post("/history/items/999999/report", data={"message": "hi"}).status_code == 404
    with app.app_context():
        assert db.session.scalars(select(QuestionReport)).all() == []


def test_report_during_an_attempt_is_refused(student, app):
    attempt_id = start(student, quiz_id(app))
    item = items(app, attempt_id)[0]
    response = student.post(f"/history/items/{item.id}/report", data={"message": "x"})
    assert response.status_code == 409


def test_report_without_csrf_token_is_rejected(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_tiny(app)
    client = app.test_client()
    page = client.get("/login").text
    client.post(
        "/login", data={"username": "alice", "password": PASSWORD, "csrf_token": csrf_token(page)}
    )
    assert client.post("/history/practice").status_code == 400
    with app.app_context():
        db.engine.dispose()
