"""Explainer editing rights and history: only editors change sections; every save is a
revision that can be compared with the one before and restored. (CSRF on these routes is
checked with every other route's in test_security_access.py.)"""

from admin_helpers import field_error, flashes, topic_id
from sqlalchemy import select

from quizapp.models import Question, Topic, TopicRevision, User, db

from conftest import TOPIC_BODY, csrf_token, logged_in

KABUL = TOPIC_BODY + "\nA new paragraph about **Kabul**. {: #kabul }\n"


def _form(body: str, version: int) -> dict:
    return {
        "title": "The border",
        "summary": "The border.",
        "position": "1",
        "body": body,
        "action": "save",
        "version": str(version),
    }


def _topic(app) -> Topic:
    with app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.slug == "border"))
        db.session.expunge(topic)
        return topic


def _revisions(app) -> list[tuple[int, str | None, int | None, str]]:
    with app.app_context():
        rows = db.session.execute(
            select(
                TopicRevision.number, User.username, TopicRevision.reverted_from, TopicRevision.body
            )
            .outerjoin(User, User.id == TopicRevision.author_id)
            .order_by(TopicRevision.number)
        ).all()
        return [tuple(row) for row in rows]


def _new_teacher(app, name: str = "tom", editor: bool = False):
    from conftest import PASSWORD_HASH

    with app.app_context():
        db.session.add(
            User(
                username=name,
                role="teacher",
                password_hash=PASSWORD_HASH,
                can_edit_explainer=editor,
            )
        )
        db.session.commit()
    return logged_in(app, name)


def _save(client, app, body: str = KABUL):
    return client.post(f"/admin/topics/{topic_id(app)}/edit", data=_form(body, _topic(app).version))


def test_a_teacher_without_the_editor_flag_reads_but_cannot_change_sections(app):
    tom = _new_teacher(app)
    edit = f"/admin/topics/{topic_id(app)}/edit"
    assert tom.get(edit).status_code == 403
    assert tom.post(edit, data=_form(KABUL, 1)).status_code == 403
    assert tom.get("/admin/topics/new").status_code == 403
    assert tom.post("/admin/topics/new", data={**_form(KABUL, 1), "slug": "x"}).status_code == 403
    assert _topic(app).body == TOPIC_BODY
    index = tom.get("/admin/topics").text
    assert "Only explainer editors change them" in index
    assert edit not in index and "/admin/topics/new" not in index
    assert tom.get(f"/admin/topics/{topic_id(app)}/history").status_code == 200


def test_an_editor_and_an_admin_change_sections(teacher, admin, app):
    assert _save(teacher, app).status_code == 303
    assert _save(admin, app, TOPIC_BODY).status_code == 303
    assert [(n, who) for n, who, _, _ in _revisions(app)] == [(1, None), (2, "tess"), (3, "ada")]


def test_an_admin_grants_and_withdraws_the_editor_flag(admin, app):
    tom = _new_teacher(app)
    with app.app_context():
        tom_id = db.session.scalar(select(User.id).where(User.username == "tom"))
        alice_id = db.session.scalar(select(User.id).where(User.username == "alice"))
    token = csrf_token(admin.get("/admin/users").text)
    response = admin.post(f"/admin/users/{tom_id}/editor", data={"csrf_token": token})
    assert response.status_code == 303
    assert "tom may now edit the explainer." in flashes(admin.get("/admin/users").text)
    assert _save(tom, app).status_code == 303
    admin.post(f"/admin/users/{tom_id}/editor", data={"csrf_token": token})
    assert tom.get(f"/admin/topics/{topic_id(app)}/edit").status_code == 403
    # Students carry no flag; the request is refused and nothing changes.
    assert (
        admin.post(f"/admin/users/{alice_id}/editor", data={"csrf_token": token}).status_code == 409
    )
    with app.app_context():
        assert db.session.get(User, alice_id).can_edit_explainer is False


def test_the_first_edit_keeps_the_original_text_as_revision_one(teacher, app):
    _save(teacher, app)
    revisions = _revisions(app)
    assert [(n, who) for n, who, _, _ in revisions] == [(1, None), (2, "tess")]
    assert revisions[0][3] == TOPIC_BODY and revisions[1][3] == KABUL
    history = teacher.get(f"/admin/topics/{topic_id(app)}/history").text
    assert "Revision 2</a> (current)" in history and "tess" in history
    assert "the original text" in history
    assert "2 lines added, 0 removed" in history
    first = teacher.get(f"/admin/topics/{topic_id(app)}/revisions/1").text
    assert "The original text, kept when the section was first edited on" in first
    assert "Saved by nobody" not in first


def test_a_revision_shows_its_changes_against_the_one_before(teacher, app):
    _save(teacher, app)
    page = teacher.get(f"/admin/topics/{topic_id(app)}/revisions/2").text
    assert "Compared with revision 1." in page
    assert (
        '<ins><span class="visually-hidden">Added: </span><span aria-hidden="true">+ </span>'
        "A new paragraph about **Kabul**. {: #kabul }</ins>" in page
    )
    assert "<del>" not in page
    assert teacher.get(f"/admin/topics/{topic_id(app)}/revisions/9").status_code == 404


def test_restoring_a_revision_saves_it_as_a_new_one(teacher, app, client):
    _save(teacher, app)
    page = teacher.get(f"/admin/topics/{topic_id(app)}/revisions/1").text
    response = teacher.post(
        f"/admin/topics/{topic_id(app)}/revisions/1/restore",
        data={"csrf_token": csrf_token(page), "version": str(_topic(app).version)},
    )
    assert response.status_code == 303
    assert "Revision 1 restored as revision 3." in flashes(
        teacher.get(response.headers["Location"]).text
    )
    assert _topic(app).body == TOPIC_BODY
    assert _revisions(app)[-1][:3] == (3, "tess", 1)
    assert "restored revision 1" in teacher.get(f"/admin/topics/{topic_id(app)}/history").text
    assert 'id="kabul"' not in client.get("/learn/border").text


def test_a_stale_or_tampered_restore_changes_nothing(teacher, app):
    _save(teacher, app)
    url = f"/admin/topics/{topic_id(app)}/revisions/1/restore"
    token = csrf_token(teacher.get(f"/admin/topics/{topic_id(app)}/revisions/1").text)
    for version in ("1", "x" * 50, ""):
        response = teacher.post(url, data={"csrf_token": token, "version": version})
        assert response.status_code == 303
        assert _topic(app).body == KABUL
    assert (
        teacher.post(
            f"/admin/topics/{topic_id(app)}/revisions/7/restore",
            data={"csrf_token": token, "version": str(_topic(app).version)},
        ).status_code
        == 404
    )
    assert len(_revisions(app)) == 2


def _anchor_a_question_at_kabul(app) -> int:
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.anchor == "refugees"))
        question.anchor = "kabul"
        db.session.commit()
        return question.id


def test_a_restore_that_would_drop_an_anchored_paragraph_is_refused_with_the_questions(
    teacher, app
):
    _save(teacher, app)
    question_id = _anchor_a_question_at_kabul(app)
    page = teacher.get(f"/admin/topics/{topic_id(app)}/revisions/1").text
    assert "Questions that need the removed paragraphs" in page
    assert f"/admin/questions/{question_id}/edit" in page
    assert "Restore revision 1" not in page
    response = teacher.post(
        f"/admin/topics/{topic_id(app)}/revisions/1/restore",
        data={"csrf_token": csrf_token(page), "version": str(_topic(app).version)},
    )
    assert response.status_code == 409
    assert (
        "Not restored" in response.text and f"/admin/questions/{question_id}/edit" in response.text
    )
    assert _topic(app).body == KABUL and len(_revisions(app)) == 2


def test_an_edit_that_drops_an_anchored_paragraph_lists_the_questions(teacher, app):
    _save(teacher, app)
    question_id = _anchor_a_question_at_kabul(app)
    response = _save(teacher, app, TOPIC_BODY)
    assert response.status_code == 422
    assert field_error(response.text, "body").startswith(
        "Questions point at paragraph ids this text no longer has: #kabul (1 question)."
    )
    assert f"/admin/questions/{question_id}/edit" in response.text
    assert _topic(app).body == KABUL and len(_revisions(app)) == 2


def test_create_user_makes_an_explainer_editor_only_of_a_teacher(app):
    runner = app.test_cli_runner()
    made = runner.invoke(
        args=["create-user", "mr-ali", "--role", "teacher", "--editor"],
        input="a fine teacher password\n",
    )
    assert made.exit_code == 0 and "(explainer editor)" in made.output
    refused = runner.invoke(
        args=["create-user", "pupil", "--editor"], input="a fine student password\n"
    )
    assert refused.exit_code != 0 and "--editor is for teachers" in refused.output
    with app.app_context():
        assert db.session.scalar(select(User.can_edit_explainer).where(User.username == "mr-ali"))
        assert db.session.scalar(select(User).where(User.username == "pupil")) is None


def test_the_teaching_home_tells_a_reader_from_an_editor(teacher, app):
    assert "Edit the explainer in Markdown" in teacher.get("/admin/").text
    home = _new_teacher(app).get("/admin/").text
    assert "Read the sections and their history; explainer editors change them." in home
    assert "Edit the explainer in Markdown" not in home
