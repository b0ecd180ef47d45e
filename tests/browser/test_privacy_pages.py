"""The pages of answer release, regrading and students' data, with axe-core at phone and laptop
size (light and dark): no violation of any impact, the structure checks of
test_accessibility's sweep, and the states that matter (keys held back, a regrade list, a
confirmation refused beside its field)."""

import pytest
from sqlalchemy import select

from quizapp.models import AttemptItem, Membership, Quiz, SchoolClass, User, db, utcnow
from quizapp.services.attempt_start import start_attempt
from quizapp.services.attempts import finish

from .support import VIEWPORTS, axe_violations, log_in
from .test_accessibility import Sweep
from conftest import PASSWORD


def _held_back_attempt(app, student: str, teacher: str) -> dict:
    """A submitted attempt at a quiz whose answers wait for the teacher, an older key stored
    in its first item (so a regrade has something to list), and a class with the student."""
    with app.test_request_context():
        users = {u.username: u for u in db.session.scalars(select(User))}
        quiz = Quiz(
            title="Held-back quiz",
            question_count=3,
            is_published=True,
            release_mode="manual",
            created_by_id=users[teacher].id,
        )
        db.session.add(quiz)
        db.session.flush()
        attempt = start_attempt(users[student], quiz, utcnow())
        db.session.flush()
        item = db.session.scalar(
            select(AttemptItem).where(AttemptItem.attempt_id == attempt.id).order_by("position")
        )
        # an older key: the one stored, with one more entry, so every kind can still read it
        item.snapshot = {**item.snapshot, "key": {**item.snapshot["key"], "older": "key"}}
        finish(attempt, utcnow())
        quiz.is_published = False  # no other page lists it
        school_class = SchoolClass(
            name="Privacy class", teacher_id=users[teacher].id, join_code=f"P{teacher}"
        )
        db.session.add(school_class)
        db.session.flush()
        db.session.add(Membership(class_id=school_class.id, user_id=users[student].id))
        db.session.commit()
        return {
            "quiz": quiz.id,
            "attempt": attempt.id,
            "question": item.question_id,
            "student_page": f"/admin/classes/{school_class.id}/students/{users[student].id}",
        }


def _no_violations(sweep: Sweep, name: str) -> None:
    sweep.check(name)
    found = [f"{name}: {v['id']} ({v['impact']})" for v in axe_violations(sweep.page)]
    sweep.failures.extend(found)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_release_regrade_and_data_pages(open_page, make_user, app, axe_available, viewport):
    student, teacher = make_user(), make_user("teacher")
    ids = _held_back_attempt(app, student, teacher)
    learner = Sweep(open_page(viewport), viewport)
    log_in(learner.page, student, PASSWORD)
    learner.page.goto(f"/attempts/{ids['attempt']}/result")
    assert "when your teacher releases them" in learner.page.locator("main").inner_text()
    _no_violations(learner, "result-held-back")

    sweep = Sweep(open_page(viewport), viewport)
    page = sweep.page
    log_in(page, teacher, PASSWORD)
    page.goto(f"/admin/reports/quizzes/{ids['quiz']}")
    _no_violations(sweep, "admin-report-release")
    page.goto(f"/admin/questions/{ids['question']}/regrade")
    assert page.get_by_role("button", name="Apply the regrade").is_visible()
    _no_violations(sweep, "admin-regrade")
    page.goto(ids["student_page"])
    _no_violations(sweep, "admin-student-data")
    # on the wide teaching pages the chart keeps the size it has for students: its labels
    # scale with its width
    assert page.locator("svg.chart").bounding_box()["width"] <= 42 * 16
    page.get_by_text("Delete this student", exact=True).click()
    page.get_by_label("Type the username to delete this student").fill("someone else")
    sweep.click(page.get_by_role("button", name=f"Delete {student}"))
    assert "not this student's username" in page.locator("main").inner_text()
    _no_violations(sweep, "admin-student-data-error")
    page.goto(f"/admin/reports/quizzes/{ids['quiz']}")
    sweep.click(page.get_by_role("button", name="Release the answers now"))
    learner.page.goto(f"/attempts/{ids['attempt']}/result")
    assert "when your teacher releases them" not in learner.page.locator("main").inner_text()
    failures = learner.failures + sweep.failures
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures)
