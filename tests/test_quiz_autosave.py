"""The background save a question page's script sends on each change: POST /attempts/<id>/save.
Same rules as the answer form (CSRF, owner only, versions, time limit), answered in JSON."""

import re
from datetime import timedelta

import pytest

from quizapp.models import Attempt, Quiz, db

from attempt_helpers import answer, attempt, items, right_form, start
from conftest import make_app, quiz_id, seed_tiny
from security.clients import login_csrf, token_from


def _item(app, attempt_id: int, kind: str):
    return next(i for i in items(app, attempt_id) if i.snapshot["kind"] == kind)


def _save(client, attempt_id: int, item, form: dict, version=None, **extra):
    data = {"position": str(item.position), "version": str(item.version)}
    if version is not None:
        data["version"] = str(version)
    return client.post(f"/attempts/{attempt_id}/save", data=data | form, **extra)


def _timed(app, minutes: int = 10) -> None:
    with app.app_context():
        db.session.get(Quiz, quiz_id(app)).time_limit_minutes = minutes
        db.session.commit()


def test_a_change_is_saved_and_the_new_version_returned(student, app):
    _timed(app)
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "numeric")
    response = _save(student, attempt_id, item, {"answer": "1893"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["saved"] is True and body["version"] == 1 and body["answered"] == 1
    assert body["this_answered"] is True
    assert 590 <= body["remaining"] <= 600
    saved = _item(app, attempt_id, "numeric")
    assert saved.response == 1893.0 and saved.version == 1 and saved.is_correct
    # the page's form, carrying the version the save returned, is not refused as stale
    assert answer(student, attempt_id, saved, {"answer": "1894"}).status_code == 303
    assert _item(app, attempt_id, "numeric").response == 1894.0


def test_a_partial_answer_is_kept_and_a_blank_one_saves_nothing(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "ordering")
    blank = _save(student, attempt_id, item, {})
    assert blank.get_json() == {
        "saved": False,
        "version": 0,
        "answered": 0,
        "remaining": None,
        "this_answered": False,
    }
    assert _item(app, attempt_id, "ordering").answered_at is None
    last = item.snapshot["key"]["order"][-1]
    kept = _save(student, attempt_id, item, {f"rank-{last}": "3"})
    assert kept.get_json()["saved"] is True
    assert _item(app, attempt_id, "ordering").response == [None, None, last]


def test_unticking_every_box_in_the_background_takes_the_answer_back(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "multiple")
    first, second = item.snapshot["options"][0]["id"], item.snapshot["options"][1]["id"]
    both = _save(student, attempt_id, item, {"answer": [str(first), str(second)]})
    assert both.get_json()["answered"] == 1
    one = _save(student, attempt_id, item, {"answer": [str(second)]}, version=1)
    assert one.get_json()["saved"] is True
    none = _save(student, attempt_id, item, {}, version=2)
    assert none.get_json() == {
        "saved": True,
        "version": 3,
        "answered": 0,
        "remaining": None,
        "this_answered": False,
    }
    after = _item(app, attempt_id, "multiple")
    assert after.response is None and after.answered_at is None and after.points == 0
    stale = _save(student, attempt_id, item, {}, version=2)  # an older tab, blank: nothing
    assert stale.get_json()["saved"] is False


def test_input_that_cannot_stand_is_refused_with_what_to_fix(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "numeric")
    for text, error in (
        ("about 2017", "Type a number, using digits (for example 1893)."),
        ("9" * 5000, "That number is too long: use at most 40 characters."),
        ("1 000", "Leave out the spaces inside the number: write 1000 or 1,000, not 1 000."),
    ):
        response = _save(student, attempt_id, item, {"answer": text})
        assert response.status_code == 422
        assert response.get_json() == {"error": error}
    assert _item(app, attempt_id, "numeric").version == 0


@pytest.mark.parametrize("place", ["²", "9" * 5000])
def test_a_tampered_place_is_refused_with_what_to_fix(student, app, place):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "ordering")
    first = item.snapshot["options"][0]["id"]
    response = _save(student, attempt_id, item, {f"rank-{first}": place})
    assert response.status_code == 422
    assert response.get_json() == {"error": "Give each item a place from 1 to 3."}
    assert _item(app, attempt_id, "ordering").version == 0


def test_an_oversized_body_is_refused(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "short_text")
    too_big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    assert _save(student, attempt_id, item, {"answer": too_big}).status_code == 413
    response = _save(student, attempt_id, item, {"answer": "x" * 201})
    assert response.status_code == 422 and "under 200" in response.get_json()["error"]
    assert _item(app, attempt_id, "short_text").version == 0


@pytest.mark.parametrize(
    ("position", "status"),
    [("99", 404), ("0", 404), ("x", 400), ("1" * 9, 400), ("", 400), ("²", 400)],
)
def test_a_tampered_position_is_refused(student, app, position, status):
    attempt_id = start(student, quiz_id(app))
    data = {"position": position, "version": "0", "answer": "Torkham"}
    assert student.post(f"/attempts/{attempt_id}/save", data=data).status_code == status


def test_a_tampered_option_is_refused_and_nothing_saved(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "single")
    other = _item(app, attempt_id, "multiple").snapshot["options"][0]["id"]
    response = _save(student, attempt_id, item, {"answer": other})
    assert response.status_code == 400
    assert "not part of this question" in response.get_json()["error"]
    assert _item(app, attempt_id, "single").version == 0


def test_another_students_attempt_is_404_and_unchanged(student, other_student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "short_text")
    assert _save(other_student, attempt_id, item, {"answer": "Torkham"}).status_code == 404
    assert _item(app, attempt_id, "short_text").version == 0


def test_a_stale_version_is_refused(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "short_text")
    assert _save(student, attempt_id, item, {"answer": "Torkham"}).status_code == 200
    stale = _save(student, attempt_id, item, {"answer": "Chaman"}, version=0)
    assert stale.status_code == 409 and "another tab" in stale.get_json()["error"]
    assert _item(app, attempt_id, "short_text").response == "Torkham"


def test_a_submitted_attempt_takes_no_more_saves(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "short_text")
    student.post(f"/attempts/{attempt_id}/submit")
    response = _save(student, attempt_id, item, {"answer": "Torkham"})
    assert response.status_code == 409
    assert response.get_json()["result"] == f"/attempts/{attempt_id}/result"
    assert _item(app, attempt_id, "short_text").response is None


def test_a_late_save_submits_the_attempt_without_it(student, app):
    _timed(app)
    attempt_id = start(student, quiz_id(app))
    first = items(app, attempt_id)[0]
    answer(student, attempt_id, first, right_form(first.snapshot))
    with app.app_context():
        db.session.get(Attempt, attempt_id).deadline_at -= timedelta(minutes=11)
        db.session.commit()
    second = items(app, attempt_id)[1]
    response = _save(student, attempt_id, second, right_form(second.snapshot))
    assert response.status_code == 409 and "submitted" in response.get_json()["error"]
    assert items(app, attempt_id)[1].response is None
    closed = attempt(app, attempt_id)
    assert closed.status == "submitted" and closed.score == 1


def test_the_save_needs_the_csrf_token(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_tiny(app)
    client = app.test_client()
    assert login_csrf(client, "alice").status_code == 302
    start_form = {"csrf_token": token_from(client.get(f"/quizzes/{quiz_id(app)}").text)}
    started = client.post(f"/quizzes/{quiz_id(app)}/start", data=start_form)
    attempt_id = int(started.headers["Location"].split("/")[-1])
    page = client.get(f"/attempts/{attempt_id}/q/1").text
    item = items(app, attempt_id)[0]
    form = right_form(item.snapshot)
    assert _save(client, attempt_id, item, form).status_code == 400
    headers = {"X-CSRFToken": token_from(page)}
    assert _save(client, attempt_id, item, form, headers=headers).status_code == 200
    assert items(app, attempt_id)[0].version == 1


def test_the_script_and_the_save_answer_hold_no_key(student, app):
    attempt_id = start(student, quiz_id(app))
    page = student.get(f"/attempts/{attempt_id}/q/1").text
    script = re.search(r'<script src="(/static/quiz\.[0-9a-f]{12}\.js)" defer>', page).group(1)
    code = student.get(script).get_data(as_text=True)
    item = items(app, attempt_id)[0]
    saved = _save(student, attempt_id, item, right_form(item.snapshot)).get_data(as_text=True)
    for text in (code, saved):
        assert not any(marker in text for marker in ("correct", "key", "CANARY", "points"))
