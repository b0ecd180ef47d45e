"""Nothing is lost on a question page, with JavaScript off and on: every way off it keeps the
answer, a refused answer keeps its input, and a timed attempt shows the time left and answers a
late save calmly."""

import itertools
import re
from datetime import timedelta

import pytest

from quizapp.models import Attempt, Quiz, db, utcnow

from .support import VIEWPORTS, axe_violations, combo_name, log_in, run_axe, screenshot
from conftest import PASSWORD

JS = pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
_QUIZ_NUMBERS = itertools.count(1)

# The values of every answer control of the question form, as the page shows them now.
CONTROLS = """() => [...document.querySelectorAll('#answer-form :is(input, select)')]
  .filter(e => e.type !== 'hidden')
  .map(e => [e.name, e.value, e.type === 'radio' || e.type === 'checkbox' ? e.checked : null])"""


@pytest.fixture
def new_quiz(app):
    """new_quiz(**settings) -> the id of a fresh five-question quiz, published for this test."""

    def new_quiz(**settings) -> int:
        with app.app_context():
            quiz = Quiz(
                slug=f"leaving-{next(_QUIZ_NUMBERS)}",
                title="Leaving a question page",
                question_count=5,
                feedback_mode="at_end",
                is_published=False,
                **settings,
            )
            db.session.add(quiz)
            db.session.commit()
            return quiz.id

    return new_quiz


def _start(page, published, quiz_id: int) -> None:
    with published([quiz_id]):
        page.goto(f"/quizzes/{quiz_id}")
        with page.expect_navigation():
            page.get_by_role("button", name="Start or continue").click()
    assert page.url.endswith("/q/1"), page.url


def fill_answer(page) -> list:
    """Answer the question on screen, ordering and matching only in part; returns the controls."""
    form = page.locator("#answer-form")
    boxes = form.locator("input[type=checkbox]")
    radios = form.locator("input[type=radio]")
    selects = form.locator("select")
    if boxes.count():
        boxes.first.check()
    elif radios.count():
        radios.last.check()
    elif selects.count():
        selects.first.select_option(index=2)  # place 2 (or the second match): one of several
    else:
        field = form.locator("input[name=answer]")
        field.fill("1893" if field.get_attribute("inputmode") == "decimal" else "Torkham")
    return page.evaluate(CONTROLS)


def leave(page, name: str, exact: bool = False) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=exact).click()


def question(page, position: int) -> None:
    page.goto(re.sub(r"/(q/\d+|finish)$", f"/q/{position}", page.url))


@JS
def test_every_way_off_the_page_keeps_the_answer(
    open_page, make_user, new_quiz, published, javascript
):
    page = open_page("phone", javascript=javascript)
    log_in(page, make_user(), PASSWORD)
    _start(page, published, new_quiz())
    first = fill_answer(page)
    # "Skip →" until a background save says the question is answered, then "Next →"
    assert page.locator("#go-next").inner_text() in ("Skip →", "Next →")
    with page.expect_navigation():
        page.locator("#go-next").click()
    assert page.url.endswith("/q/2")
    second = fill_answer(page)
    leave(page, "← Previous")
    assert page.url.endswith("/q/1") and page.evaluate(CONTROLS) == first
    numbers = page.locator(".question-numbers")
    assert numbers.get_by_role("button", name="Question 1 (answered)").count() == 1
    assert numbers.get_by_role("button", name="Question 2 (answered)").count() == 1
    assert numbers.get_by_role("button", name="Question 3", exact=True).count() == 1
    leave(page, "Question 3", exact=True)
    third = fill_answer(page)
    leave(page, "Question 2 (answered)", exact=True)
    assert page.url.endswith("/q/2") and page.evaluate(CONTROLS) == second
    leave(page, "Question 4", exact=True)
    fourth = fill_answer(page)
    leave(page, "Finish…")
    assert page.url.endswith("/finish")
    listed = page.locator("main p").first.inner_text()
    assert "You have not answered 1 question" in listed and "5" in listed  # nothing invented
    for position, controls in ((3, third), (4, fourth)):
        question(page, position)
        assert page.evaluate(CONTROLS) == controls


def test_a_change_is_saved_in_the_background(open_page, make_user, new_quiz, published):
    page = open_page("laptop", javascript=True)
    log_in(page, make_user(), PASSWORD)
    _start(page, published, new_quiz())
    controls = fill_answer(page)
    typed = page.locator("#answer-form input#answer")
    if typed.count():
        typed.press("Tab")  # a typed answer is saved on change (or after a pause in typing)
    status = page.locator("#save-status")
    status.filter(has_text="Saved").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    assert page.locator("#progress-text").inner_text().startswith("1 of 5 answered")
    first_number = page.locator('.question-numbers button[value="1"]')
    assert "is-answered" in first_number.get_attribute("class")
    assert page.locator("#go-next").inner_text() == "Next →"  # no longer "Skip →"
    page.goto(page.url.replace("/q/1", "/q/2"))  # away by a link, not by a button of the form
    question(page, 1)
    assert page.evaluate(CONTROLS) == controls
    assert "1 of 5 answered" in page.locator("#progress-text").inner_text()
    fill_answer(page)
    # a submit after a background save carries the version that save returned: not stale
    leave(page, "Question 2", exact=True)
    assert page.url.endswith("/q/2")


@JS
@pytest.mark.parametrize("kind", ["numeric", "ordering"])
def test_a_refused_answer_keeps_the_input(
    open_page, make_user, kind_quizzes, published, javascript, kind
):
    if kind not in kind_quizzes:
        pytest.skip(f"the bank has no {kind} question")
    page = open_page("phone", javascript=javascript)
    log_in(page, make_user(), PASSWORD)
    with published([kind_quizzes[kind]]):
        page.goto(f"/quizzes/{kind_quizzes[kind]}")
        with page.expect_navigation():
            page.get_by_role("button", name="Start or continue").click()
    form = page.locator("#answer-form")
    if kind == "numeric":
        field, save = form.locator("input[name=answer]"), form.locator("button.save")
        below = field.bounding_box()["y"] + field.bounding_box()["height"]
        assert save.bounding_box()["y"] - below >= 8  # the field and the button do not touch
        field.fill("about 2017")
    else:
        selects = form.locator("select")
        for index in range(selects.count()):
            selects.nth(index).select_option(str(max(1, index)))  # 1, 1, 2, 3…: place 1 twice
    sent = page.evaluate(CONTROLS)
    leave(page, "Save answer and continue")
    assert page.evaluate(CONTROLS) == sent
    error = form.locator("#answer-error")
    assert error.is_visible() and (
        "Type a number" in error.inner_text() or "Place 1" in error.inner_text()
    )
    described = form.locator("[aria-describedby=answer-error]").first
    assert described.count() == 1


def _set_deadline(app, page, when) -> None:
    attempt_id = int(re.search(r"/attempts/(\d+)/", page.url).group(1))
    with app.app_context():
        db.session.get(Attempt, attempt_id).deadline_at = when
        db.session.commit()


@JS
def test_a_timed_quiz_shows_the_time_left_and_a_late_answer_lands_calmly(
    open_page, make_user, app, new_quiz, published, javascript
):
    page = open_page("phone", javascript=javascript)
    log_in(page, make_user(), PASSWORD)
    _start(page, published, new_quiz(time_limit_minutes=30))
    left = page.locator("#timer .time-left")
    if javascript:
        page.wait_for_function(
            "() => /^\\d+:\\d\\d$/.test(document.querySelector('#timer .time-left').textContent)"
        )
        assert left.inner_text().startswith(("29:", "30:"))
    else:
        assert left.inner_text() == "30 minutes"
    # with JavaScript, just above the five-minute mark; without, well inside the sixth minute
    _set_deadline(app, page, utcnow() + timedelta(minutes=5, seconds=2 if javascript else 30))
    page.reload()
    if javascript:  # the five-minute mark passes while the page is open: it is announced
        alert = page.locator("#timer-alert")
        alert.filter(has_text="5 minutes left.").wait_for()
        assert alert.get_attribute("aria-live") == "polite"
    else:
        assert left.inner_text() == "6 minutes"
    _set_deadline(app, page, utcnow() - timedelta(minutes=1))
    fill_answer(page)
    leave(page, "Save answer and continue")
    assert page.locator("h1").inner_text() == "Your attempt has been submitted"
    assert "Time is up" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="See your result").click()
    assert page.url.endswith("/result")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_timed_question_page_is_accessible(
    open_page, make_user, new_quiz, published, axe_available, viewport
):
    page = open_page(viewport, javascript=True)
    log_in(page, make_user(), PASSWORD)
    _start(page, published, new_quiz(time_limit_minutes=30))
    page.wait_for_function(
        "() => /^\\d+:\\d\\d$/.test(document.querySelector('#timer .time-left').textContent)"
    )
    fill_answer(page)
    combo = combo_name(viewport, "light")
    assert run_axe(page, "question-timed", combo) == []
    assert axe_violations(page) == []
    screenshot(page, "question-timed", combo)
