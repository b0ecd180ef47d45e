"""Explainer sections: Markdown preview (sanitised), saving, and ids that questions point at."""

import pytest
from admin_helpers import field_error, flashes, topic_id
from sqlalchemy import select

from quizapp.models import Topic, db

from conftest import TOPIC_BODY

BODY = TOPIC_BODY + "\nA new paragraph about **Kabul**. {: #kabul }\n"


def _topic(app, slug: str = "border") -> Topic:
    with app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.slug == slug))
        db.session.expunge(topic)
        return topic


def _form(**overrides) -> dict:
    return {
        "title": "The border",
        "summary": "The border.",
        "position": "1",
        "body": BODY,
        "action": "save",
        **overrides,
    }


def test_edit_form_shows_the_markdown(teacher, app):
    page = teacher.get(f"/admin/topics/{topic_id(app)}/edit").text
    assert "Another paragraph on refugees. {: #refugees }" in page
    assert "Address: /learn/border" in page


def test_preview_renders_sanitised_html_and_saves_nothing(teacher, app):
    body = BODY + '\n<script>alert(1)</script>\n\n[bad](javascript:alert(1)) <b onclick="x">b</b>\n'
    response = teacher.post(
        f"/admin/topics/{topic_id(app)}/edit", data=_form(body=body, action="preview")
    )
    assert response.status_code == 200
    preview = response.text.split('<div class="prose">')[1].split("</section>")[0]
    assert '<p id="kabul">A new paragraph about <strong>Kabul</strong>.</p>' in preview
    assert "<script" not in preview and "javascript:" not in preview and "onclick" not in preview
    assert "paragraph ids: border, refugees, kabul" in response.text
    assert _topic(app).body == TOPIC_BODY


def test_save_updates_the_students_page(teacher, client, app):
    response = teacher.post(
        f"/admin/topics/{topic_id(app)}/edit",
        data={**_form(title="The Durand Line"), "version": "1"},
    )
    assert response.headers["Location"] == f"/admin/topics/{topic_id(app)}/edit"
    assert "Section saved." in flashes(teacher.get(response.headers["Location"]).text)
    page = client.get("/learn/border").text
    assert "The Durand Line" in page and 'id="kabul"' in page


def test_removing_an_id_that_questions_use_is_refused(teacher, app):
    body = "A first paragraph about the border. {: #border }\n"
    response = teacher.post(f"/admin/topics/{topic_id(app)}/edit", data=_form(body=body))
    assert response.status_code == 422
    assert field_error(response.text, "body") == (
        "Questions point at paragraph ids this text no longer has: #refugees (2 questions). "
        "Keep those ids, or move the questions to other paragraphs first."
    )
    assert _topic(app).body == TOPIC_BODY


def test_new_section(teacher, client, app):
    data = _form(
        slug="kabul-strikes",
        title="The strikes on Kabul",
        position="5",
        body="Pakistan said it struck targets in Kabul. {: #claim }",
    )
    response = teacher.post("/admin/topics/new", data=data)
    topic = _topic(app, "kabul-strikes")
    assert response.headers["Location"] == f"/admin/topics/{topic.id}/edit"
    assert topic.title == "The strikes on Kabul" and topic.position == 5
    assert 'id="claim"' in client.get("/learn/kabul-strikes").text


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"slug": "border"}, "slug", "Another section already has this address."),
        ({"slug": "Not A Slug"}, "slug", "Use lowercase letters, digits and dashes."),
        ({"slug": ""}, "slug", "Give the section an address."),
        ({"slug": "fine", "title": ""}, "title", "Give the section a title."),
        ({"slug": "fine", "position": "-1"}, "position", "Number must be between 0 and 1000."),
        (
            {"slug": "fine", "body": "x" * 100_001},
            "body",
            "Field cannot be longer than 100000 characters.",
        ),
    ],
)
def test_section_form_validation(teacher, app, overrides, field, message):
    response = teacher.post("/admin/topics/new", data=_form(**overrides))
    assert response.status_code == 422
    assert field_error(response.text, field) == message
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Topic)) == 1


def test_slug_cannot_be_changed_by_a_tampered_edit(teacher, app):
    teacher.post(f"/admin/topics/{topic_id(app)}/edit", data=_form(slug="hijacked"))
    assert _topic(app).slug == "border"


def test_a_section_edited_in_a_browser_keeps_its_paragraph_ids(teacher, app):
    """Browsers send a textarea with CRLF line ends; the ids must survive them (before, every
    id was lost and the save was refused because questions point at them)."""
    body = TOPIC_BODY.replace("\n", "\r\n") + "\r\nA third paragraph. {: #third }\r\n"
    data = {**_form(body=body), "version": "1"}
    response = teacher.post(f"/admin/topics/{topic_id(app)}/edit", data=data)
    assert response.status_code == 303, response.text
    saved = _topic(app).body
    assert "\r" not in saved and "{: #third }" in saved


def test_markdown_reads_ids_whatever_the_line_ends():
    from quizapp.core.markdown import render

    assert render("A. {: #a }\r\n\r\nB. {: #b }\r\n").anchors == ("a", "b")
    assert render("A. {: #a }\r\rB. {: #b }\r").anchors == ("a", "b")
