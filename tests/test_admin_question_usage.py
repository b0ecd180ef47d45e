"""The question form's "Drawn into" and "Never on the same paper as" fields, the question page
that shows them, and the draw that honours them."""

import random

import pytest
from admin_helpers import field_error, form_values, question_count, question_form, question_id
from sqlalchemy import select

from quizapp.core.assembly import draw_paper
from quizapp.models import Question, QuestionChange, Quiz, db, question_never_with
from quizapp.services.bank import quiz_pool


def pairs(app) -> set[tuple[int, int]]:
    with app.app_context():
        return {tuple(row) for row in db.session.execute(select(question_never_with))}


def newest(app) -> Question:
    with app.app_context():
        question = db.session.scalar(select(Question).order_by(Question.id.desc()))
        db.session.expunge(question)
        return question


def test_a_new_question_is_graded_unless_the_teacher_says_otherwise(app, teacher):
    assert teacher.post("/admin/questions/new/single", data=question_form(app, "single"))
    assert newest(app).use == "graded"
    form = teacher.get("/admin/questions/new/single").text
    assert 'id="use"' in form and 'id="never_with"' in form


def test_use_and_never_with_are_saved_and_shown_on_the_question_page(app, teacher):
    short, numeric = question_id(app, "t-short"), question_id(app, "t-numeric")
    data = question_form(app, "single", use="check", never_with=f"#{numeric}, {short}")
    response = teacher.post("/admin/questions/new/single", data=data)
    assert response.status_code == 303
    created = newest(app)
    assert created.use == "check"
    assert pairs(app) == {(short, created.id), (numeric, created.id)}  # lower id first
    page = teacher.get(f"/admin/questions/{created.id}").text
    assert "Section checks only" in page
    assert f'href="/admin/questions/{short}">#{short}</a>' in page
    # Symmetric: the other question's page and form name the new one.
    assert (
        f'href="/admin/questions/{created.id}">#{created.id}</a>'
        in teacher.get(f"/admin/questions/{short}").text
    )
    assert f'value="{created.id}"' in teacher.get(f"/admin/questions/{short}/edit").text


def test_editing_replaces_the_pairs(app, admin):
    qid, short, tf = (question_id(app, k) for k in ("t-single", "t-short", "t-tf"))
    data = question_form(app, "single", version="1", key="t-single", never_with=str(short))
    assert admin.post(f"/admin/questions/{qid}/edit", data=data).status_code == 303
    data.update(version="2", never_with=str(tf), use="both")
    assert admin.post(f"/admin/questions/{qid}/edit", data=data).status_code == 303
    assert pairs(app) == {(min(qid, tf), max(qid, tf))}
    with app.app_context():
        assert db.session.get(Question, qid).use == "both"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("twelve", "Give question numbers only, separated by commas."),
        ("1, -2", "Give question numbers only, separated by commas."),
        ("1234567890", "Give question numbers only, separated by commas."),
        ("1, ²", "Give question numbers only, separated by commas."),
        ("¹²", "Give question numbers only, separated by commas."),
        ("1, 99999", "These question numbers do not exist: 99999."),
        (", ".join(str(i) for i in range(1, 52)), "Give at most 50 questions."),
        ("1" * 501, "Field cannot be longer than 500 characters."),
    ],
)
def test_bad_never_with_values_are_refused_beside_the_field(app, teacher, value, message):
    before = question_count(app)
    data = question_form(app, "single", never_with=value)
    response = teacher.post("/admin/questions/new/single", data=data)
    assert response.status_code == 422
    assert field_error(response.text, "never_with") == message
    assert question_count(app) == before and pairs(app) == set()


def test_a_question_cannot_be_kept_apart_from_itself(app, admin):
    qid = question_id(app, "t-single")
    data = question_form(app, "single", version="1", key="t-single", never_with=str(qid))
    response = admin.post(f"/admin/questions/{qid}/edit", data=data)
    assert response.status_code == 422
    assert (
        field_error(response.text, "never_with") == "A question cannot be kept apart from itself."
    )


def test_an_unknown_use_is_refused(app, teacher):
    response = teacher.post(
        "/admin/questions/new/single", data=question_form(app, "single", use="everywhere")
    )
    assert (
        response.status_code == 422 and field_error(response.text, "use") == "Not a valid choice."
    )


def test_a_never_with_pair_is_never_drawn_together_from_the_quiz_pool(app):
    with app.app_context():
        single, matching = question_id(app, "t-single"), question_id(app, "t-matching")
        db.session.execute(
            question_never_with.insert().values(question_id=single, other_id=matching)
        )
        quiz = db.session.scalar(select(Quiz).where(Quiz.slug == "all"))
        pool = quiz_pool(quiz)
        db.session.rollback()
    assert next(q for q in pool if q.id == matching).never_with == {single}
    for seed in range(1000):
        drawn = {q.id for q in draw_paper(pool, 4, random.Random(seed))}
        assert {single, matching} - drawn, seed


def versions(app, *ids: int) -> list[int]:
    with app.app_context():
        return [db.session.get(Question, i).version for i in ids]


def logged(app, question_id: int) -> list[list[str]]:
    with app.app_context():
        rows = db.session.scalars(
            select(QuestionChange.fields)
            .where(QuestionChange.question_id == question_id)
            .order_by(QuestionChange.id)
        )
        return [list(fields) for fields in rows]


@pytest.mark.parametrize("marked", ["", "partner"])
def test_marking_or_unmarking_a_pair_refuses_a_stale_form_of_the_partner(app, admin, marked):
    qid, short = question_id(app, "t-single"), question_id(app, "t-short")
    data = question_form(app, "single", version="1", key="t-single", never_with="")
    if marked:  # start from a marked pair, then unmark it
        data["never_with"] = str(short)
        assert admin.post(f"/admin/questions/{qid}/edit", data=data).status_code == 303
        data.update(version="2", never_with="")
    stale = {
        k: v[0] for k, v in form_values(admin.get(f"/admin/questions/{short}/edit").text).items()
    }
    before = versions(app, short)[0]
    if not marked:
        data["never_with"] = str(short)
    assert admin.post(f"/admin/questions/{qid}/edit", data=data).status_code == 303
    assert versions(app, short) == [before + 1]
    expected = set() if marked else {(min(qid, short), max(qid, short))}
    assert pairs(app) == expected
    # The partner's form, opened before, would have put the old pairs back: it is refused.
    response = admin.post(f"/admin/questions/{short}/edit", data=stale)
    assert response.status_code == 409
    assert pairs(app) == expected and versions(app, short) == [before + 1]


def test_a_pair_shows_in_both_questions_change_logs(app, admin):
    qid, short = question_id(app, "t-single"), question_id(app, "t-short")
    data = question_form(app, "single", version="1", key="t-single", never_with=str(short))
    assert admin.post(f"/admin/questions/{qid}/edit", data=data).status_code == 303
    assert logged(app, short) == [["never with"]]
    assert logged(app, qid)[-1][-1] == "never with"
    assert "question form: never with" in admin.get(f"/admin/questions/{short}").text
    data.update(version="2", use="both")  # the same pair saved again changes no partner
    assert admin.post(f"/admin/questions/{qid}/edit", data=data).status_code == 303
    assert logged(app, short) == [["never with"]] and versions(app, short) == [2]
    assert logged(app, qid)[-1] == ["use"]
