"""A teacher makes accounts for a class and prints the login cards; a student signs in with a
one-time code and chooses a password; an admin gives a code. Each page is checked with axe at
phone and laptop size, in light and dark colours."""

import re

import pytest
from sqlalchemy import select

from quizapp.models import Membership, SchoolClass, User, db

from .support import (
    SCHEMES,
    VIEWPORTS,
    axe_violations,
    combo_name,
    log_in,
    run_axe,
    screenshot,
)
from conftest import PASSWORD

NAMES = ["Amina Khan", "Amina Kaur", "Élodie Brûlé", "Li"]
NEW_PASSWORD = "my own long sentence"


def check(page, name: str, viewport: str) -> list[str]:
    """axe in both colour schemes, with a screenshot of each; the blocking violations."""
    failures = []
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        combo = combo_name(viewport, scheme)
        failures += [
            f"{name} ({combo}): {v['id']} {v['nodes']}" for v in run_axe(page, name, combo)
        ]
        screenshot(page, name, combo)
    page.emulate_media(color_scheme="light")
    return failures


def make_class(app, teacher: str, student: str) -> int:
    with app.app_context():
        ids = dict(db.session.execute(select(User.username, User.id)).all())
        school_class = SchoolClass(
            name=f"Class of {teacher}", teacher_id=ids[teacher], join_code=f"B{teacher.upper()}"
        )
        db.session.add(school_class)
        db.session.flush()
        db.session.add(Membership(class_id=school_class.id, user_id=ids[student]))
        db.session.commit()
        return school_class.id


def click(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_login_cards_and_a_first_sign_in(open_page, app, make_user, axe_available, viewport):
    teacher, student = make_user("teacher"), make_user("student")
    class_id = make_class(app, teacher, student)
    page = open_page(viewport)
    log_in(page, teacher, PASSWORD)
    page.goto(f"/admin/classes/{class_id}")
    page.locator("main details summary").first.click()  # opens the extra-time form
    failures = check(page, "class-accounts", viewport)
    click(page, "Make accounts")  # nothing typed: the message sits beside the field
    assert "This field is required." in page.locator("#names-error").inner_text()
    failures += check(page, "class-accounts-errors", viewport)
    page.get_by_label("Student names, one per line").fill("\n".join(NAMES))
    click(page, "Make accounts")
    cards = page.locator(".login-card")
    assert cards.count() == len(NAMES)
    failures += check(page, "login-cards", viewport)
    page.emulate_media(media="print")
    assert not page.locator("header.site-header").is_visible()
    assert not page.locator("nav.admin-nav").is_visible()  # the cards alone on the paper
    assert page.get_by_text("Print this page now").is_hidden()
    screenshot(page, "login-cards-print", viewport)
    page.emulate_media(media="screen")
    first = cards.first.inner_text()
    username = re.search(r"Username: (\S+)", first).group(1)
    code = re.search(r"One-time code: (\S+)", first).group(1)
    assert username.startswith("amina.k") and len(code) == 14  # amina.k2… in a later run
    page.goto(f"/admin/classes/{class_id}")  # now with its log of codes given
    assert "landmark-unique" not in {v["id"] for v in axe_violations(page)}

    pupil = open_page(viewport)
    pupil.goto("/login")
    failures += check(pupil, "login", viewport)
    pupil.get_by_label("Username").fill(username)
    pupil.get_by_label("Password").fill(code)
    click(pupil, "Log in")
    assert pupil.url.endswith("/account/new-password")
    failures += check(pupil, "set-password", viewport)
    pupil.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    pupil.get_by_label("Repeat the new password").fill("something else entirely")
    click(pupil, "Set password")
    failures += check(pupil, "set-password-errors", viewport)
    pupil.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    pupil.get_by_label("Repeat the new password").fill(NEW_PASSWORD)
    click(pupil, "Set password")
    assert pupil.url.endswith("/quizzes") and "Password set" in pupil.content()
    assert failures == []


def test_an_admin_gives_a_code_and_reads_the_log(open_page, make_user, axe_available):
    target = make_user("student")
    failures = []
    for viewport in VIEWPORTS:
        page = open_page(viewport)
        log_in(page, "ada", PASSWORD)
        page.goto(f"/admin/users?q={target}")
        failures += check(page, "admin-users", viewport)
        click(page, f"New one-time code for {target}")
        assert len(page.locator(".login-code").inner_text()) == 14
        failures += check(page, "admin-user-code", viewport)
        page.goto("/admin/users/resets")
        assert target in page.locator("main table").inner_text()
        failures += check(page, "admin-reset-log", viewport)
    assert failures == []
