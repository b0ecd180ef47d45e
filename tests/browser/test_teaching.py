"""The teaching area in a real browser: a wide gradebook, Add option with and without JavaScript,
and axe-core on the pages the teaching work changed, at phone and laptop size."""

import itertools
import re
import secrets
from datetime import timedelta

import pytest
from sqlalchemy import select

from quizapp.models import (
    Assignment,
    Attempt,
    Membership,
    Question,
    Quiz,
    SchoolClass,
    User,
    db,
    utcnow,
)

from .support import VIEWPORTS, log_in, run_axe, screenshot
from conftest import PASSWORD, PASSWORD_HASH

ASSIGNMENTS = 10
_CODES = itertools.count(1)
# A cell is clipped when its content is wider than its box, or when it lies outside the
# viewport and no scroll container it sits in can bring it into view.
CLIPPED = """() => {
  const cells = [...document.querySelectorAll('table.gradebook th, table.gradebook td')];
  const box = document.querySelector('.table-scroll');
  const clipped = cells.filter(c => c.scrollWidth > c.clientWidth + 1)
    .map(c => c.textContent.trim());
  const outside = cells.filter(c => c.getBoundingClientRect().right > innerWidth + 0.5);
  return {
    clipped, outside: outside.length,
    columns: document.querySelectorAll('table.gradebook thead th').length,
    pageScrolls: document.documentElement.scrollWidth > innerWidth,
    boxScrolls: box.scrollWidth > box.clientWidth,
  };
}"""
# The inner (content) box of the header's nav, the main column, the teaching menu and the footer.
INNER_BOXES = """() => {
  const inner = selector => {
    const e = document.querySelector(selector), style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    return [Math.round(box.left + parseFloat(style.paddingLeft)),
            Math.round(box.right - parseFloat(style.paddingRight))];
  };
  return {
    header: inner('.site-header nav'), main: inner('main'), footer: inner('.site-footer'),
    teaching: document.querySelector('.admin-nav') ? inner('.admin-nav ul') : null,
    pageScrolls: document.documentElement.scrollWidth > innerWidth,
  };
}"""


def _gradebook(app, teacher: str) -> int:
    """A class of `teacher` with twelve students and ten assigned quizzes, most of them taken."""
    now = utcnow()
    with app.app_context():
        teacher_id = db.session.scalar(select(User.id).where(User.username == teacher))
        school_class = SchoolClass(
            name="Year 9 history",
            teacher_id=teacher_id,
            join_code=f"GRADE{next(_CODES):03d}",
            join_code_expires_at=now + timedelta(days=7),
        )
        db.session.add(school_class)
        quizzes = [
            Quiz(slug=f"week-{teacher}-{n}", title=f"Week {n}: the border and the crossings")
            for n in range(1, ASSIGNMENTS + 1)
        ]
        students = [
            User(username=f"{teacher}-pupil-{n:02d}", role="student", password_hash=PASSWORD_HASH)
            for n in range(1, 13)
        ]
        db.session.add_all(quizzes + students)
        db.session.flush()
        for n, quiz in enumerate(quizzes):
            due = now + timedelta(days=n - 3)
            db.session.add(Assignment(class_id=school_class.id, quiz_id=quiz.id, due_at=due))
        for s, student in enumerate(students):
            db.session.add(Membership(class_id=school_class.id, user_id=student.id))
            for n, quiz in enumerate(quizzes[: 4 + s % 7]):
                for number in (1, 2) if (s + n) % 3 == 0 else (1,):
                    db.session.add(_attempt(student, quiz, number, (s * 7 + n * 3) % 11))
        db.session.commit()
        return school_class.id


def _attempt(student: User, quiz: Quiz, number: int, score: int) -> Attempt:
    when = utcnow() - timedelta(days=1)
    return Attempt(
        user_id=student.id,
        quiz_id=quiz.id,
        attempt_no=number,
        seed=secrets.token_hex(16),
        status="submitted",
        started_at=when,
        submitted_at=when,
        score=score,
        max_score=10,
    )


def _axe_and_screenshot(page, name: str, viewport: str) -> list[str]:
    combo = f"{viewport}-light"
    problems = [f"{name} ({combo}): {v['id']} {v['nodes']}" for v in run_axe(page, name, combo)]
    screenshot(page, name, combo)
    return problems


def test_the_gradebook_shows_ten_assignments_without_clipping_a_column(
    app, open_page, make_user, axe_available
):
    teacher = make_user("teacher")
    class_id = _gradebook(app, teacher)
    problems = []
    for viewport in VIEWPORTS:
        page = open_page(viewport)
        log_in(page, teacher, PASSWORD)
        assert page.url.endswith("/admin/")  # a teacher lands on the teaching home
        problems += _axe_and_screenshot(page, "teaching-home", viewport)
        page.goto(f"/admin/classes/{class_id}/gradebook")
        seen = page.evaluate(CLIPPED)
        assert seen["columns"] == ASSIGNMENTS + 1 and seen["clipped"] == [], seen
        assert not seen["pageScrolls"], seen  # only the table's own box may scroll
        if viewport == "laptop":  # every column in view at once, nothing to scroll to
            assert seen["outside"] == 0 and not seen["boxScrolls"], seen
        problems += _axe_and_screenshot(page, "gradebook", viewport)
        page.get_by_role("link", name=re.compile(r"^Week 3:")).click()
        page.wait_for_url(re.compile(r"sort=a\d+&dir=asc"))
        assert page.locator("th[aria-sort=ascending]").count() == 1
    assert not problems, "\n".join(problems)


def test_header_and_footer_line_up_with_a_wide_teaching_page(
    app, open_page, make_user, axe_available
):
    teacher = make_user("teacher")
    problems = []
    for viewport in VIEWPORTS:
        page = open_page(viewport)
        log_in(page, teacher, PASSWORD)
        page.goto("/admin/quizzes")
        boxes = page.evaluate(INNER_BOXES)
        assert boxes["header"] == boxes["main"] == boxes["footer"], boxes
        assert not boxes["pageScrolls"], boxes
        if viewport == "laptop":  # on a phone the teaching menu has its own narrower margins
            assert boxes["teaching"] == boxes["main"], boxes
        outside = page.evaluate(
            """() => [...document.querySelectorAll('.admin-nav a')]
              .filter(a => a.getBoundingClientRect().right > innerWidth + 0.5)
              .map(a => a.textContent.trim())"""
        )
        assert not outside, (viewport, outside)  # every teaching link in view, none off-screen
        problems += _axe_and_screenshot(page, "teaching-wide-quizzes", viewport)
    page.goto("/quizzes")  # a student's page keeps its narrow column and header
    boxes = page.evaluate(INNER_BOXES)
    assert boxes["teaching"] is None and boxes["header"][1] - boxes["header"][0] < 960, boxes
    assert not problems, "\n".join(problems)


def _new_single(page, prompt: str) -> None:
    page.goto("/admin/questions/new/single")
    page.get_by_label("Question", exact=True).fill(prompt)
    for n in range(1, 7):
        page.get_by_label(f"Option {n}", exact=True).fill(f"Crossing {n}")


def _finish_and_save(page) -> None:
    page.get_by_label("Option 7", exact=True).fill("Crossing 7")
    page.get_by_label("Option 7 is correct", exact=True).check()
    page.get_by_label("Explainer section").select_option(index=1)
    anchor = page.locator("#paragraph-list option").first.get_attribute("value")
    page.get_by_label("Paragraph that answers it").fill(anchor)
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert re.search(r"/admin/questions/\d+$", page.url), page.locator("main").inner_text()


def _options(app, prompt: str) -> list[tuple[str, bool]]:
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.prompt == prompt))
        return [(c.text, c.is_correct) for c in question.choices]


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_a_seventh_option_is_added_and_saved(app, open_page, make_user, javascript):
    page = open_page("laptop", javascript=javascript)
    log_in(page, make_user("teacher"), PASSWORD)
    prompt = f"Which crossing is meant? ({'with' if javascript else 'without'} JavaScript)"
    _new_single(page, prompt)
    requests = []
    page.on("request", lambda request: requests.append(request.method))
    add = page.get_by_role("button", name="Add option")
    if javascript:
        add.click()
        assert "POST" not in requests  # the row appeared without asking the server
        assert page.get_by_label("Option 7", exact=True).evaluate(
            "e => e === document.activeElement"
        )
    else:
        with page.expect_navigation():
            add.click()
        assert page.get_by_label("Option 6", exact=True).input_value() == "Crossing 6"
        assert page.get_by_label("Question", exact=True).input_value() == prompt
    assert page.locator("table[data-rows=choices] tbody tr").count() == 7
    _finish_and_save(page)
    options = _options(app, prompt)
    assert len(options) == 7 and options[-1] == ("Crossing 7", True)


def test_changed_teaching_pages_have_no_axe_violations(app, open_page, make_user, axe_available):
    """The question form (with an added row and with errors), the bank and the quiz editor."""
    teacher = make_user("teacher")
    problems = []
    for viewport in VIEWPORTS:
        page = open_page(viewport)
        log_in(page, teacher, PASSWORD)
        _new_single(page, "Which one?")
        page.get_by_role("button", name="Add option").click()  # added at once by admin.js
        problems += _axe_and_screenshot(page, "question-form-added-row", viewport)
        page.get_by_label("Explainer section").select_option(index=1)
        page.get_by_label("Paragraph that answers it").fill("no-such-paragraph")
        with page.expect_navigation():
            page.get_by_role("button", name="Save", exact=True).click()
        assert "not a paragraph of" in page.locator("#anchor-error").inner_text()
        problems += _axe_and_screenshot(page, "question-form-errors", viewport)
        page.goto("/admin/questions?sort=prompt&dir=asc&status=published")
        problems += _axe_and_screenshot(page, "question-bank-sorted", viewport)
        page.goto("/admin/quizzes/new")
        checklist = page.locator("fieldset#kinds ul.checklist")
        assert checklist.evaluate("e => getComputedStyle(e).listStyleType") == "none"
        box = page.get_by_label("Single choice", exact=True).bounding_box()
        label = page.locator("label", has_text="Single choice").first.bounding_box()
        assert abs(box["y"] + box["height"] / 2 - (label["y"] + label["height"] / 2)) < 8
        problems += _axe_and_screenshot(page, "quiz-editor", viewport)
    assert not problems, "\n".join(problems)
