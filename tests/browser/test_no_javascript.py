"""The whole quiz flow with JavaScript switched off in the browser."""

from .support import answer_by_pointer, log_in
from conftest import PASSWORD


def test_full_quiz_flow_without_javascript(open_page, make_user):
    page = open_page("phone", javascript=False)
    log_in(page, make_user(), PASSWORD)
    page.goto("/learn")
    with page.expect_navigation():
        page.locator("ol.cards a").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name="Start the check").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Start or continue").click()
    answered = 0
    while "/finish" not in page.url:
        answer_by_pointer(page)
        answered += 1
        assert page.locator(".feedback").is_visible()  # immediate feedback, served as HTML
        button = page.locator("nav.pager button[value=next]")
        if not button.count():
            button = page.get_by_role("button", name="Finish")
        with page.expect_navigation():
            button.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit and see my result").click()
    assert page.url.endswith("/result")
    assert page.locator(".review > li").count() == answered
    assert "out of" in page.locator(".score").inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="My scores").first.click()
    assert page.locator("table.history tbody tr").count() == 1
