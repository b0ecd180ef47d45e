"""Nothing is lost on a question page: every button off it saves what is on it first, a refused
answer keeps its input, and an answer that comes too late gets a calm page."""

import re
from datetime import timedelta

import pytest

from quizapp.models import Attempt, Quiz, db

from attempt_helpers import answer, attempt, items, right_form, start
from conftest import quiz_id


def _item(app, attempt_id: int, kind: str):
    return next(i for i in items(app, attempt_id) if i.snapshot["kind"] == kind)


def _set_quiz(app, **values) -> None:
    with app.app_context():
        quiz = db.session.get(Quiz, quiz_id(app))
        for name, value in values.items():
            setattr(quiz, name, value)
        db.session.commit()


def _move_deadline(app, attempt_id: int, by: timedelta) -> None:
    with app.app_context():
        row = db.session.get(Attempt, attempt_id)
        row.deadline_at += by
        db.session.commit()


def _middle(app, attempt_id: int):
    """An item with a question before and after it, whatever the paper's order."""
    return items(app, attempt_id)[2]


@pytest.mark.parametrize(
    ("go", "to"),
    [("next", "q/4"), ("previous", "q/2"), ("finish", "finish"), ("5", "q/5"), ("3", "q/3")],
)
def test_every_way_off_the_page_saves_it_first(student, app, go, to):
    attempt_id = start(student, quiz_id(app))
    item = _middle(app, attempt_id)
    response = answer(student, attempt_id, item, {**right_form(item.snapshot), "go": go})
    assert response.headers["Location"] == f"/attempts/{attempt_id}/{to}"
    saved = items(app, attempt_id)[2]
    assert saved.answered_at is not None and saved.is_correct and saved.version == 1
    page = student.get(f"/attempts/{attempt_id}/q/3").text
    assert "Next →" in page  # no longer "Skip": it was answered


def test_typed_then_finish_is_not_listed_as_unanswered(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "numeric")
    answer(student, attempt_id, item, {"answer": "1893", "go": "finish"})
    confirm = student.get(f"/attempts/{attempt_id}/finish").text
    listed = re.search(r"You have not answered .*?\.</p>", confirm, re.S).group(0)
    assert f'/q/{item.position}"' not in listed
    assert _item(app, attempt_id, "numeric").response == 1893.0
    page = student.get(f"/attempts/{attempt_id}/q/{item.position}").text
    assert 'value="1893"' in page  # shown as typed, not as 1893.0


def test_an_untouched_question_left_by_skip_stays_unanswered(student, app):
    attempt_id = start(student, quiz_id(app))
    for kind, blank in (("true_false", {}), ("numeric", {"answer": "  "}), ("ordering", {})):
        item = _item(app, attempt_id, kind)
        response = answer(student, attempt_id, item, {**blank, "go": "next"})
        assert response.status_code == 303, kind
        after = _item(app, attempt_id, kind)
        assert after.answered_at is None and after.response is None and after.version == 0
    assert attempt(app, attempt_id).status == "in_progress"


@pytest.mark.parametrize(
    ("kind", "given", "cleared"),
    [
        ("short_text", {"answer": "Torkham"}, {"answer": ""}),
        ("numeric", {"answer": "1893"}, {"answer": ""}),
        ("multiple", None, {}),
    ],
)
def test_clearing_a_saved_answer_takes_it_back(student, app, kind, given, cleared):
    """What the page showed when the student left it is what is kept: an answer emptied or
    unticked before Next is no answer, not the one saved before."""
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, kind)
    answer(student, attempt_id, item, given or right_form(item.snapshot))
    assert _item(app, attempt_id, kind).answered_at is not None
    left = answer(student, attempt_id, item, {**cleared, "go": "finish"}, version=1)
    assert left.status_code == 303
    after = _item(app, attempt_id, kind)
    assert after.response is None and after.answered_at is None and after.points == 0
    assert after.version == 2
    confirm = student.get(f"/attempts/{attempt_id}/finish").text
    listed = re.search(r"You have not answered .*?\.</p>", confirm, re.S).group(0)
    assert f'/q/{item.position}"' in listed


@pytest.mark.parametrize("kind", ["single", "true_false"])
def test_clear_my_choice_takes_back_a_chosen_option(student, app, kind):
    """A chosen radio button cannot be unticked: "Clear my choice" takes the answer back."""
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, kind)
    url = f"/attempts/{attempt_id}/q/{item.position}"
    assert "Clear my choice" not in student.get(url).text  # nothing chosen yet
    answer(student, attempt_id, item, right_form(item.snapshot))
    page = student.get(url).text
    assert "Clear my choice" in page and "checked" in page
    # the chosen option is still posted with the button: the button decides, not the option
    cleared = answer(student, attempt_id, item, {**right_form(item.snapshot), "go": "clear"}, 1)
    assert cleared.status_code == 303 and cleared.headers["Location"] == url
    after = _item(app, attempt_id, kind)
    assert after.response is None and after.answered_at is None and after.version == 2
    page = student.get(url).text
    assert "Clear my choice" not in page and "checked" not in page
    assert 'value="next"' not in page or "Skip →" in page  # the last question has no Skip


def test_a_blank_page_from_before_the_answer_does_not_wipe_it(student, app):
    """A tab opened before the question was answered elsewhere shows it blank: leaving that
    page keeps the answer the other tab saved."""
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "short_text")
    answer(student, attempt_id, item, {"answer": "Torkham"})
    stale = answer(student, attempt_id, item, {"answer": "", "go": "finish"}, version=0)
    assert stale.status_code == 303
    assert _item(app, attempt_id, "short_text").response == "Torkham"


def test_a_partly_placed_order_is_kept_and_shown_again(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "ordering")
    first, second, _ = item.snapshot["key"]["order"]
    form = {f"rank-{first}": "1", f"rank-{second}": "2", "go": "finish"}
    assert answer(student, attempt_id, item, form).status_code == 303
    saved = _item(app, attempt_id, "ordering")
    assert saved.response == [first, second, None] and saved.points == 0
    page = student.get(f"/attempts/{attempt_id}/q/{item.position}").text
    for option_id, place in ((first, "1"), (second, "2")):
        select = re.search(rf'name="rank-{option_id}".*?</select>', page, re.S).group(0)
        assert f'<option value="{place}" selected>' in select
    confirm = student.get(f"/attempts/{attempt_id}/finish").text
    assert "Answered only in part" in confirm and f'/q/{item.position}"' in confirm
    student.post(f"/attempts/{attempt_id}/submit")
    result = student.get(f"/attempts/{attempt_id}/result")
    assert result.status_code == 200 and "(the others not placed)" in result.text


def test_a_partly_matched_answer_is_kept_and_scores_its_share(student, app):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, "matching")
    prompt, match = next(iter(item.snapshot["key"]["pairs"].items()))
    answer(student, attempt_id, item, {f"match-{prompt}": match, "go": "next"})
    saved = _item(app, attempt_id, "matching")
    assert saved.response == {prompt: match}
    assert saved.points == pytest.approx(1 / 3) and saved.is_correct is False
    page = student.get(f"/attempts/{attempt_id}/q/{item.position}").text
    assert f'<option value="{match}" selected>' in page


def _ranks(item, *places):
    return {f"rank-{o['id']}": p for o, p in zip(item.snapshot["options"], places, strict=True)}


REFUSED = [
    ("numeric", lambda i: {"answer": "about 2017"}, "Type a number", ['value="about 2017"']),
    ("short_text", lambda i: {"answer": "x" * 201}, "under 200", ['value="' + "x" * 201]),
    (
        "ordering",
        lambda i: _ranks(i, "1", "1", "3"),
        "Place 1 is given to more than one item",
        ['<option value="1" selected>', '<option value="3" selected>'],
    ),
    (  # one item left without a place: Save names the duplicate too, as Next does
        "ordering",
        lambda i: _ranks(i, "1", "1", ""),
        "Place 1 is given to more than one item",
        ['<option value="1" selected>'],
    ),
    (
        "matching",
        lambda i: {f"match-{i.snapshot['options'][0]['id']}": i.snapshot["answers"][1]["id"]},
        "Choose a match for every item.",
        ["selected>"],
    ),
    ("multiple", lambda i: {}, "Tick at least one answer.", []),
]
# Save refuses all of them; leaving the page keeps a partial or blank answer, so only the
# answers that cannot stand are refused there.
LEAVING_REFUSES = ("numeric", "short_text", "ordering")


@pytest.mark.parametrize(
    ("kind", "form", "message", "kept", "go"),
    [(*case, "") for case in REFUSED]
    + [(*case, "next") for case in REFUSED if case[0] in LEAVING_REFUSES],
)
def test_a_refused_answer_keeps_its_input_and_says_what_to_fix(
    student, app, kind, form, message, kept, go
):
    attempt_id = start(student, quiz_id(app))
    item = _item(app, attempt_id, kind)
    response = answer(student, attempt_id, item, {**form(item), "go": go})
    assert response.status_code == 422
    fields = re.search(r'<form [^>]*id="answer-form".*?</form>', response.text, re.S).group(0)
    assert 'id="answer-error"' in fields and message in fields  # beside the controls
    for text in kept:
        assert text in fields
    assert _item(app, attempt_id, kind).version == 0


@pytest.mark.parametrize("go", ["nowhere", "0", "99", "-1", "1" * 7, "²", "9" * 5000])
def test_an_unknown_button_is_a_bad_request_and_saves_nothing(student, app, go):
    attempt_id = start(student, quiz_id(app))
    item = _middle(app, attempt_id)
    response = answer(student, attempt_id, item, {**right_form(item.snapshot), "go": go})
    assert response.status_code == 400
    assert items(app, attempt_id)[2].version == 0


def test_a_timed_question_page_shows_the_time_left(student, app):
    _set_quiz(app, time_limit_minutes=10)
    attempt_id = start(student, quiz_id(app))
    page = student.get(f"/attempts/{attempt_id}/q/1").text
    remaining = int(re.search(r'data-remaining="(\d+)"', page).group(1))
    assert 590 <= remaining <= 600
    assert 'Time left: <span class="time-left">10 minutes</span>' in page
    _move_deadline(app, attempt_id, -timedelta(minutes=9, seconds=30))
    assert "less than a minute" in student.get(f"/attempts/{attempt_id}/q/1").text


def test_an_untimed_question_page_shows_no_timer(student, app):
    attempt_id = start(student, quiz_id(app))
    assert 'id="timer"' not in student.get(f"/attempts/{attempt_id}/q/1").text


def test_a_late_answer_gets_a_calm_page_with_what_was_saved(student, app):
    _set_quiz(app, time_limit_minutes=10)
    attempt_id = start(student, quiz_id(app))
    first, second = items(app, attempt_id)[:2]
    answer(student, attempt_id, first, right_form(first.snapshot))
    _move_deadline(app, attempt_id, -timedelta(minutes=11))
    late = answer(student, attempt_id, second, {**right_form(second.snapshot), "go": "next"})
    assert late.status_code == 409
    assert "did not work" not in late.text and "Your attempt has been submitted" in late.text
    assert "Time is up" in late.text and "1 of 7 questions answered" in late.text
    assert f'href="/attempts/{attempt_id}/result"' in late.text
    assert items(app, attempt_id)[1].response is None
    assert attempt(app, attempt_id).status == "submitted"


def test_an_answer_to_a_submitted_attempt_gets_the_calm_page_too(student, app):
    attempt_id = start(student, quiz_id(app))
    item = items(app, attempt_id)[0]
    student.post(f"/attempts/{attempt_id}/submit")
    replay = answer(student, attempt_id, item, right_form(item.snapshot))
    assert replay.status_code == 409 and "already submitted" in replay.text
    assert "Time is up" not in replay.text and items(app, attempt_id)[0].response is None


def test_immediate_feedback_buttons_move_without_touching_the_locked_answer(student, app):
    _set_quiz(app, feedback_mode="immediate")
    attempt_id = start(student, quiz_id(app))
    item = items(app, attempt_id)[0]
    answer(student, attempt_id, item, right_form(item.snapshot))
    page = student.get(f"/attempts/{attempt_id}/q/1").text
    assert "data-save-url" not in page  # answering is final here: no background saves
    moved = answer(student, attempt_id, item, {"go": "next"}, version=1)
    assert moved.headers["Location"] == f"/attempts/{attempt_id}/q/2"
    assert items(app, attempt_id)[0].version == 1
