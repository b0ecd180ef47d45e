"""Question bank through HTTP: forms per kind and their validation, preview, status, scope."""

import pytest
from admin_helpers import (
    field_error,
    flashes,
    form_values,
    question_by_key,
    question_count,
    question_form,
    question_id,
)
from sqlalchemy import select

from quizapp.models import Question, User, db
from quizapp.services.bank import fields_from_question

from conftest import login, make_app, seed_tiny


@pytest.mark.parametrize(
    "kind", ["single", "multiple", "true_false", "short_text", "numeric", "ordering", "matching"]
)
def test_create_each_kind_then_preview_as_students_see_it(teacher, app, kind):
    response = teacher.post(f"/admin/questions/new/{kind}", data=question_form(app, kind))
    assert response.status_code == 303
    location = response.headers["Location"]
    with app.app_context():
        question = db.session.scalar(select(Question).order_by(Question.id.desc()))
        assert location == f"/admin/questions/{question.id}"
        assert question.kind == kind and question.status == "draft"
        assert question.origin == "curated" and question.key.startswith("q-")
        assert question.created_by_id == db.session.scalar(
            select(User.id).where(User.username == "tess")
        )
    page = teacher.get(location).text
    assert "As students see it" in page and f"Question #{question.id}" in page
    assert 'class="prompt"' in page and question.prompt in page


def test_preview_uses_the_students_controls_and_shows_the_key_apart(teacher, app):
    page = teacher.get(f"/admin/questions/{question_id(app, 't-single')}").text
    student_part = page.split('id="as-students"')[1].split("</section>")[0]
    assert student_part.count('type="radio" name="answer"') == 3
    assert "The Durand Line" in student_part and "CANARY" not in student_part
    key_part = page.split("Answer and explanation")[1]
    assert "The Durand Line" in key_part and "CANARY-explanation-7f3a" in key_part


def test_preview_shows_each_options_feedback_with_the_key(teacher, app):
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.key == "t-single"))
        question.choices[0].feedback = "Lahore was not attacked that day."
        db.session.commit()
        url = f"/admin/questions/{question.id}"
    page = teacher.get(url).text
    key_part = page.split("Answer and explanation")[1]
    assert "Feedback on options" in key_part and "Lahore was not attacked that day." in key_part
    assert "Lahore was not attacked" not in page.split('id="as-students"')[1].split("</section>")[0]


@pytest.mark.parametrize(
    ("kind", "overrides", "field", "message"),
    [
        ("single", {"prompt": "   "}, "prompt", "Write the question."),
        (
            "single",
            {"prompt": "x" * 2001},
            "prompt",
            "Field cannot be longer than 2000 characters.",
        ),
        (
            "single",
            {"choices-1-correct": "y"},
            "choices",
            "Mark exactly one option as correct (now 2).",
        ),
        (
            "single",
            {"choices-0-correct": ""},
            "choices",
            "Mark exactly one option as correct (now 0).",
        ),
        (
            "single",
            {"choices-1-text": ""},
            "choices",
            "An option marked correct or given feedback has no text.",
        ),
        (
            "single",
            {"choices-1-text": "", "choices-1-feedback": ""},
            "choices",
            "Give at least 2 options.",
        ),
        ("single", {"choices-1-text": "KABUL"}, "choices", "Two options have the same text."),
        (
            "single",
            {"choices-4-correct": "y"},
            "choices",
            "An option marked correct or given feedback has no text.",
        ),
        (
            "multiple",
            {"choices-0-correct": "", "choices-1-correct": ""},
            "choices",
            "Mark at least one option as correct.",
        ),
        ("true_false", {"answer": ""}, "answer", "Say whether the statement is true or false."),
        ("true_false", {"answer": "maybe"}, "answer", "Not a valid choice."),
        ("short_text", {"accepted": "  \n \n"}, "accepted", "Give at least one accepted answer."),
        (
            "numeric",
            {"answer": "about 1900"},
            "answer",
            "Give the answer as a number, for example 1893 or 2.5.",
        ),
        (
            "numeric",
            {"answer": "inf"},
            "answer",
            "Give the answer as a number, for example 1893 or 2.5.",
        ),
        ("numeric", {"tolerance": "-1"}, "tolerance", "The tolerance cannot be negative."),
        (
            "numeric",
            {"tolerance": "a bit"},
            "tolerance",
            "Give the tolerance as a number, for example 0 or 0.5.",
        ),
        (
            "ordering",
            {"items-2": ""},
            "items",
            "Give at least 3 items, in the right order (now 2).",
        ),
        (
            "ordering",
            {"items-2": "first"},
            "items",
            "Each item must be different, or the right order is ambiguous.",
        ),
        (
            "matching",
            {"pairs-2-answer": ""},
            "pairs",
            "Every pair needs both a prompt and its match.",
        ),
        (
            "matching",
            {"pairs-2-prompt": "", "pairs-2-answer": ""},
            "pairs",
            "Give at least 3 pairs (now 2).",
        ),
        (
            "matching",
            {"pairs-2-prompt": "TTP"},
            "pairs",
            "Each prompt must be different: “TTP” is given twice.",
        ),
        (
            "single",
            {"anchor": "not an id!"},
            "anchor",
            "“not an id!” is not a paragraph of “The border”. Choose one from the list, "
            "or leave it empty.",
        ),
        (
            "single",
            {"anchor": "no-such-paragraph"},
            "anchor",
            "“no-such-paragraph” is not a paragraph of “The border”. Choose one from the "
            "list, or leave it empty.",
        ),
        (
            "single",
            {"anchor": "border", "topic_id": "0"},
            "anchor",
            "Choose its explainer section first: the paragraph must be in it.",
        ),
        ("single", {"key": "t-tf"}, "key", "Another question already uses this id."),
        ("single", {"difficulty": "7"}, "difficulty", "Not a valid choice."),
        ("single", {"topic_id": "999"}, "topic_id", "Not a valid choice."),
        ("single", {"status": "deleted"}, "status", "Not a valid choice."),
    ],
)
def test_question_form_validation(teacher, app, kind, overrides, field, message):
    before = question_count(app)
    response = teacher.post(
        f"/admin/questions/new/{kind}", data=question_form(app, kind, **overrides)
    )
    assert response.status_code == 422
    assert field_error(response.text, field) == message
    assert "There is a problem" in response.text
    assert question_count(app) == before


def test_rows_past_the_limit_are_ignored(teacher, app):
    data = question_form(app, "ordering", **{f"items-{i}": f"item {i}" for i in range(40)})
    assert teacher.post("/admin/questions/new/ordering", data=data).status_code == 303
    with app.app_context():
        question = db.session.scalar(select(Question).order_by(Question.id.desc()))
        assert len(question.choices) == 30


@pytest.mark.parametrize("row", ["²", "9" * 5000])
def test_rows_numbered_with_other_digits_are_ignored(teacher, app, row):
    before = question_count(app)
    data = question_form(app, "single", **{f"choices-{row}-text": "Tampered"})
    assert teacher.post("/admin/questions/new/single", data=data).status_code == 303
    assert question_count(app) == before + 1
    with app.app_context():
        question = db.session.scalar(select(Question).order_by(Question.id.desc()))
        assert "Tampered" not in [c.text for c in question.choices]


def test_unknown_kind_is_404(teacher):
    assert teacher.get("/admin/questions/new/essay").status_code == 404


def test_edit_form_shows_the_question_and_saves_a_new_version(teacher, app):
    qid = question_id(app, "t-numeric")
    page = teacher.get(f"/admin/questions/{qid}/edit").text
    assert 'value="1893"' in page and 'name="version" type="hidden" value="1"' in page
    data = question_form(
        app,
        "numeric",
        prompt="When was it agreed?",
        answer="1893",
        tolerance="1",
        version="1",
        key="t-numeric",
        status="published",
    )
    response = teacher.post(f"/admin/questions/{qid}/edit", data=data)
    assert response.headers["Location"] == f"/admin/questions/{qid}"
    saved = question_by_key(app, "t-numeric")
    assert (saved.prompt, saved.tolerance, saved.version) == ("When was it agreed?", 1.0, 2)


@pytest.mark.parametrize(
    "key", ["t-single", "t-multiple", "t-tf", "t-short", "t-numeric", "t-ordering", "t-matching"]
)
def test_resending_the_edit_form_unchanged_keeps_the_question(teacher, app, key):
    before = question_by_key(app, key)
    page = teacher.get(f"/admin/questions/{before.id}/edit").text
    response = teacher.post(f"/admin/questions/{before.id}/edit", data=form_values(page))
    assert response.status_code == 303, field_error(response.text, "choices")
    after = question_by_key(app, key)
    assert after.version == before.version + 1
    with app.app_context():
        assert fields_from_question(db.session.merge(after)) == fields_from_question(
            db.session.merge(before)
        )


def test_stale_edit_is_refused_with_409_and_nothing_saved(teacher, admin, app):
    qid = question_id(app, "t-single")
    stale = question_form(app, "single", prompt="Teacher's wording", version="1", key="t-single")
    fresh = question_form(app, "single", prompt="Admin's wording", version="1", key="t-single")
    assert admin.post(f"/admin/questions/{qid}/edit", data=fresh).status_code == 303
    response = teacher.post(f"/admin/questions/{qid}/edit", data=stale)
    assert response.status_code == 409
    assert "Someone changed this question" in response.text and "Nothing was saved" in response.text
    assert question_by_key(app, "t-single").prompt == "Admin's wording"


def test_edit_of_a_question_retired_meanwhile_is_refused(teacher, admin, app):
    qid = question_id(app, "t-tf")
    admin.post(f"/admin/questions/{qid}/status", data={"status": "retired", "version": "1"})
    data = question_form(app, "true_false", version="1", key="t-tf", status="published")
    assert teacher.post(f"/admin/questions/{qid}/edit", data=data).status_code == 409
    saved = question_by_key(app, "t-tf")
    assert saved.status == "retired" and saved.prompt == "The line was drawn in 1893."


@pytest.mark.parametrize("version", ["", "abc", "-1", "9" * 20, "²", "9" * 5000])
def test_tampered_version_is_a_bad_request(teacher, app, version):
    qid = question_id(app, "t-tf")
    data = question_form(app, "true_false", version=version, key="t-tf")
    assert teacher.post(f"/admin/questions/{qid}/edit", data=data).status_code == 400
    assert question_by_key(app, "t-tf").version == 1


def test_publish_retire_and_back_to_draft(teacher, app):
    qid = question_id(app, "t-short")
    for version, status, message in (
        (1, "retired", "Question retired."),
        (2, "draft", "Question moved back to drafts."),
        (3, "published", "Question published."),
    ):
        response = teacher.post(
            f"/admin/questions/{qid}/status", data={"status": status, "version": str(version)}
        )
        assert response.headers["Location"] == f"/admin/questions/{qid}"
        assert message in flashes(teacher.get(response.headers["Location"]).text)
        assert question_by_key(app, "t-short").status == status


@pytest.mark.parametrize(
    "data", [{"status": "deleted", "version": "1"}, {"status": "retired"}, {"version": "1"}]
)
def test_tampered_status_change_is_refused(teacher, app, data):
    qid = question_id(app, "t-short")
    assert teacher.post(f"/admin/questions/{qid}/status", data=data).status_code == 400
    assert question_by_key(app, "t-short").status == "published"


def test_duplicate_makes_a_draft_copy_owned_by_the_teacher(teacher, app):
    original = question_by_key(app, "t-matching")
    response = teacher.post(f"/admin/questions/{original.id}/duplicate")
    copy_id = int(response.headers["Location"].split("/")[-2])
    assert response.headers["Location"] == f"/admin/questions/{copy_id}/edit"
    with app.app_context():
        copy = db.session.get(Question, copy_id)
        assert copy.status == "draft" and copy.key != original.key and copy.created_by_id
        assert [(c.text, c.match_text) for c in copy.choices] == [
            (c.text, c.match_text) for c in original.choices
        ]


def _own_question(app, username: str) -> int:
    with app.app_context():
        owner = db.session.scalar(select(User).where(User.username == username))
        question = db.session.scalar(select(Question).where(Question.key == "t-single"))
        question.created_by_id = owner.id
        db.session.commit()
        return question.id


def test_teacher_cannot_change_another_teachers_question(app, teacher):
    qid = _own_question(app, "ada")
    data = question_form(app, "single", version="1", key="t-single")
    assert teacher.get(f"/admin/questions/{qid}/edit").status_code == 403
    assert teacher.post(f"/admin/questions/{qid}/edit", data=data).status_code == 403
    assert (
        teacher.post(
            f"/admin/questions/{qid}/status", data={"status": "retired", "version": "1"}
        ).status_code
        == 403
    )
    page = teacher.get(f"/admin/questions/{qid}").text
    assert "Another teacher wrote this question" in page
    assert teacher.post(f"/admin/questions/{qid}/duplicate").status_code == 303


def test_admin_may_change_a_teachers_question(app, admin):
    qid = _own_question(app, "tess")
    data = question_form(app, "single", version="1", key="t-single", prompt="Edited by admin")
    assert admin.post(f"/admin/questions/{qid}/edit", data=data).status_code == 303
    assert question_by_key(app, "t-single").prompt == "Edited by admin"


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ("?kind=numeric", ["In which year was the line agreed?"], ["Which line is the border?"]),
        (
            "?q=TORKHAM",
            ["Name the main crossing near Peshawar.", "Which are crossings?"],
            ["Match the acronym."],
        ),
        ("?q=100%25", [], ["Which line is the border?"]),
        ("?status=draft", [], ["Which line is the border?"]),
        ("?origin=curated&difficulty=2&topic=border", ["Match the acronym."], []),
    ],
)
def test_bank_filters(teacher, query, expected, absent):
    response = teacher.get(f"/admin/questions{query}")
    assert response.status_code == 200
    for text in expected:
        assert text in response.text
    for text in absent:
        assert text not in response.text


@pytest.mark.parametrize(
    "query", ["?kind=essay", "?difficulty=9", "?topic=nowhere", "?q=" + "x" * 101]
)
def test_bad_filters_are_a_bad_request(teacher, query):
    response = teacher.get(f"/admin/questions{query}")
    assert response.status_code == 400
    assert "Not a valid choice" in response.text or "Field cannot be longer" in response.text


def test_bank_is_paginated_and_keeps_the_filters(tmp_path):
    app = make_app(tmp_path, PAGE_SIZE=3)
    seed_tiny(app)
    client = app.test_client()
    login(client, "tess")
    first = client.get("/admin/questions?origin=curated").text
    assert "7 questions" in first and "Page 1 of 3" in first
    assert 'href="/admin/questions?page=2&amp;origin=curated"' in first
    last = client.get("/admin/questions?origin=curated&page=3").text
    assert "Page 3 of 3" in last and "Which line is the border?" in last
    assert "Page 3 of 3" in client.get("/admin/questions?page=99").text
    with app.app_context():
        db.engine.dispose()


def test_a_form_edit_records_who_changed_which_fields(teacher, app):
    """question_changes keeps form edits as it keeps imports; an unchanged save adds nothing."""
    from quizapp.models import QuestionChange

    qid = question_id(app, "t-numeric")
    page = teacher.get(f"/admin/questions/{qid}/edit").text
    teacher.post(f"/admin/questions/{qid}/edit", data=form_values(page))  # nothing changed
    data = question_form(
        app, "numeric", prompt="When was it agreed?", answer="1893", tolerance="1",
        version="2", key="t-numeric", status="published",
    )  # fmt: skip
    assert teacher.post(f"/admin/questions/{qid}/edit", data=data).status_code == 303
    with app.app_context():
        rows = db.session.scalars(select(QuestionChange)).all()
        assert [(r.question_id, r.source, r.fields) for r in rows] == [
            (qid, "question form", ["prompt", "explanation", "anchor", "tolerance"])
        ]
    preview = teacher.get(f"/admin/questions/{qid}").text
    assert "tess · question form: prompt, explanation, anchor, tolerance" in preview
