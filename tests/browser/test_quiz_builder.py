"""A teacher builds a quiz of hand-picked and drawn questions for one class; only that class's
students see it, with its due date. axe-core on the editor, the preview and the quiz list."""

import re
from datetime import timedelta

from sqlalchemy import select

from quizapp.models import Membership, SchoolClass, User, db, utcnow

from .support import AXE_COUNTS, VIEWPORTS, combo_name, log_in, run_axe, screenshot
from conftest import PASSWORD

TITLE = "Hand-picked for one class"


def _classes(app, teacher: str, students: dict[str, str]) -> dict[str, int]:
    """Classes straight in the database: class name -> id; `students` maps student -> class."""
    with app.app_context():
        owner = db.session.scalar(select(User.id).where(User.username == teacher))
        ids = {}
        for n, name in enumerate(sorted(set(students.values()))):
            school_class = SchoolClass(name=name, teacher_id=owner, join_code=f"{teacher}{n}"[-16:])
            db.session.add(school_class)
            db.session.flush()
            ids[name] = school_class.id
        for student, name in students.items():
            user = db.session.scalar(select(User.id).where(User.username == student))
            db.session.add(Membership(class_id=ids[name], user_id=user))
        db.session.commit()
        return ids


def _no_violations(page, name: str) -> None:
    for viewport in VIEWPORTS:
        page.set_viewport_size(VIEWPORTS[viewport])
        combo = combo_name(viewport, "light")
        assert run_axe(page, name, combo) == []
        assert set(AXE_COUNTS[name][combo].values()) == {0}, AXE_COUNTS[name][combo]


def _build(page) -> None:
    page.goto("/admin/quizzes/new")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Questions drawn from the pool").fill("0")
    page.get_by_label("Published: students can see it while it is open").check()
    page.get_by_label("Who sees it").select_option("classes")
    page.get_by_role("button", name="Save quiz").click()
    page.locator("main").get_by_role("link", name="Questions", exact=True).first.click()
    page.get_by_role("button", name="Search").click()
    for _ in range(3):  # the first result each time: a picked question leaves the results
        page.get_by_role("button", name=re.compile(r"^Add\b")).first.click()
    page.get_by_label("Questions to draw").fill("2")
    page.get_by_role("button", name="Add the draw").click()
    assert "Each paper asks 5 questions" in page.inner_text("main")
    page.get_by_role("button", name=re.compile(r"^Up\b")).last.click()  # the draw goes up one
    assert page.locator(".slots > li").nth(2).inner_text().startswith("Random:")


def test_a_quiz_of_picked_and_drawn_questions_reaches_only_its_class(
    app, open_page, make_user, axe_available
):
    teacher, inside, outside = make_user("teacher"), make_user(), make_user()
    classes = _classes(app, teacher, {inside: "Class 7A", outside: "Class 7B"})
    page = open_page(javascript=False)
    log_in(page, teacher, PASSWORD)
    _build(page)
    editor_url = page.url.split("?")[0]
    page.locator("main").get_by_role("link", name="Preview a sample paper").click()
    assert page.locator(".preview-paper > li").count() == 5
    checker = open_page(javascript=True)  # axe-core needs JavaScript
    log_in(checker, teacher, PASSWORD)
    checker.goto(editor_url + "?q=&topic=")
    _no_violations(checker, "admin quiz questions")
    checker.goto(page.url)
    _no_violations(checker, "admin quiz preview")
    page.goto(f"/admin/classes/{classes['Class 7A']}")
    page.get_by_label("Quiz", exact=True).select_option(label=TITLE)
    due = (utcnow() + timedelta(days=3)).replace(second=0, microsecond=0)
    page.get_by_label("Due", exact=True).fill(due.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name=re.compile("Assign")).click()

    student = open_page(javascript=True)
    log_in(student, inside, PASSWORD)
    student.goto("/quizzes")
    card = student.locator(".quiz-list > li", has_text=TITLE)
    assert "Not started" in card.inner_text()
    assert due.strftime("%d %b %Y, %H:%M") in card.inner_text()
    _no_violations(student, "quiz list")
    for viewport in VIEWPORTS:
        student.set_viewport_size(VIEWPORTS[viewport])
        screenshot(student, "quiz-list", combo_name(viewport, "light"))
        assert student.evaluate("document.documentElement.scrollWidth <= innerWidth")

    stranger = open_page(javascript=False)
    log_in(stranger, outside, PASSWORD)
    stranger.goto("/quizzes")
    assert TITLE not in stranger.inner_text("main")


def _quiz_of_a_giveaway_pair(app, teacher: str) -> int:
    """A quiz of `teacher`'s holding a year question and one that says the year, and a third
    published question (about Peshawar) not yet picked."""
    from quizapp.models import Quiz, QuizSlot
    from quizapp.services.bank import question_from_fields

    fields = [
        {"kind": "numeric", "prompt": "In which year was the line agreed?", "answer": 1893},
        {"kind": "true_false", "prompt": "The line was drawn in 1893.", "answer": True},
        {"kind": "short_text", "prompt": "Name the crossing near Peshawar.", "accepted": ["Tor"]},
    ]
    with app.app_context():
        owner = db.session.scalar(select(User.id).where(User.username == teacher))
        year, said, _ = questions = [
            question_from_fields(f, None, status="published") for f in fields
        ]
        quiz = Quiz(title="Giveaways", created_by_id=owner, question_count=0, shuffle=False)
        db.session.add_all([quiz, *questions])
        db.session.flush()
        quiz.slots = [
            QuizSlot(position=1, question_id=year.id),
            QuizSlot(position=2, question_id=said.id),
        ]
        db.session.commit()
        return quiz.id


def test_the_giveaway_warning_and_a_repeated_pick_read_well(
    app, open_page, make_user, axe_available
):
    teacher = make_user("teacher")
    quiz = _quiz_of_a_giveaway_pair(app, teacher)
    page = open_page(javascript=True)
    log_in(page, teacher, PASSWORD)
    page.goto(f"/admin/quizzes/{quiz}/edit")
    assert "Some papers will give answers away" in page.inner_text("#giveaways")
    _no_violations(page, "admin quiz settings with a giveaway warning")
    page.goto(f"/admin/quizzes/{quiz}/questions?q=Peshawar&topic=")
    other = open_page(javascript=False)  # the same question picked meanwhile, in another tab
    log_in(other, teacher, PASSWORD)
    other.goto(f"/admin/quizzes/{quiz}/questions?q=Peshawar&topic=")
    other.get_by_role("button", name=re.compile(r"^Add\b")).first.click()
    page.get_by_role("button", name=re.compile(r"^Add\b")).first.click()
    error = page.locator("#question_id-error")
    assert "already in the quiz" in error.inner_text()
    assert page.locator("#giveaways").is_visible()
    _no_violations(page, "admin quiz questions with a giveaway warning and a repeated pick")
    for viewport in VIEWPORTS:
        page.set_viewport_size(VIEWPORTS[viewport])
        screenshot(page, "quiz-questions-giveaways", combo_name(viewport, "light"))
