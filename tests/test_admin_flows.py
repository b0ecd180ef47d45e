"""Teacher and student together: a new question reaches papers only when published; edits and
retirement never change past attempts."""

import re

from admin_helpers import question_by_key, question_form, question_id
from sqlalchemy import select

from quizapp.models import Question, db

from attempt_helpers import answer, items, right_form, start
from conftest import quiz_id


def _prompts(app, attempt_id: int) -> set[str]:
    return {item.snapshot["prompt"] for item in items(app, attempt_id)}


def _review(page: str) -> str:
    """The review list without its CSRF tokens (they carry the second they were made in)."""
    review = page.split('<ol class="review">')[1].split("</ol>")[0]
    return re.sub(r'name="csrf_token" value="[^"]*"', "csrf", review)


def _single_only_quiz(teacher, app) -> int:
    response = teacher.post(
        "/admin/quizzes/new",
        data={
            "title": "Single choice only",
            "question_count": "10",
            "kinds": ["single"],
            "feedback_mode": "at_end",
            "is_published": "y",
        },
    )
    assert response.status_code == 303
    return int(response.headers["Location"].split("/")[-2])


def test_create_preview_publish_then_it_appears_in_a_new_attempt(teacher, student, app):
    quiz = _single_only_quiz(teacher, app)
    data = question_form(
        app,
        "single",
        prompt="Which cities did the strikes hit?",
        **{"choices-0-text": "Kabul and Kandahar", "choices-1-text": "Herat"},
    )
    created = teacher.post("/admin/questions/new/single", data=data)
    preview = teacher.get(created.headers["Location"]).text
    assert "Which cities did the strikes hit?" in preview and ">Publish</button>" in preview

    draft_attempt = start(student, quiz)
    assert "Which cities did the strikes hit?" not in _prompts(app, draft_attempt)
    student.post(f"/attempts/{draft_attempt}/submit")

    qid = int(created.headers["Location"].split("/")[-1])
    published = teacher.post(
        f"/admin/questions/{qid}/status", data={"status": "published", "version": "1"}
    )
    assert published.status_code == 303
    assert "Which cities did the strikes hit?" in _prompts(app, start(student, quiz))


def test_editing_a_question_leaves_past_reviews_unchanged(teacher, student, app):
    attempt_id = start(student, quiz_id(app))
    for item in items(app, attempt_id):
        answer(student, attempt_id, item, right_form(item.snapshot))
    student.post(f"/attempts/{attempt_id}/submit")
    before = student.get(f"/attempts/{attempt_id}/result").text

    data = question_form(
        app,
        "single",
        key="t-single",
        version="1",
        status="published",
        prompt="Which line did the 1893 agreement draw?",
        explanation="Rewritten explanation.",
        **{"choices-0-text": "The Durand Line (1893)", "choices-1-text": "The Line of Control"},
    )
    edit = teacher.post(f"/admin/questions/{question_id(app, 't-single')}/edit", data=data)
    assert edit.status_code == 303

    after = student.get(f"/attempts/{attempt_id}/result").text
    assert _review(after) == _review(before)
    assert "Which line is the border?" in after and "The Durand Line" in after
    assert "Rewritten explanation." not in after and "7 out of 7" in after
    assert "Which line did the 1893 agreement draw?" in _prompts(app, start(student, quiz_id(app)))


def test_retired_question_leaves_new_papers_but_keeps_history(teacher, student, app):
    attempt_id = start(student, quiz_id(app))
    student.post(f"/attempts/{attempt_id}/submit")
    qid = question_id(app, "t-matching")
    teacher.post(f"/admin/questions/{qid}/status", data={"status": "retired", "version": "1"})
    assert question_by_key(app, "t-matching").status == "retired"
    assert "Match the acronym." in student.get(f"/attempts/{attempt_id}/result").text
    assert "Match the acronym." not in _prompts(app, start(student, quiz_id(app)))
    with app.app_context():
        assert db.session.scalar(select(Question.id).where(Question.key == "t-matching")) == qid
