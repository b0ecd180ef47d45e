"""A student's whole visit, the way they make it: in a browser, on a phone or a laptop."""

import re

import pytest

from .support import (
    VIEWPORTS,
    answer_with_keyboard,
    log_in,
    press_and_wait,
    screenshot,
    tab_to,
)
from conftest import PASSWORD

MAX_QUESTIONS = 30


def register(page, username: str) -> None:
    page.goto("/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Create account").click()


def take_quiz_by_keyboard(page) -> int:
    """From a question page to the submit page with Tab, Space, arrows, typing and Enter only."""
    for answered in range(1, MAX_QUESTIONS):
        answer_with_keyboard(page)
        if page.locator(".feedback").count():  # immediate feedback: move on by hand
            verdict = page.locator(".feedback").inner_text()
            assert any(w in verdict for w in ("Right", "Not quite", "Partly right")), verdict
            has_next = page.locator("nav.pager button[value=next]").count()
            tab_to(page, f"nav.pager button[value={'next' if has_next else 'finish'}]")
            press_and_wait(page)
        if page.url.endswith("/finish"):
            return answered
    raise AssertionError("the quiz never reached its submit page")


def paragraph_in_view(page) -> dict:
    return page.evaluate(
        """() => {
          const target = document.querySelector(':target');
          if (!target) return {found: false};
          const box = target.getBoundingClientRect();
          return {
            found: true, inProse: !!target.closest('.prose'),
            background: getComputedStyle(target).backgroundColor,
            inView: box.top >= 0 && box.top < innerHeight,
          };
        }"""
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_register_read_check_by_keyboard_result_explainer_history(open_page, viewport):
    page = open_page(viewport)
    register(page, f"reader-{viewport}")
    assert page.url.endswith("/learn") and "Welcome" in page.locator(".flashes").inner_text()

    with page.expect_navigation():
        page.locator("ol.cards a").first.click()
    section_title = page.locator("h1").inner_text()
    assert page.locator(".prose p").count() >= 1
    screenshot(page, "student-section", viewport)

    with page.expect_navigation():
        page.get_by_role("link", name="Start the check").click()
    assert "Check your understanding" in page.locator("h1").inner_text()
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert re.search(r"/attempts/\d+/q/1$", page.url), page.locator("main").inner_text()
    screenshot(page, "student-question", viewport)

    answered = take_quiz_by_keyboard(page)
    assert answered >= 1
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page)
    assert page.url.endswith("/result")
    assert re.search(r"\d+ out of \d+", page.locator(".score").inner_text())
    assert page.locator(".review > li").count() == answered
    screenshot(page, "student-result", viewport)

    tab_to(page, ".review a[href*='#']")
    press_and_wait(page)
    assert "#" in page.url and page.locator("h1").inner_text() == section_title
    landed = paragraph_in_view(page)
    assert landed["found"] and landed["inProse"] and landed["inView"], landed
    assert landed["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), landed
    screenshot(page, "student-explainer-anchor", viewport)

    if viewport == "phone":  # the links sit in the Menu there: open it with the keyboard
        tab_to(page, "header details.nav-menu > summary")
        page.keyboard.press("Enter")
    tab_to(page, "header a[href='/history']")
    press_and_wait(page)
    row = page.locator("table.history tbody tr").first
    assert "Check your understanding" in row.inner_text() and "%" in row.inner_text()
    screenshot(page, "student-history", viewport)


def test_resume_after_closing_the_page(open_page, make_user):
    username = make_user()
    page = open_page("phone")
    log_in(page, username, PASSWORD)
    quiz_link = page.locator(".cards li", has_not_text=" min").get_by_role("link").first
    with page.expect_navigation():
        quiz_link.click()
    quiz_url = page.url
    with page.expect_navigation():
        page.get_by_role("button", name="Start or continue").click()
    answer_with_keyboard(page)
    answer_with_keyboard(page)
    assert page.url.endswith("/q/3")
    page.context.close()  # the student closes the browser mid-quiz

    page = open_page("phone")
    log_in(page, username, PASSWORD)
    page.goto(quiz_url)
    with page.expect_navigation():
        page.get_by_role("button", name="Start or continue").click()
    assert page.url.endswith("/q/3")
    assert "2 of" in page.locator("#progress-text").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Previous").click()
    assert page.url.endswith("/q/2") and _has_saved_answer(page)


def _has_saved_answer(page) -> bool:
    return page.evaluate(
        """() => [...document.querySelectorAll('form.question :is(input, select)')]
          .some(e => e.type !== 'hidden' && (e.checked || (e.type !== 'radio'
                     && e.type !== 'checkbox' && e.value !== '')))"""
    )
