"""Phone width: one-line header, no sideways page scrolling, tables that fit or say they
scroll, a map that can be read and opened full size; and the browser's time zone guess."""

import secrets
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from quizapp.core.quiz_settings import ASSESSMENT
from quizapp.models import Assignment, Attempt, Membership, Quiz, SchoolClass, User, db

from .support import ARTIFACTS, VIEWPORTS, axe_violations, log_in, screenshot
from conftest import PASSWORD

LAYOUT = """() => ({
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  header: document.querySelector('body > header').getBoundingClientRect().height,
})"""


def with_history(app, username: str) -> int:
    """Two submitted attempts and a class with an assignment, straight in the database."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == username))
        quiz = db.session.scalar(
            select(Quiz).where(Quiz.is_published, Quiz.purpose == ASSESSMENT).limit(1)
        )
        started = datetime(2026, 12, 1, 6, 13)
        for number, score in ((1, 4.0), (2, 9.0)):
            db.session.add(
                Attempt(
                    user_id=user.id,
                    quiz_id=quiz.id,
                    attempt_no=number,
                    seed=secrets.token_hex(16),
                    status="submitted",
                    started_at=started + timedelta(days=number),
                    submitted_at=started + timedelta(days=number, minutes=12),
                    score=score,
                    max_score=10.0,
                )
            )
        teacher = db.session.scalar(select(User).where(User.role == "teacher").limit(1))
        school_class = SchoolClass(
            name=f"Year 9 current affairs {username}",
            teacher_id=teacher.id,
            join_code=secrets.token_hex(4).upper(),
        )
        db.session.add(school_class)
        db.session.flush()
        db.session.add(Membership(class_id=school_class.id, user_id=user.id))
        db.session.add(
            Assignment(class_id=school_class.id, quiz_id=quiz.id, due_at=started + timedelta(7))
        )
        db.session.commit()
        return school_class.id


def check_page(page, name: str, viewport: str) -> None:
    violations = axe_violations(page)
    assert violations == [], (name, viewport, violations)
    layout = page.evaluate(LAYOUT)
    assert layout["overflow"] <= 0, (name, viewport, layout)
    screenshot(page, f"phone-width-{name}", f"{viewport}-light")
    if viewport == "phone":
        assert layout["header"] < 80, (name, layout)
        page.emulate_media(color_scheme="dark")  # the same page in dark colours
        assert axe_violations(page) == [], (name, "phone-dark")
        page.emulate_media(color_scheme="light")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_student_pages_fit_the_screen(open_page, make_user, app, axe_available, viewport):
    username = make_user()
    class_id = with_history(app, username)
    page = open_page(viewport)
    for name, url in (("map", "/learn/map"), ("quizzes-anonymous", "/quizzes")):
        page.goto(url)
        check_page(page, name, viewport)
    log_in(page, username, PASSWORD)
    pages = (
        ("quizzes", "/quizzes"),
        ("history", "/history"),
        ("class", f"/classes/{class_id}"),
        ("classes", "/classes/"),
        ("account", "/account"),
    )
    for name, url in pages:
        page.goto(url)
        check_page(page, name, viewport)
    page.goto("/learn/map")
    with page.expect_navigation():
        page.get_by_role("link", name="Open the map full size").click()
    assert page.url.endswith(".svg")
    ARTIFACTS.mkdir(exist_ok=True)  # a bare SVG: the visible part (a full-page shot stalls)
    page.screenshot(path=ARTIFACTS / f"phone-width-map-full-{viewport}-light.png")


def test_the_score_chart_keeps_readable_labels_on_a_phone(open_page, make_user, app):
    username = make_user()
    with_history(app, username)
    page = open_page("phone")
    log_in(page, username, PASSWORD)
    page.goto("/history")
    heights = page.evaluate(
        "() => [...document.querySelectorAll('svg.chart .chart-label')]"
        ".map(t => t.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 12, heights  # about 11 px type: 13 px at 85 %
    frame = page.locator(".chart-frame")
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth")  # it scrolls in its frame
    assert page.evaluate(LAYOUT)["overflow"] <= 0  # the page itself does not


def test_tables_stack_into_cards_on_a_phone(open_page, make_user, app):
    username = make_user()
    with_history(app, username)
    page = open_page("phone")
    page.goto("/learn/map")
    cell = page.locator("table.stacked td[data-label='Country']").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    label = cell.evaluate("e => getComputedStyle(e, '::before').content")
    assert "Country" in label
    log_in(page, username, PASSWORD)
    page.goto("/history")
    # The per-quiz table scrolls inside a focusable region that says so.
    region = page.get_by_role("region", name="Scores per quiz")
    assert region.get_attribute("tabindex") == "0"
    assert page.locator(".scroll-hint", has_text="Scroll the table sideways").is_visible()
    assert page.locator("table.history td[data-label='Score']").first.is_visible()


def test_the_map_keeps_readable_labels_on_a_phone(open_page):
    page = open_page("phone")
    page.goto("/learn/map")
    width = page.locator(".map-frame img").evaluate("e => e.getBoundingClientRect().width")
    assert width * 18 / 1000 >= 12  # the SVG's 18-unit place labels are 12 px or more
    frame = page.get_by_role("region", name="Map (scroll sideways on a narrow screen)")
    assert frame.evaluate("e => e.scrollWidth > e.clientWidth")
    assert page.locator(".scroll-hint", has_text="Scroll the map sideways").is_visible()


def test_the_phone_menu_works_without_javascript(open_page, make_user):
    page = open_page("phone", javascript=False)
    log_in(page, make_user(), PASSWORD)
    menu = page.locator("details.nav-menu")
    assert menu.is_visible() and page.locator("ul.nav-inline").is_hidden()
    assert page.get_by_role("link", name="My scores").count() == 0  # closed: nothing to reach
    menu.locator("summary").click()
    assert page.evaluate(LAYOUT)["overflow"] <= 0  # the open menu stays on the screen
    screenshot(page, "phone-width-menu-open", "phone-light")
    with page.expect_navigation():
        page.get_by_role("link", name="My scores").click()
    assert page.url.endswith("/history")
    assert page.evaluate(LAYOUT)["header"] < 80


def test_the_browser_sends_its_time_zone_once_for_a_user_without_one(
    browser, live_server, make_user, app
):
    username = make_user()
    context = browser.new_context(
        base_url=live_server.url(), viewport=VIEWPORTS["phone"], timezone_id="Asia/Karachi"
    )
    try:
        page = context.new_page()
        with page.expect_response("**/account/timezone-guess") as sent:
            log_in(page, username, PASSWORD)
        assert sent.value.status == 204
        with app.app_context():
            user = db.session.scalar(select(User).where(User.username == username))
            assert user.timezone == "Asia/Karachi"
        page.goto("/account")
        assert "Asia/Karachi" in page.locator("main").inner_text()
        assert page.locator("script[src*='timezone']").count() == 0
    finally:
        context.close()
