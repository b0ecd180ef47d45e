"""Classes: creating one, join codes, assignments, and who may see what."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from quizapp.core.classes import ALPHABET
from quizapp.models import Assignment, Membership, SchoolClass, db, utcnow

from conftest import login, quiz_id
from report_helpers import add_user, count_queries, make_class, take, user_id


def class_row(app, class_id: int) -> SchoolClass:
    with app.app_context():
        row = db.session.get(SchoolClass, class_id)
        db.session.expunge(row)
        return row


def members(app, class_id: int) -> set[int]:
    with app.app_context():
        return set(
            db.session.scalars(select(Membership.user_id).where(Membership.class_id == class_id))
        )


# --- teachers create classes and codes ---------------------------------------------------------


def test_teacher_creates_a_class_and_gets_a_join_code(teacher, app):
    response = teacher.post("/admin/classes", data={"name": " History 9B ", "valid_days": "7"})
    class_id = int(response.headers["Location"].rsplit("/", 1)[1])
    row = class_row(app, class_id)
    assert row.name == "History 9B" and row.teacher_id == user_id(app, "tess")
    assert len(row.join_code) == 8 and set(row.join_code) <= set(ALPHABET)
    assert abs(row.join_code_expires_at - (utcnow() + timedelta(days=7))) < timedelta(minutes=1)
    page = teacher.get(f"/admin/classes/{class_id}").text
    assert f"{row.join_code[:4]}-{row.join_code[4:]}" in page
    assert f"/classes/join?code={row.join_code}" in page
    assert "History 9B" in teacher.get("/admin/classes").text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "valid_days": "7"}, "This field is required."),
        ({"name": "x" * 121, "valid_days": "7"}, "Field cannot be longer than 120 characters."),
        ({"name": "A", "valid_days": "0"}, "Number must be between 1 and 90."),
        ({"name": "A", "valid_days": "91"}, "Number must be between 1 and 90."),
        ({"name": "A", "valid_days": "soon"}, "Not a valid integer value."),
    ],
)
def test_bad_class_forms(teacher, app, data, message):
    response = teacher.post("/admin/classes", data=data)
    assert response.status_code == 422 and message in response.text
    with app.app_context():
        assert db.session.scalars(select(SchoolClass)).all() == []


def test_admin_index_links_to_classes(teacher):
    assert 'href="/admin/classes"' in teacher.get("/admin/").text


def test_new_code_replaces_the_old_one(teacher, student, app):
    class_id = make_class(app, members=())
    response = teacher.post(f"/admin/classes/{class_id}/code", data={"valid_days": "3"})
    assert response.headers["Location"] == f"/admin/classes/{class_id}"
    new_code = class_row(app, class_id).join_code
    assert new_code != "ABCD2345"
    old = student.post("/classes/join", data={"code": "ABCD-2345"})
    assert old.status_code == 422 and "No class has that join code" in old.text
    assert student.post("/classes/join", data={"code": new_code}).status_code == 303
    bad = teacher.post(f"/admin/classes/{class_id}/code", data={"valid_days": "500"})
    assert bad.status_code == 422 and class_row(app, class_id).join_code == new_code


# --- students join -----------------------------------------------------------------------------


def test_student_joins_with_a_typed_code(student, app):
    class_id = make_class(app, members=())
    response = student.post("/classes/join", data={"code": " abcd-2345 "})
    assert response.headers["Location"] == f"/classes/{class_id}"
    assert members(app, class_id) == {user_id(app, "alice")}
    assert "You joined Class ABCD2345" in student.get(f"/classes/{class_id}").text
    again = student.post("/classes/join", data={"code": "ABCD2345"})
    assert again.headers["Location"] == f"/classes/{class_id}"
    assert "already in" in student.get(f"/classes/{class_id}").text
    assert len(members(app, class_id)) == 1


def test_join_link_fills_in_the_code(student):
    page = student.get("/classes/join?code=ABCD2345").text
    assert 'value="ABCD2345"' in page


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "This field is required."),
        ("ABC", "has 8 letters and digits"),
        ("ABCD-0000", "No class has that join code: codes never use 0, 1, I, L, O, U or V"),
        ("Y8RB-IN3I", "and yours has I. Check it with your teacher."),
        ("ABCD-23É5", "A join code has 8 letters and digits (A to Z and 2 to 9)"),
        ("ZZZZ-ZZZZ", "No class has that join code. Check it with your teacher."),
        ("x" * 30, "Field cannot be longer than 20 characters."),
    ],
)
def test_bad_join_codes(student, app, code, message):
    class_id = make_class(app, members=())
    response = student.post("/classes/join", data={"code": code})
    assert response.status_code == 422 and message in response.text
    assert members(app, class_id) == set()


def test_expired_join_code(student, app):
    class_id = make_class(app, members=(), expires_at=utcnow() - timedelta(minutes=1))
    response = student.post("/classes/join", data={"code": "ABCD2345"})
    assert response.status_code == 422
    assert "That join code has expired. Ask your teacher for a new one." in response.text
    assert members(app, class_id) == set()


def test_joining_needs_an_account(client, app):
    make_class(app, members=())
    response = client.post("/classes/join", data={"code": "ABCD2345"})
    assert "/login" in response.headers["Location"]


# --- assignments -------------------------------------------------------------------------------


def test_teacher_assigns_a_quiz_and_the_student_sees_it(teacher, student, app):
    class_id = make_class(app)
    response = teacher.post(
        f"/admin/classes/{class_id}/assignments",
        data={"quiz": str(quiz_id(app)), "due_at": "2030-05-01T17:00"},
    )
    assert response.headers["Location"] == f"/admin/classes/{class_id}"
    page = student.get("/classes/").text
    assert "Everything" in page and "01 May 2030, 17:00" in page and "to do" in page
    take(student, app)
    page = student.get(f"/classes/{class_id}").text
    assert "done" in page and "100\u00a0%" in page and "1 attempt" in page
    teacher.post(
        f"/admin/classes/{class_id}/assignments", data={"quiz": str(quiz_id(app)), "due_at": ""}
    )
    with app.app_context():
        assignment = db.session.scalars(select(Assignment)).one()
        assert assignment.due_at is None


def test_a_due_date_already_past_is_saved_with_a_warning(teacher, app):
    class_id = make_class(app)
    url = f"/admin/classes/{class_id}/assignments"
    past = teacher.post(url, data={"quiz": str(quiz_id(app)), "due_at": "2020-05-01T17:00"})
    assert past.status_code == 303
    page = teacher.get(f"/admin/classes/{class_id}").text
    assert "Quiz assigned." in page and "That due date has already passed" in page
    teacher.post(url, data={"quiz": str(quiz_id(app)), "due_at": "2030-05-01T17:00"})
    assert "already passed" not in teacher.get(f"/admin/classes/{class_id}").text
    assert "Only published quizzes are listed" in teacher.get(f"/admin/classes/{class_id}").text


def test_overdue_and_late_assignments(student, app):
    past = utcnow() - timedelta(days=1)
    class_id = make_class(app, quizzes=((quiz_id(app), past),))
    assert "missing" in student.get(f"/classes/{class_id}").text
    take(student, app)
    assert "late" in student.get(f"/classes/{class_id}").text


@pytest.mark.parametrize("quiz", ["999", "abc", ""])
def test_assigning_an_unknown_quiz_is_refused(teacher, app, quiz):
    class_id = make_class(app)
    response = teacher.post(f"/admin/classes/{class_id}/assignments", data={"quiz": quiz})
    assert response.status_code == 422 and "Not a valid choice" in response.text


def test_unassign_and_remove_a_member(teacher, app):
    class_id = make_class(app, quizzes=((quiz_id(app), None),))
    with app.app_context():
        assignment_id = db.session.scalar(select(Assignment.id))
    other = make_class(app, code="WXYZ2345")
    assert (
        teacher.post(f"/admin/classes/{other}/assignments/{assignment_id}/delete").status_code
        == 404
    )
    teacher.post(f"/admin/classes/{class_id}/assignments/{assignment_id}/delete")
    with app.app_context():
        assert db.session.scalars(select(Assignment)).all() == []
    alice = user_id(app, "alice")
    teacher.post(f"/admin/classes/{class_id}/members/{alice}/delete")
    assert members(app, class_id) == set()
    assert teacher.post(f"/admin/classes/{class_id}/members/{alice}/delete").status_code == 404


# --- who sees what -----------------------------------------------------------------------------


def test_student_cannot_see_a_class_they_are_not_in(student, other_student, app):
    class_id = make_class(app, members=("bob",))
    assert student.get(f"/classes/{class_id}").status_code == 404
    assert student.get("/classes/99999").status_code == 404
    assert "Class ABCD2345" not in student.get("/classes/").text
    assert "Class ABCD2345" in other_student.get("/classes/").text


def test_students_cannot_reach_the_teacher_pages(student, app):
    class_id = make_class(app)
    for url in (
        "/admin/classes",
        f"/admin/classes/{class_id}",
        f"/admin/classes/{class_id}/gradebook",
    ):
        assert student.get(url).status_code == 403
    assert (
        student.post("/admin/classes", data={"name": "Mine", "valid_days": "7"}).status_code == 403
    )


def test_a_teacher_sees_only_their_own_classes(app, admin):
    add_user(app, "tom")
    class_id = make_class(app, teacher="tess")
    tom = app.test_client()
    login(tom, "tom")
    assert "Class ABCD2345" not in tom.get("/admin/classes").text
    for url in (
        f"/admin/classes/{class_id}",
        f"/admin/classes/{class_id}/gradebook",
        f"/admin/classes/{class_id}/students/{user_id(app, 'alice')}",
        f"/admin/classes/{class_id}/attempts.csv",
        f"/admin/classes/{class_id}/answers.csv",
    ):
        assert tom.get(url).status_code == 404, url
        assert admin.get(url).status_code == 200, url
    for url, data in (
        (f"/admin/classes/{class_id}/code", {"valid_days": "3"}),
        (f"/admin/classes/{class_id}/assignments", {"quiz": str(quiz_id(app))}),
        (f"/admin/classes/{class_id}/members/{user_id(app, 'alice')}/delete", {}),
    ):
        assert tom.post(url, data=data).status_code == 404, url
    assert class_row(app, class_id).join_code == "ABCD2345"
    assert "Class ABCD2345" in admin.get("/admin/classes").text


def test_class_pages_use_a_fixed_number_of_queries(student, app):
    class_id = make_class(app, quizzes=((quiz_id(app), None),))
    with count_queries(app) as small:
        student.get("/classes/")
    make_class(app, code="WXYZ2345", quizzes=((quiz_id(app), None),))
    take(student, app)
    with count_queries(app) as large:
        assert student.get("/classes/").status_code == 200
    assert small["n"] == large["n"] <= 3
    with count_queries(app) as one:
        student.get(f"/classes/{class_id}")
    assert one["n"] <= 3
