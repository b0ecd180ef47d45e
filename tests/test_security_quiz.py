"""Quiz integrity (checklist items 17, 19, 21–29): no key before submit, grading on the server,
one state change per submit and per start even when requests race, the clock kept on the server.
"""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from clock_helpers import move_clock
from sqlalchemy import func, select

from quizapp.models import Attempt, AttemptItem, Quiz, ReviewItem, User, db

from attempt_helpers import answer, attempt, items, right_form, start, wrong_form
from conftest import login, quiz_id

RACERS = 10
KEY_MARKERS = ("CANARY", "is_correct", "correct", "data-correct", "answer_key")


def _set_quiz(app, **values) -> None:
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id(app))
        for name, value in values.items():
            setattr(quiz, name, value)
        db.session.commit()


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _item(app, attempt_id: int, kind: str) -> AttemptItem:
    return next(i for i in items(app, attempt_id) if i.snapshot["kind"] == kind)


def _race(app, username: str, method: str, url: str) -> list[int]:
    """RACERS logged-in clients of `username` send the same request at the same instant."""
    clients = [app.test_client() for _ in range(RACERS)]
    for client in clients:
        assert login(client, username).status_code == 302
    barrier = threading.Barrier(RACERS)

    def send(client) -> int:
        barrier.wait()
        return client.open(url, method=method).status_code

    with ThreadPoolExecutor(RACERS) as pool:
        return list(pool.map(send, clients))


# --- item 17: another student's rows stay out of a student's pages ------------------------------


def test_item_17_history_ignores_a_user_id_parameter(student, other_student, app):
    theirs = start(other_student, quiz_id(app))
    other_student.post(f"/attempts/{theirs}/submit")
    with app.app_context():
        bob = db.session.scalar(select(User.id).where(User.username == "bob"))
    for url in (f"/history?user_id={bob}", f"/history?user={bob}&page=1"):
        page = student.get(url)
        assert page.status_code == 200 and f"/attempts/{theirs}" not in page.text
    assert student.get(f"/attempts/{theirs}/result").status_code == 404


# --- item 19: mass assignment -------------------------------------------------------------------


def test_item_19_register_ignores_a_role_field(client, app):
    data = {"username": "mallory", "password": "a long passphrase", "confirm": "a long passphrase"}
    response = client.post("/register", data={**data, "role": "admin", "is_disabled": "1"})
    assert response.status_code == 302
    with app.app_context():
        mallory = db.session.scalar(select(User).where(User.username == "mallory"))
        assert mallory.role == "student" and not mallory.is_disabled
    assert client.get("/admin/users").status_code == 403


def test_item_19_submit_ignores_score_and_owner_fields(student, app):
    attempt_id = start(student, quiz_id(app))
    with app.app_context():
        bob = db.session.scalar(select(User.id).where(User.username == "bob"))
    response = student.post(
        f"/attempts/{attempt_id}/submit",
        data={"score": "100", "user_id": str(bob), "max_score": "1", "status": "in_progress"},
    )
    assert response.status_code == 303
    row = attempt(app, attempt_id)
    assert row.score == 0 and row.max_score == 7 and row.status == "submitted"
    assert row.user_id != bob


# --- items 21 and 22: no key before the answer, grading on the server -----------------------------


def test_item_21_no_answer_key_in_any_question_page(student, app):
    attempt_id = start(student, quiz_id(app))
    for item in items(app, attempt_id):
        page = student.get(f"/attempts/{attempt_id}/q/{item.position}").text
        for marker in KEY_MARKERS:
            assert marker not in page, f"{item.snapshot['kind']} page shows {marker!r}"
        for accepted in item.snapshot["key"].get("accepted", []):
            assert accepted not in page
        scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", page)
        assert all(src.startswith("/static/") for src in scripts)
        assert "<script>" not in page  # no inline data island with the key in it
        values = re.findall(r'name="(?:answer|rank-\w+|match-\w+)"[^>]*value="([^"]*)"', page)
        assert all(re.fullmatch(r"[0-9a-f]{16}", v) for v in values if v), values  # 64 bits


def test_item_21_option_order_does_not_reveal_the_key(student, app):
    """Over several attempts the right option of the single-choice question moves around."""
    places = set()
    for _ in range(8):
        attempt_id = start(student, quiz_id(app))
        item = _item(app, attempt_id, "single")
        page = student.get(f"/attempts/{attempt_id}/q/{item.position}").text
        shown = re.findall(r'type="radio" name="answer"[^>]*value="([^"]+)"', page)
        places.add(shown.index(item.snapshot["key"]["correct"][0]))
        student.post(f"/attempts/{attempt_id}/submit")
    assert len(places) > 1


def test_item_22_forged_score_and_correct_fields_score_zero(student, app):
    attempt_id = start(student, quiz_id(app))
    for item in items(app, attempt_id):
        forged = {**wrong_form(item.snapshot), "score": "10", "correct": "1", "points": "1"}
        assert answer(student, attempt_id, item, forged).status_code == 303
    student.post(f"/attempts/{attempt_id}/submit", data={"score": "10", "correct": "1"})
    assert attempt(app, attempt_id).score == 0
    assert "0 out of 7" in student.get(f"/attempts/{attempt_id}/result").text


# --- item 23: answers must name this question's own options ---------------------------------------


@pytest.mark.parametrize("value", ["other-question", "other-quiz", "abc", "-1", "0", "1" * 40])
def test_item_23_choice_validation(student, app, value):
    attempt_id = start(student, quiz_id(app))
    single = _item(app, attempt_id, "single")
    if value == "other-question":
        value = _item(app, attempt_id, "multiple").snapshot["options"][0]["id"]
    elif value == "other-quiz":
        other = start(_second_student(app), quiz_id(app))
        value = _item(app, other, "single").snapshot["options"][0]["id"]
    response = answer(student, attempt_id, single, {"answer": value})
    assert response.status_code in (400, 422), response.status_code
    assert _item(app, attempt_id, "single").response is None


def _second_student(app):
    client = app.test_client()
    assert login(client, "bob").status_code == 302
    return client


# --- items 24 and 28: racing requests change state once -------------------------------------------


def test_item_24_ten_concurrent_submits_change_state_once(student, app):
    attempt_id = start(student, quiz_id(app))
    for item in items(app, attempt_id):
        answer(student, attempt_id, item, wrong_form(item.snapshot))
    statuses = _race(app, "alice", "POST", f"/attempts/{attempt_id}/submit")
    assert sorted(statuses) == [303] + [409] * (RACERS - 1), statuses
    row = attempt(app, attempt_id)
    assert row.status == "submitted" and row.score == 0
    assert _count(app, Attempt, Attempt.status == "submitted") == 1
    # The submission's side effects (practice items for every miss) happened once too.
    assert _count(app, ReviewItem) == 7


def test_item_28_attempt_limit_holds_under_concurrent_starts(app):
    _set_quiz(app, max_attempts=1)
    statuses = _race(app, "alice", "POST", f"/quizzes/{quiz_id(app)}/start")
    assert statuses == [303] * RACERS, statuses  # every request is sent to the same attempt
    assert _count(app, Attempt) == 1


def test_item_28_attempt_limit_after_a_racing_start_and_submit(student, app):
    _set_quiz(app, max_attempts=1)
    attempt_id = start(student, quiz_id(app))
    student.post(f"/attempts/{attempt_id}/submit")
    statuses = _race(app, "alice", "POST", f"/quizzes/{quiz_id(app)}/start")
    assert statuses == [409] * RACERS and _count(app, Attempt) == 1


# --- items 25–27: closed attempts, stale forms, the clock ----------------------------------------


def test_item_25_answer_after_submit_is_409(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "single")
    answer(student, attempt_id, item, wrong_form(item.snapshot))
    student.post(f"/attempts/{attempt_id}/submit")
    late = answer(student, attempt_id, item, right_form(item.snapshot), version=1)
    assert late.status_code == 409
    saved = _item(app, attempt_id, "single")
    assert saved.is_correct is False and saved.version == 1


def test_item_26_stale_form_from_the_back_button_is_409(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "single")
    page = student.get(f"/attempts/{attempt_id}/q/{item.position}").text
    v1 = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert answer(student, attempt_id, item, wrong_form(item.snapshot)).status_code == 303
    page = student.get(f"/attempts/{attempt_id}/q/{item.position}").text
    v2 = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert v2 != v1
    assert answer(student, attempt_id, item, right_form(item.snapshot), int(v2)).status_code == 303
    stale = answer(student, attempt_id, item, wrong_form(item.snapshot), int(v1))
    assert stale.status_code == 409
    assert _item(app, attempt_id, "single").is_correct is True


def test_item_27_time_limit_is_kept_by_the_server(student, app, monkeypatch):
    _set_quiz(app, time_limit_minutes=5)
    attempt_id = start(student, quiz_id(app))
    first, second = items(app, attempt_id)[:2]
    assert answer(student, attempt_id, first, right_form(first.snapshot)).status_code == 303
    grace = app.config["ANSWER_GRACE_SECONDS"]
    move_clock(monkeypatch, timedelta(minutes=5, seconds=grace + 1))
    late = answer(student, attempt_id, second, {**right_form(second.snapshot), "remaining": "600"})
    assert late.status_code == 409
    assert items(app, attempt_id)[1].response is None
    assert student.post(f"/attempts/{attempt_id}/submit").status_code == 409  # closed already
    closed = attempt(app, attempt_id)
    assert closed.status == "submitted" and closed.score == 1
    assert closed.submitted_at == closed.deadline_at


def test_item_27_inside_the_grace_period_an_answer_still_counts(student, app):
    _set_quiz(app, time_limit_minutes=5)
    attempt_id = start(student, quiz_id(app))
    with app.app_context():
        row = db.session.get(Attempt, attempt_id)
        row.deadline_at -= timedelta(minutes=5, seconds=1)
        db.session.commit()
    item = items(app, attempt_id)[0]
    assert answer(student, attempt_id, item, right_form(item.snapshot)).status_code == 303
    assert student.post(f"/attempts/{attempt_id}/submit").status_code == 303
    closed = attempt(app, attempt_id)  # submitted no earlier than the answer it counts
    assert closed.submitted_at == items(app, attempt_id)[0].answered_at > closed.deadline_at


# --- item 29: the review waits for the submit -----------------------------------------------------


def test_item_29_review_is_refused_while_in_progress(student, app):
    attempt_id = start(student, quiz_id(app))
    single = _item(app, attempt_id, "single")
    refused = student.get(f"/attempts/{attempt_id}/result")
    assert refused.status_code == 409 and "The Durand Line" not in refused.text
    student.post(f"/attempts/{attempt_id}/submit")
    review = student.get(f"/attempts/{attempt_id}/result")
    assert review.status_code == 200 and "The Durand Line" in review.text
    assert single.snapshot["explanation"] in review.text
