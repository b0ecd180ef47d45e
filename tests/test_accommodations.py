"""Extra time set once per student in a class: every timed attempt they start and every due
date of theirs stretch; attempts already started or submitted keep what they had."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from quizapp.models import Membership, Quiz, db, utcnow

from attempt_helpers import attempt, start
from conftest import logged_in, quiz_id
from report_helpers import add_user, make_class, user_id


def set_limit(app, minutes: int | None) -> None:
    with app.app_context():
        db.session.get(Quiz, quiz_id(app)).time_limit_minutes = minutes
        db.session.commit()


def accommodate(client, app, class_id: int, student: str = "alice", **data):
    url = f"/admin/classes/{class_id}/members/{user_id(app, student)}/accommodation"
    return client.post(url, data=data)


def allowed(app, attempt_id: int) -> timedelta | None:
    row = attempt(app, attempt_id)
    return None if row.deadline_at is None else row.deadline_at - row.started_at


def stored(app, class_id: int, student: str = "alice") -> tuple[str, int | None]:
    with app.app_context():
        row = db.session.scalar(
            select(Membership).where(
                Membership.class_id == class_id, Membership.user_id == user_id(app, student)
            )
        )
        return row.extra_time, row.extra_minutes


def test_a_timed_attempt_closes_at_one_and_a_half_times_the_limit(teacher, student, app):
    set_limit(app, 20)
    class_id = make_class(app, members=("alice", "bob"))
    response = accommodate(teacher, app, class_id, kind="x1.5")
    assert response.headers["Location"] == f"/admin/classes/{class_id}"
    assert "Time × 1.5" in teacher.get(f"/admin/classes/{class_id}").text
    alice_attempt = start(student, quiz_id(app))
    assert allowed(app, alice_attempt) == timedelta(minutes=30)
    bob = logged_in(app, "bob")
    bob_attempt = start(bob, quiz_id(app))
    assert allowed(app, bob_attempt) == timedelta(minutes=20)
    # The question page says whose time it is.
    own = "Your time: 30 minutes (the quiz's 20 with your extra time)."
    assert own in student.get(f"/attempts/{alice_attempt}/q/1").text
    assert "Your time:" not in bob.get(f"/attempts/{bob_attempt}/q/1").text


def test_the_quiz_page_tells_each_student_their_own_time_limit(teacher, student, app):
    set_limit(app, 10)
    class_id = make_class(app, members=("alice", "bob"))
    url = f"/quizzes/{quiz_id(app)}"
    accommodate(teacher, app, class_id, kind="plus", minutes="15")
    assert "Time limit for you: 25 minutes from the start" in student.get(url).text
    assert allowed(app, start(student, quiz_id(app))) == timedelta(minutes=25)
    assert "Time limit: 10 minutes from the start." in logged_in(app, "bob").get(url).text
    accommodate(teacher, app, class_id, kind="untimed")
    assert "No time limit for you" in student.get(url).text


def test_an_accommodated_student_is_not_late_within_the_extended_due_time(teacher, app):
    set_limit(app, 20)
    due = utcnow() - timedelta(minutes=5)  # ×1.5 of 20 minutes moves it 10 minutes on
    class_id = make_class(app, members=("alice", "bob"), quizzes=((quiz_id(app), due),))
    accommodate(teacher, app, class_id, kind="x1.5")
    for name in ("alice", "bob"):
        client = logged_in(app, name)
        attempt_id = start(client, quiz_id(app))
        assert client.post(f"/attempts/{attempt_id}/submit").status_code == 303
    book = teacher.get(f"/admin/classes/{class_id}/gradebook").text
    rows = {name: book.split(f">{name}<")[1].split("</tr>")[0] for name in ("alice", "bob")}
    assert "status-done" in rows["alice"] and "status-late" not in rows["alice"]
    assert "status-late" in rows["bob"]
    assert "status-done" in logged_in(app, "alice").get(f"/classes/{class_id}").text


def test_changing_extra_time_leaves_started_and_submitted_attempts_alone(teacher, app):
    set_limit(app, 20)
    class_id = make_class(app, members=("alice", "bob"))
    accommodate(teacher, app, class_id, kind="x2")
    alice, bob = logged_in(app, "alice"), logged_in(app, "bob")
    submitted = start(alice, quiz_id(app))
    alice.post(f"/attempts/{submitted}/submit")
    accommodate(teacher, app, class_id, student="bob", kind="plus", minutes="7")
    in_progress = start(bob, quiz_id(app))
    before = attempt(app, submitted), attempt(app, in_progress)
    accommodate(teacher, app, class_id, kind="none")
    accommodate(teacher, app, class_id, student="bob", kind="untimed")
    after = attempt(app, submitted), attempt(app, in_progress)
    for old, new in zip(before, after, strict=True):
        assert (old.deadline_at, old.submitted_at, old.score, old.status) == (
            new.deadline_at,
            new.submitted_at,
            new.score,
            new.status,
        )
    assert allowed(app, in_progress) == timedelta(minutes=27)
    assert allowed(app, submitted) == timedelta(minutes=40)
    bob.post(f"/attempts/{in_progress}/submit")
    assert allowed(app, start(bob, quiz_id(app))) is None  # the next attempt has no limit


def test_the_most_generous_accommodation_of_several_classes_applies(teacher, student, app):
    set_limit(app, 10)
    add_user(app, "tom")
    tom = logged_in(app, "tom")
    first = make_class(app)
    second = make_class(app, teacher="tom", code="WXYZ2345")
    accommodate(teacher, app, first, kind="x1.25")
    accommodate(tom, app, second, kind="plus", minutes="5")
    assert allowed(app, start(student, quiz_id(app))) == timedelta(minutes=15)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "plus"}, "Give the number of extra minutes."),
        ({"kind": "plus", "minutes": "0"}, "Number must be between 1 and 600."),
        ({"kind": "plus", "minutes": "601"}, "Number must be between 1 and 600."),
        ({"kind": "plus", "minutes": "ten"}, "Not a valid integer value."),
        ({"kind": "x3"}, "Not a valid choice."),
        ({}, "Not a valid choice."),
    ],
)
def test_bad_accommodations_save_nothing(teacher, app, data, message):
    class_id = make_class(app)
    response = accommodate(teacher, app, class_id, **data)
    assert response.status_code == 422 and message in response.text
    assert stored(app, class_id) == ("none", None)


def test_only_the_classes_teacher_sets_extra_time_for_a_member(app):
    add_user(app, "tom")
    class_id = make_class(app)
    tom, tess = logged_in(app, "tom"), logged_in(app, "tess")
    assert accommodate(tom, app, class_id, kind="x2").status_code == 404
    assert accommodate(tess, app, class_id, student="bob", kind="x2").status_code == 404
    assert accommodate(logged_in(app, "alice"), app, class_id, kind="x2").status_code == 403
    assert stored(app, class_id) == ("none", None)
