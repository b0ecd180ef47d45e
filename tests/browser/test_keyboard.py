"""Keyboard and screen-reader basics that axe cannot judge alone."""

import pytest

from .support import answer_by_pointer, log_in, press_and_wait, tab_to
from conftest import PASSWORD

DESCRIBED_BY = """field => (field.getAttribute('aria-describedby') || '').split(' ')
  .map(id => document.getElementById(id)).filter(Boolean).map(e => e.textContent).join(' ')"""


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_skip_link_is_first_visible_on_focus_and_jumps_to_main(open_page, viewport):
    page = open_page(viewport)
    page.goto("/learn")
    skip = page.locator("a.skip-link")
    assert not skip.is_visible() or skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def test_form_errors_are_announced_and_tied_to_their_fields(open_page):
    page = open_page("phone")
    page.goto("/register")
    page.get_by_label("Username").fill("a")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Repeat the password").fill("different")
    with page.expect_navigation():
        page.get_by_role("button", name="Create account").click()
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    for label in ("Username", "Password", "Repeat the password"):
        field = page.get_by_label(label, exact=True)
        assert field.get_attribute("aria-invalid") == "true", label
        message = field.evaluate(DESCRIBED_BY)
        assert message.strip(), f"{label}: error not linked by aria-describedby"
    with page.expect_navigation(url="**#username"):  # summary links move to the field
        summary.get_by_role("link").first.click()


def test_an_unanswered_question_says_so_in_words(open_page, make_user, kind_quizzes, published):
    """For every kind: saving no answer shows an alert tied to the question's fieldset or field."""
    page = open_page("laptop")
    log_in(page, make_user(), PASSWORD)
    with published(kind_quizzes.values()):
        for kind, quiz_id in kind_quizzes.items():
            page.goto(f"/quizzes/{quiz_id}")
            with page.expect_navigation():
                page.get_by_role("button", name="Start or continue").click()
            tab_to(page, "form.question button[type=submit]")
            press_and_wait(page)
            alert = page.get_by_role("alert")
            assert alert.inner_text().strip().strip("!").strip(), kind
            control = page.locator("form.question :is(fieldset, input[name=answer])").first
            assert "answer-error" in (control.get_attribute("aria-describedby") or ""), kind


def test_right_and_wrong_are_said_in_words_not_only_colour(open_page, make_user):
    page = open_page("phone", "dark")
    log_in(page, make_user(), PASSWORD)
    page.goto("/quizzes")
    with page.expect_navigation():
        page.locator("ul.cards li", has_not_text=" min").get_by_role("link").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Start or continue").click()
    while "/finish" not in page.url:
        answer_by_pointer(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Submit and see my result").click()
    verdicts = page.locator(".review > li .verdict").all_inner_texts()
    assert verdicts and all(
        any(word in v for word in ("Right", "Wrong", "Partly right")) for v in verdicts
    )
