"""Two teachers editing the same quiz or explainer section: the second save is refused with a
clear message and both versions, never a silent revert of the first one's change."""

import re

from quizapp.models import Quiz, Topic, db


def version_in(html: str) -> str:
    match = re.search(r'name="version" type="hidden" value="(\d+)"', html) or re.search(
        r'type="hidden" name="version" value="(\d+)"', html
    )
    assert match, "the form carries no version"
    return match.group(1)


def quiz_form(quiz: Quiz, **changes) -> dict:
    data = {
        "title": quiz.title,
        "description": quiz.description,
        "question_count": str(quiz.question_count),
        "feedback_mode": quiz.feedback_mode,
        "shuffle": "y",
        "is_published": "y",
        "time_limit_minutes": "",
        "max_attempts": "",
    }
    data.update(changes)
    return data


def first(app, model):
    with app.app_context():
        row = db.session.scalars(db.select(model).order_by(model.id)).first()
        db.session.expunge(row)
        return row


def test_a_stale_quiz_save_is_refused_and_the_first_save_kept(app, admin, teacher):
    quiz = first(app, Quiz)
    url = f"/admin/quizzes/{quiz.id}/edit"
    seen_by_admin = version_in(admin.get(url).text)
    seen_by_teacher = version_in(teacher.get(url).text)
    assert seen_by_admin == seen_by_teacher
    saved = admin.post(url, data=quiz_form(quiz, time_limit_minutes="7", version=seen_by_admin))
    assert saved.status_code == 303
    stale = admin.post(url, data=quiz_form(quiz, title="Reverted", version=seen_by_teacher))
    assert stale.status_code == 409
    assert (
        "Someone else saved this quiz" in stale.text and "Nothing of yours was saved" in stale.text
    )
    assert "Reverted" in stale.text  # the teacher's own values stay in the form
    assert "Time limit" in stale.text and ">7<" in stale.text  # theirs are listed
    with app.app_context():
        kept = db.session.get(Quiz, quiz.id)
        assert kept.time_limit_minutes == 7 and kept.title == quiz.title
        assert kept.version == int(seen_by_admin) + 1
    # Saving again from the conflict page (it now carries the current version) goes through.
    again = admin.post(url, data=quiz_form(quiz, title="Reverted", version=version_in(stale.text)))
    assert again.status_code == 303


def test_a_tampered_version_saves_nothing(app, admin):
    quiz = first(app, Quiz)
    url = f"/admin/quizzes/{quiz.id}/edit"
    for bad in ("", "abc", "9" * 30, "-1", "²", "9" * 5000):
        response = admin.post(url, data=quiz_form(quiz, title="Changed", version=bad))
        assert response.status_code == 409, bad
    with app.app_context():
        assert db.session.get(Quiz, quiz.id).title == quiz.title


def section_form(topic: Topic, body: str, version: str) -> dict:
    return {
        "title": topic.title,
        "summary": topic.summary,
        "position": str(topic.position),
        "body": body,
        "action": "save",
        "version": version,
    }


def test_a_stale_section_save_shows_both_versions_and_keeps_the_first(app, admin, teacher):
    topic = first(app, Topic)
    url = f"/admin/topics/{topic.id}/edit"
    seen = version_in(admin.get(url).text)
    assert version_in(teacher.get(url).text) == seen
    first_body = topic.body + "\n\nA paragraph the first teacher added. {: #added }\n"
    assert admin.post(url, data=section_form(topic, first_body, seen)).status_code == 303
    second_body = topic.body + "\n\nThe second teacher's paragraph. {: #second }\n"
    stale = teacher.post(url, data=section_form(topic, second_body, seen))
    assert stale.status_code == 409
    assert "Someone else saved this section" in stale.text
    assert "A paragraph the first teacher added." in stale.text  # theirs, rendered
    assert "The second teacher&#39;s paragraph." in stale.text  # yours, in the form
    with app.app_context():
        assert "first teacher added" in db.session.get(Topic, topic.id).body
