"""The attempt lifecycle through HTTP: start, answer, resume, submit, replay, result, history."""

from datetime import timedelta

import pytest
from clock_helpers import move_clock
from sqlalchemy import func, select

from quizapp.models import Attempt, AttemptItem, Quiz, db, utcnow

from attempt_helpers import answer, attempt, items, right_form, start, wrong_form
from conftest import quiz_id


def test_anonymous_can_browse_but_must_log_in_to_start(client, app):
    assert client.get(f"/quizzes/{quiz_id(app)}").status_code == 200
    response = client.post(f"/quizzes/{quiz_id(app)}/start")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_full_attempt_all_right(student, app):
    attempt_id = start(student, quiz_id(app))
    paper = items(app, attempt_id)
    assert len(paper) == 7 and {i.snapshot["kind"] for i in paper} == {
        "single",
        "multiple",
        "true_false",
        "short_text",
        "numeric",
        "ordering",
        "matching",
    }
    for item in paper:
        response = answer(student, attempt_id, item, right_form(item.snapshot))
        assert response.status_code == 303
    assert response.headers["Location"] == f"/attempts/{attempt_id}/finish"
    # every question answered: no numbers to follow, yet a way back to check them
    confirm = student.get(f"/attempts/{attempt_id}/finish").text
    assert f'href="/attempts/{attempt_id}/q/1">Back to the questions</a>' in confirm
    response = student.post(f"/attempts/{attempt_id}/submit")
    assert response.headers["Location"] == f"/attempts/{attempt_id}/result"
    page = student.get(f"/attempts/{attempt_id}/result").text
    assert "7 out of 7" in page and "Read this in the explainer" in page
    assert f'href="/learn/border#{paper[0].snapshot["anchor"]}"' in page
    history = student.get("/history").text
    assert "Everything" in history and "100\u00a0%" in history


def test_all_wrong_scores_zero_and_result_shows_the_right_answers(student, app):
    attempt_id = start(student, quiz_id(app))
    for item in items(app, attempt_id):
        assert answer(student, attempt_id, item, wrong_form(item.snapshot)).status_code == 303
    student.post(f"/attempts/{attempt_id}/submit")
    assert attempt(app, attempt_id).score == 0
    page = student.get(f"/attempts/{attempt_id}/result").text
    assert "0 out of 7" in page and "The Durand Line" in page and "1893" in page


def test_resume_continues_the_same_attempt_at_the_first_unanswered_question(student, app):
    attempt_id = start(student, quiz_id(app))
    first = items(app, attempt_id)[0]
    answer(student, attempt_id, first, right_form(first.snapshot))
    assert start(student, quiz_id(app)) == attempt_id  # no second paper
    response = student.get(f"/attempts/{attempt_id}")
    assert response.headers["Location"] == f"/attempts/{attempt_id}/q/2"


def test_each_attempt_draws_its_own_paper(student, app):
    with app.app_context():
        db.session.get(Quiz, quiz_id(app)).question_count = 4
        db.session.commit()
    papers = set()
    for _ in range(4):
        attempt_id = start(student, quiz_id(app))
        student.post(f"/attempts/{attempt_id}/submit")
        papers.add(
            tuple(
                (i.question_id, tuple(o["id"] for o in i.snapshot["options"]))
                for i in items(app, attempt_id)
            )
        )
        assert attempt(app, attempt_id).seed is not None
    assert len(papers) == 4


def test_replayed_submit_is_rejected_and_score_unchanged(student, app):
    attempt_id = start(student, quiz_id(app))
    item = items(app, attempt_id)[0]
    answer(student, attempt_id, item, right_form(item.snapshot))
    student.post(f"/attempts/{attempt_id}/submit")
    replay = student.post(f"/attempts/{attempt_id}/submit", data={"score": "100"})
    assert replay.status_code == 409 and "already submitted" in replay.text
    assert attempt(app, attempt_id).score == 1


def test_answer_after_submit_is_rejected(student, app):
    attempt_id = start(student, quiz_id(app))
    item = items(app, attempt_id)[0]
    student.post(f"/attempts/{attempt_id}/submit")
    response = answer(student, attempt_id, item, right_form(item.snapshot))
    assert response.status_code == 409
    assert items(app, attempt_id)[0].response is None


def test_question_page_contains_no_key(student, app):
    attempt_id = start(student, quiz_id(app))
    for item in items(app, attempt_id):
        page = student.get(f"/attempts/{attempt_id}/q/{item.position}").text
        assert "CANARY" not in page and "is_correct" not in page and "data-correct" not in page
        for accepted in item.snapshot["key"].get("accepted", []):
            assert accepted not in page


@pytest.mark.parametrize(
    ("form", "status", "message"),
    [
        ({"answer": "not-an-option"}, 400, "not part of this question"),
        ({}, 422, "Choose an answer."),
    ],
)
def test_bad_choice_answers(student, app, form, status, message):
    attempt_id = start(student, quiz_id(app))
    item = next(i for i in items(app, attempt_id) if i.snapshot["kind"] == "single")
    response = answer(student, attempt_id, item, form)
    assert response.status_code == status and message in response.text
    assert next(i for i in items(app, attempt_id) if i.id == item.id).response is None


def test_choice_from_another_question_is_rejected(student, app):
    attempt_id = start(student, quiz_id(app))
    paper = items(app, attempt_id)
    single = next(i for i in paper if i.snapshot["kind"] == "single")
    multiple = next(i for i in paper if i.snapshot["kind"] == "multiple")
    response = answer(
        student, attempt_id, single, {"answer": multiple.snapshot["options"][0]["id"]}
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("numeric", "eighteen ninety-three", "Type a number"),
        ("numeric", "1 000", "Leave out the spaces inside the number"),
        ("numeric", "9" * 400, "That number is too long: use at most 40 characters."),
        ("short_text", "x" * 5000, "under 200"),
    ],
)
def test_bad_text_answers_rerender_with_a_message(student, app, kind, value, message):
    attempt_id = start(student, quiz_id(app))
    item = next(i for i in items(app, attempt_id) if i.snapshot["kind"] == kind)
    response = answer(student, attempt_id, item, {"answer": value})
    assert response.status_code == 422 and message in response.text
    assert next(i for i in items(app, attempt_id) if i.id == item.id).answered_at is None


@pytest.mark.parametrize("position", ["99", "abc", "-1", "9" * 20, "", "²", "9" * 5000])
def test_bad_positions(student, app, position):
    attempt_id = start(student, quiz_id(app))
    response = student.post(
        f"/attempts/{attempt_id}/answer", data={"position": position, "version": "0"}
    )
    assert response.status_code in (400, 404)


@pytest.mark.parametrize("place", ["²", "9" * 5000])
def test_a_tampered_place_in_an_ordering_question_is_refused_beside_it(student, app, place):
    attempt_id = start(student, quiz_id(app))
    item = next(i for i in items(app, attempt_id) if i.snapshot["kind"] == "ordering")
    form = {f"rank-{o['id']}": place for o in item.snapshot["options"]}
    for go in ("", "next"):
        response = answer(student, attempt_id, item, {**form, "go": go} if go else form)
        assert response.status_code == 422
        assert "a place from 1 to 3" in response.text
    assert next(i for i in items(app, attempt_id) if i.id == item.id).version == 0


def test_another_students_attempt_is_404_for_every_route(student, other_student, app):
    attempt_id = start(other_student, quiz_id(app))
    item = items(app, attempt_id)[0]
    for url in (
        f"/attempts/{attempt_id}",
        f"/attempts/{attempt_id}/q/1",
        f"/attempts/{attempt_id}/finish",
        f"/attempts/{attempt_id}/result",
    ):
        assert student.get(url).status_code == 404
    assert answer(student, attempt_id, item, right_form(item.snapshot)).status_code == 404
    assert student.post(f"/attempts/{attempt_id}/submit").status_code == 404
    assert attempt(app, attempt_id).status == "in_progress"
    assert items(app, attempt_id)[0].response is None


def test_stale_form_cannot_overwrite_a_newer_answer(student, app):
    attempt_id = start(student, quiz_id(app))
    item = next(i for i in items(app, attempt_id) if i.snapshot["kind"] == "single")
    assert (
        answer(student, attempt_id, item, right_form(item.snapshot), version=0).status_code == 303
    )
    stale = answer(student, attempt_id, item, wrong_form(item.snapshot), version=0)
    assert stale.status_code == 409
    saved = next(i for i in items(app, attempt_id) if i.id == item.id)
    assert saved.is_correct is True and saved.version == 1


def test_changing_an_answer_with_the_current_version_works(student, app):
    attempt_id = start(student, quiz_id(app))
    item = next(i for i in items(app, attempt_id) if i.snapshot["kind"] == "single")
    answer(student, attempt_id, item, wrong_form(item.snapshot), version=0)
    assert (
        answer(student, attempt_id, item, right_form(item.snapshot), version=1).status_code == 303
    )
    assert next(i for i in items(app, attempt_id) if i.id == item.id).is_correct


def test_result_is_refused_while_in_progress(student, app):
    attempt_id = start(student, quiz_id(app))
    assert student.get(f"/attempts/{attempt_id}/result").status_code == 409


def _set_quiz(app, **values):
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id(app))
        for name, value in values.items():
            setattr(quiz, name, value)
        db.session.commit()


def test_time_limit_is_enforced_on_the_server(student, app, monkeypatch):
    _set_quiz(app, time_limit_minutes=10)
    attempt_id = start(student, quiz_id(app))
    first, second = items(app, attempt_id)[:2]
    answer(student, attempt_id, first, right_form(first.snapshot))
    move_clock(monkeypatch, timedelta(minutes=11))
    late = answer(student, attempt_id, second, right_form(second.snapshot))
    assert late.status_code == 409 and "Time is up" in late.text
    closed = attempt(app, attempt_id)
    assert closed.status == "submitted" and closed.score == 1
    assert closed.submitted_at == closed.deadline_at
    assert items(app, attempt_id)[1].response is None


def test_opening_a_question_after_the_deadline_submits_saved_answers(student, app):
    _set_quiz(app, time_limit_minutes=1)
    attempt_id = start(student, quiz_id(app))
    with app.app_context():
        db.session.get(Attempt, attempt_id).deadline_at = utcnow() - timedelta(minutes=5)
        db.session.commit()
    response = student.get(f"/attempts/{attempt_id}/q/1")
    assert response.headers["Location"] == f"/attempts/{attempt_id}/result"
    assert attempt(app, attempt_id).status == "submitted"


def test_attempts_allowed(student, app):
    _set_quiz(app, max_attempts=1)
    attempt_id = start(student, quiz_id(app))
    student.post(f"/attempts/{attempt_id}/submit")
    response = student.post(f"/quizzes/{quiz_id(app)}/start")
    assert response.status_code == 409 and "used all your attempts" in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attempt)) == 1


def test_with_no_attempts_left_no_page_offers_a_start(student, app):
    _set_quiz(app, max_attempts=2)
    detail = f"/quizzes/{quiz_id(app)}"
    for number in (1, 2):
        assert "Start or continue" in student.get(detail).text
        attempt_id = start(student, quiz_id(app))
        assert "Start or continue" in student.get(detail).text  # the open one to continue
        student.post(f"/attempts/{attempt_id}/submit")
        result = student.get(f"/attempts/{attempt_id}/result").text
        assert ("Try again" in result) is (number == 1)
    assert "No attempts left at this quiz." in result
    page = student.get(detail).text
    assert "Start or continue" not in page
    assert "No attempts left: you have used all 2 attempts allowed at this quiz." in page


def test_a_closed_quiz_offers_no_try_again(student, app):
    attempt_id = start(student, quiz_id(app))
    student.post(f"/attempts/{attempt_id}/submit")
    _set_quiz(app, closes_at=utcnow() - timedelta(minutes=1))
    result = student.get(f"/attempts/{attempt_id}/result").text
    assert "Try again" not in result and "No attempts left" not in result


def test_unpublished_or_closed_quiz_cannot_be_started(student, app):
    _set_quiz(app, is_published=False)
    assert student.post(f"/quizzes/{quiz_id(app)}/start").status_code == 404
    assert "Everything" not in student.get("/quizzes").text
    _set_quiz(app, is_published=True, closes_at=utcnow() - timedelta(days=1))
    assert student.post(f"/quizzes/{quiz_id(app)}/start").status_code == 404
    assert student.get(f"/quizzes/{quiz_id(app)}").status_code == 404


def test_immediate_feedback_shows_the_answer_and_locks_it(student, app):
    _set_quiz(app, feedback_mode="immediate")
    attempt_id = start(student, quiz_id(app))
    item = items(app, attempt_id)[0]
    response = answer(student, attempt_id, item, wrong_form(item.snapshot))
    assert response.headers["Location"] == f"/attempts/{attempt_id}/q/{item.position}"
    page = student.get(response.headers["Location"]).text
    assert "Not quite" in page and "Read this in the explainer" in page
    again = answer(student, attempt_id, item, right_form(item.snapshot), version=1)
    assert again.status_code == 409


def test_history_is_paginated_newest_first(student, app):
    app.config["PAGE_SIZE"] = 2
    ids = []
    for _ in range(3):
        ids.append(start(student, quiz_id(app)))
        student.post(f"/attempts/{ids[-1]}/submit")
    first = student.get("/history").text
    assert f"/attempts/{ids[2]}/result" in first and f"/attempts/{ids[0]}/result" not in first
    assert f"/attempts/{ids[0]}/result" in student.get("/history?page=2").text
    assert student.get("/history?page=abc").status_code == 200


def test_history_shows_only_my_attempts(student, other_student, app):
    theirs = start(other_student, quiz_id(app))
    assert f"/attempts/{theirs}" not in student.get("/history").text


def test_forged_score_fields_are_ignored(student, app):
    attempt_id = start(student, quiz_id(app))
    for item in items(app, attempt_id):
        answer(
            student,
            attempt_id,
            item,
            {**wrong_form(item.snapshot), "points": "1", "is_correct": "1"},
        )
    student.post(f"/attempts/{attempt_id}/submit", data={"score": "10", "user_id": "2"})
    row = attempt(app, attempt_id)
    assert row.score == 0
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.sum(AttemptItem.points)).where(AttemptItem.attempt_id == attempt_id)
            )
            == 0
        )
