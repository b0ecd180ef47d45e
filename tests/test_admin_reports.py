"""Teacher reports: gradebook, one student's history, item analysis, question reports, CSV."""

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from quizapp.core.quiz_settings import PRACTICE
from quizapp.models import Question, QuestionReport, Quiz, db, utcnow

from attempt_helpers import answer, items, right_form, start, wrong_form
from conftest import login, quiz_id
from report_helpers import add_user, count_queries, make_class, take, user_id


def take_with(client, app, right_kinds: set[str]) -> int:
    """An attempt where exactly the questions of `right_kinds` are answered right."""
    attempt_id = start(client, quiz_id(app))
    for item in items(app, attempt_id):
        right = item.snapshot["kind"] in right_kinds
        form = right_form(item.snapshot) if right else wrong_form(item.snapshot)
        assert answer(client, attempt_id, item, form).status_code == 303
    client.post(f"/attempts/{attempt_id}/submit")
    return attempt_id


def rows(response) -> list[dict]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.text)))


@pytest.fixture
def class_id(app):
    return make_class(app, members=("alice", "bob"), quizzes=((quiz_id(app), None),))


# --- gradebook and one student -----------------------------------------------------------------


def test_gradebook_shows_best_last_attempts_and_status(teacher, student, other_student, app):
    due = utcnow() + timedelta(days=2)
    class_id = make_class(app, members=("alice", "bob"), quizzes=((quiz_id(app), due),))
    take(student, app, right=True)
    take(student, app, right=False)
    page = teacher.get(f"/admin/classes/{class_id}/gradebook").text
    assert "alice" in page and "bob" in page and "Everything" in page
    assert "best 100\u00a0%" in page and "last 0\u00a0%" in page and "2 attempts" in page
    assert page.count(">done<") == 1 and page.count(">to do<") == 1


def test_gradebook_marks_missing_and_late(teacher, student, app):
    class_id = make_class(app, quizzes=((quiz_id(app), utcnow() - timedelta(hours=1)),))
    assert ">missing<" in teacher.get(f"/admin/classes/{class_id}/gradebook").text
    take(student, app)
    assert ">late<" in teacher.get(f"/admin/classes/{class_id}/gradebook").text


def test_gradebook_ignores_unassigned_quizzes_and_other_students(teacher, student, app):
    class_id = make_class(app, members=("alice",), quizzes=())
    take(student, app)
    page = teacher.get(f"/admin/classes/{class_id}/gradebook").text
    assert "No quizzes assigned yet" in page


def test_gradebook_query_count_does_not_grow(teacher, student, other_student, app, class_id):
    with count_queries(app) as before:
        teacher.get(f"/admin/classes/{class_id}/gradebook")
    for name in ("carl", "dina", "emil"):
        add_user(app, name, "student")
    make_class(app, members=("carl", "dina", "emil"), code="WXYZ2345")
    take(student, app)
    take(other_student, app, right=False)
    with count_queries(app) as after:
        assert teacher.get(f"/admin/classes/{class_id}/gradebook").status_code == 200
    assert before["n"] == after["n"] <= 6


def test_teacher_sees_one_students_history(teacher, student, app, class_id):
    take(student, app)
    page = teacher.get(f"/admin/classes/{class_id}/students/{user_id(app, 'alice')}").text
    assert "<h1>alice</h1>" in page and '<svg class="chart"' in page and "100\u00a0%" in page


def test_teacher_opens_a_students_submitted_attempt_with_every_answer(teacher, student, app):
    class_id = make_class(app, members=("alice", "bob"))
    attempt_id = take_with(student, app, {"single", "numeric"})
    alice = user_id(app, "alice")
    student_page = teacher.get(f"/admin/classes/{class_id}/students/{alice}").text
    url = f"/admin/classes/{class_id}/students/{alice}/attempts/{attempt_id}"
    assert f'href="{url}"' in student_page
    page = teacher.get(url)
    assert page.status_code == 200
    text = page.text
    assert "<h1>alice: " in text and "The student's answer" in text
    assert text.count("✓ Right") == 2 and "✗ Wrong" in text
    assert "the student chose this" in text and "you chose this" not in text


def test_a_students_attempt_is_hidden_from_others_and_until_submitted(
    teacher, student, other_student, app, client
):
    class_id = make_class(app, members=("alice",))
    alice, bob = user_id(app, "alice"), user_id(app, "bob")
    open_attempt = start(student, quiz_id(app))
    base = f"/admin/classes/{class_id}/students"
    assert teacher.get(f"{base}/{alice}/attempts/{open_attempt}").status_code == 404
    bobs = take_with(other_student, app, {"single"})  # bob is not in the class
    assert teacher.get(f"{base}/{bob}/attempts/{bobs}").status_code == 404
    assert teacher.get(f"{base}/{alice}/attempts/{bobs}").status_code == 404  # not alice's
    add_user(app, "tom")
    other_class = make_class(app, teacher="tom", members=("alice",), code="WXYZ2345")
    finished = take_with(student, app, {"single"})
    url = f"/admin/classes/{other_class}/students/{alice}/attempts/{finished}"
    assert teacher.get(url).status_code in (403, 404)  # tom's class, not tess's
    assert student.get(f"{base}/{alice}/attempts/{finished}").status_code == 403


def test_student_page_of_a_non_member_is_404(teacher, app):
    class_id = make_class(app, members=("alice",))
    assert (
        teacher.get(f"/admin/classes/{class_id}/students/{user_id(app, 'bob')}").status_code == 404
    )
    assert teacher.get(f"/admin/classes/999/students/{user_id(app, 'bob')}").status_code == 404


# --- item analysis -----------------------------------------------------------------------------


def test_item_analysis_facility_discrimination_options_and_caveat(
    teacher, student, other_student, app
):
    take(student, app, right=True)
    take(other_student, app, right=False)
    page = teacher.get(f"/admin/reports/quizzes/{quiz_id(app)}").text
    assert "<strong>2</strong> submitted attempts" in page and "average 50\u00a0%" in page
    assert "Only 2 submitted attempts so far" in page
    assert "Which line is the border?" in page
    assert page.count("facility 50\u00a0%") == 7 and page.count("discrimination 1.0") == 7
    assert 'The Durand Line <span class="key">(right answer)</span>' in page
    assert "it is not doing its job" in page  # one of the two distractors was never chosen


def test_item_analysis_flags_a_suspicious_key(teacher, student, other_student, app):
    # The strong student misses the single-choice question; the weak one gets only it right.
    take_with(
        student, app, {"multiple", "true_false", "short_text", "numeric", "ordering", "matching"}
    )
    take_with(other_student, app, {"single"})
    page = teacher.get(f"/admin/reports/quizzes/{quiz_id(app)}").text
    assert "Strong students miss this more often than weak ones: check the key." in page
    assert "discrimination -1.0" in page


def test_item_analysis_of_a_class_and_access(teacher, student, other_student, app):
    class_id = make_class(app, members=("alice",))
    take(student, app)
    take(other_student, app, right=False)
    page = teacher.get(f"/admin/reports/quizzes/{quiz_id(app)}?class={class_id}").text
    assert "<strong>1</strong> submitted attempt by students in Class ABCD2345" in page
    add_user(app, "tom")
    tom = app.test_client()
    login(tom, "tom")
    assert tom.get(f"/admin/reports/quizzes/{quiz_id(app)}?class={class_id}").status_code == 404
    assert teacher.get("/admin/reports/quizzes/999").status_code == 404
    assert student.get(f"/admin/reports/quizzes/{quiz_id(app)}").status_code == 403


def test_item_analysis_without_attempts(teacher, app):
    page = teacher.get(f"/admin/reports/quizzes/{quiz_id(app)}").text
    assert "No submitted attempts yet" in page and "Only 0 submitted attempts" in page


def test_item_analysis_query_count_does_not_grow(teacher, student, other_student, app):
    take(student, app)
    with count_queries(app) as before:
        teacher.get(f"/admin/reports/quizzes/{quiz_id(app)}")
    take(other_student, app, right=False)
    take(student, app, right=False)
    with count_queries(app) as after:
        teacher.get(f"/admin/reports/quizzes/{quiz_id(app)}")
    assert before["n"] == after["n"] <= 8


def test_reports_index_lists_quizzes_but_not_practice(teacher, student, app):
    take(student, app, right=False)
    with app.app_context():
        # Left out for its purpose, whatever its slug.
        db.session.add(Quiz(slug="mistakes", title="Practice my mistakes", purpose=PRACTICE))
        db.session.commit()
    page = teacher.get("/admin/reports").text
    assert "Everything" in page and "Practice my mistakes" not in page
    assert student.get("/admin/reports").status_code == 403


# --- question reports --------------------------------------------------------------------------


def test_teacher_sees_and_resolves_question_reports(teacher, student, app):
    attempt_id = take(student, app, right=False)
    item = items(app, attempt_id)[0]
    student.post(f"/history/items/{item.id}/report", data={"message": "The key looks wrong"})
    page = teacher.get("/admin/reports/questions").text
    assert "The key looks wrong" in page and "alice" in page and "open" in page
    with app.app_context():
        report_id = db.session.scalar(select(QuestionReport.id))
        prompt = db.session.get(Question, item.question_id).prompt
    assert prompt in page
    response = teacher.post(f"/admin/reports/questions/{report_id}/resolve")
    assert response.headers["Location"] == "/admin/reports/questions"
    assert "dealt with" in teacher.get("/admin/reports/questions").text
    teacher.post(f"/admin/reports/questions/{report_id}/resolve")
    with app.app_context():
        assert db.session.get(QuestionReport, report_id).is_resolved is False
    assert teacher.post("/admin/reports/questions/999/resolve").status_code == 404
    assert student.get("/admin/reports/questions").status_code == 403


# --- CSV exports -------------------------------------------------------------------------------


def test_attempts_csv(teacher, student, other_student, app, class_id):
    take(student, app, right=True)
    take(other_student, app, right=False)
    add_user(app, "zed", "student")
    outsider = app.test_client()
    login(outsider, "zed")
    take(outsider, app)  # not in the class: not exported
    exported = rows(teacher.get(f"/admin/classes/{class_id}/attempts.csv"))
    assert [
        (r["student"], r["quiz"], r["score"], r["max_score"], r["percent"]) for r in exported
    ] == [
        ("alice", "Everything", "7", "7", "100"),
        ("bob", "Everything", "0", "7", "0"),
    ]
    assert exported[0]["submitted_at"].endswith("Z")


def test_answers_csv(teacher, student, app, class_id):
    attempt_id = take(student, app, right=True)
    response = teacher.get(f"/admin/classes/{class_id}/answers.csv")
    assert "attachment" in response.headers["Content-Disposition"]
    exported = rows(response)
    assert len(exported) == 7
    assert set(exported[0]) == {
        "attempt_id",
        "student",
        "question_id",
        "anchor",
        "response",
        "correct",
        "points",
        "answered_at",
    }
    assert {r["attempt_id"] for r in exported} == {str(attempt_id)}
    assert {r["correct"] for r in exported} == {"yes"} and {r["points"] for r in exported} == {"1"}
    assert {r["anchor"] for r in exported} == {"border", "refugees"}
    by_question = {r["question_id"]: r["response"] for r in exported}
    with app.app_context():
        single = db.session.scalar(select(Question.id).where(Question.key == "t-single"))
        multiple = db.session.scalar(select(Question.id).where(Question.key == "t-multiple"))
    assert by_question[str(single)] == "The Durand Line"
    assert by_question[str(multiple)] == "Chaman | Torkham"


@pytest.mark.parametrize("export", ["attempts", "answers"])
def test_csv_exports_read_accounts_and_answers_only_by_key(teacher, student, app, class_id, export):
    """An export's cost follows its class, not the school: accounts are read by primary key
    and answers by attempt, never joined to `attempts` or `users` (PostgreSQL answered such a
    join by hashing every attempt or account in the school)."""
    take(student, app, right=True)
    statements = []

    def listener(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert rows(teacher.get(f"/admin/classes/{class_id}/{export}.csv"))
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    for statement in statements:
        tables = set(re.findall(r"(?:FROM|JOIN) (\w+)", statement))
        if "users" in tables:
            assert re.search(r"WHERE users\.id (=|IN)", statement), statement
        if "attempt_items" in tables:
            assert "attempts" not in tables, statement
    assert any("FROM attempt_items" in s or "FROM attempts JOIN quizzes" in s for s in statements)


def test_answers_csv_defuses_formulas(teacher, student, app, class_id):
    attempt_id = start(student, quiz_id(app))
    item = next(i for i in items(app, attempt_id) if i.snapshot["kind"] == "short_text")
    answer(student, attempt_id, item, {"answer": '=HYPERLINK("http://evil")'})
    student.post(f"/attempts/{attempt_id}/submit")
    exported = rows(teacher.get(f"/admin/classes/{class_id}/answers.csv"))
    texts = [r["response"] for r in exported if r["response"]]
    assert texts == ['\'=HYPERLINK("http://evil")']


UTC_SECOND = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@pytest.mark.parametrize(("export", "column"), [("attempts", "quiz"), ("answers", "response")])
def test_class_csv_exports_defuse_formulas_and_end_times_with_z(
    teacher, student, app, class_id, export, column
):
    with app.app_context():
        db.session.get(Quiz, quiz_id(app)).title = "+SUM(A1)"
        db.session.commit()
    attempt_id = start(student, quiz_id(app))
    item = next(i for i in items(app, attempt_id) if i.snapshot["kind"] == "short_text")
    answer(student, attempt_id, item, {"answer": "+SUM(A1)"})
    student.post(f"/attempts/{attempt_id}/submit")
    exported = rows(teacher.get(f"/admin/classes/{class_id}/{export}.csv"))
    assert "'+SUM(A1)" in [r[column] for r in exported]
    times = [v for r in exported for k, v in r.items() if k.endswith("_at") and v]
    assert times and all(UTC_SECOND.fullmatch(v) for v in times), times
