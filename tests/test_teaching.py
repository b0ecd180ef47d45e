"""The teaching area: the home at /admin, sortable tables, Add option, paragraphs, plain checks."""

import re
from datetime import timedelta

import pytest
from admin_helpers import field_error, question_count, question_form
from article_helpers import create
from sqlalchemy import select

from quizapp.core.generation import QUIZ_READY
from quizapp.core.generation.check_words import PLAIN_WORDS, plain_checks
from quizapp.core.generation.filters import family_checks
from quizapp.core.generation.standalone import CHECK
from quizapp.core.markdown import paragraphs, render
from quizapp.core.tables import Sort, read_sort, sorted_rows
from quizapp.models import Question, QuestionReport, User, db, utcnow

from conftest import PASSWORD, login, quiz_id
from report_helpers import make_class, take


def test_a_teacher_lands_on_the_teaching_home_and_a_student_does_not(app):
    teacher, student = app.test_client(), app.test_client()
    assert login(teacher, "tess").headers["Location"] == "/admin/"
    assert login(student, "alice").headers["Location"] == "/quizzes"
    later = app.test_client().post(
        "/login?next=/history", data={"username": "tess", "password": PASSWORD}
    )
    assert later.headers["Location"] == "/history"  # a page asked for still wins


def _report(app, resolved: bool) -> None:
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.key == "t-single"))
        alice = db.session.scalar(select(User).where(User.username == "alice"))
        db.session.add(
            QuestionReport(
                question_id=question.id,
                user_id=alice.id,
                message="typo",
                is_resolved=resolved,
            )
        )
        db.session.commit()


def test_the_home_lists_what_needs_attention(app, teacher, student):
    _report(app, resolved=False)
    create(teacher)  # generated drafts wait for review
    soon, later = utcnow() + timedelta(days=2), utcnow() + timedelta(days=12)
    class_id = make_class(app, quizzes=((quiz_id(app), soon),))
    make_class(app, code="WXYZ6789", members=(), quizzes=((quiz_id(app), later),))
    take(student, app)
    page = teacher.get("/admin/").text
    reports = re.search(r'id="att-reports">.*?</section>', page, re.S).group(0)
    assert 'class="count">1<' in reports and "/admin/questions/" in reports
    drafts = re.search(r'id="att-drafts">.*?</section>', page, re.S).group(0)
    assert "Strikes on Kabul" in drafts and "waiting" in drafts
    due = re.search(r'id="att-due">.*?</section>', page, re.S).group(0)
    assert f"/admin/classes/{class_id}/gradebook" in due and "1 of 1 done" in due
    assert "Class WXYZ6789" not in due  # due in 12 days: not this week
    recent = re.search(r'id="att-recent">.*?</section>', page, re.S).group(0)
    assert "alice" in recent and "Everything" in recent and "100\u00a0%" in recent
    assert 'aria-label="Teaching"' in page and 'href="/admin/reports"' in page


def test_an_empty_home_says_so_and_resolved_reports_are_not_listed(app, teacher):
    _report(app, resolved=True)
    page = teacher.get("/admin/").text
    for empty in ("No open reports.", "Nothing waiting for review.", "No assignments due"):
        assert empty in page


def test_another_teachers_classes_stay_off_the_home(app, teacher, student):
    create(teacher)
    make_class(app, quizzes=((quiz_id(app), utcnow() + timedelta(days=1)),))
    take(student, app)
    from report_helpers import add_user

    add_user(app, "tom")
    tom = app.test_client()
    login(tom, "tom")
    page = tom.get("/admin/").text
    assert "Class ABCD2345" not in page and ">alice<" not in page
    assert "Strikes on Kabul" not in page  # tess's article: tom may not review it


def test_the_teaching_navigation_marks_the_current_section(teacher):
    page = teacher.get("/admin/questions/new/single").text
    assert '<a href="/admin/questions" aria-current="page">Question bank</a>' in page
    assert '<a href="/admin/reports">Reports</a>' in page


# --- sortable tables --------------------------------------------------------------------


def _ids(page: str) -> list[str]:
    return re.findall(r"<tr>\s*<td>(\d+)</td>", page)


def test_the_bank_sorts_by_a_column_both_ways(teacher):
    up = teacher.get("/admin/questions?sort=prompt&dir=asc").text
    assert re.search(r'<th scope="col" aria-sort="ascending"><a class="sort" [^>]*>Question', up)
    assert 'href="/admin/questions?sort=prompt&amp;dir=desc"' in up
    assert '<th scope="col" aria-sort="none"><a class="sort" href="/admin/questions?sort=kind' in up
    prompts = re.findall(r'<td><a href="/admin/questions/\d+">([^<]+)</a></td>', up)
    assert len(prompts) > 3 and prompts == sorted(prompts, key=str.lower)
    down = teacher.get("/admin/questions?sort=prompt&dir=desc").text
    assert re.findall(r'<td><a href="/admin/questions/\d+">([^<]+)</a></td>', down) == prompts[::-1]
    assert 'aria-sort="descending"' in down


@pytest.mark.parametrize(
    "query",
    [
        "sort=evil",
        "sort=id&dir=sideways",
        "sort=" + "x" * 5000,
        "dir=desc",
        "sort=&dir=",
        "sort=a1",
    ],
)
def test_bad_sort_values_fall_back_to_the_default(teacher, query):
    response = teacher.get(f"/admin/questions?{query}")
    assert response.status_code == 200
    default = teacher.get("/admin/questions").text
    assert _ids(response.text) == _ids(default) or query == "sort=id&dir=sideways"


def test_the_gradebook_sorts_by_name_or_by_an_assignments_best_score(app, teacher, student):
    from report_helpers import add_user

    add_user(app, "zed", role="student")
    class_id = make_class(app, members=("alice", "bob", "zed"), quizzes=((quiz_id(app), None),))
    take(student, app)
    url = f"/admin/classes/{class_id}/gradebook"
    names = lambda page: re.findall(r'<th scope="row"><a [^>]*>(\w+)</a>', page)  # noqa: E731
    assert names(teacher.get(url).text) == ["alice", "bob", "zed"]
    assert names(teacher.get(f"{url}?sort=student&dir=desc").text) == ["zed", "bob", "alice"]
    page = teacher.get(url).text
    column = re.search(r"sort=(a\d+)", page).group(1)
    best_first = teacher.get(f"{url}?sort={column}&dir=desc").text
    assert names(best_first)[0] == "alice" and 'aria-sort="descending"' in best_first
    worst_first = teacher.get(f"{url}?sort={column}&dir=asc").text
    assert names(worst_first)[0] == "alice"  # students without a score come last both ways
    for bad in ("a999999", "student;drop", "a" + "9" * 400):
        response = teacher.get(f"{url}?sort={bad}&dir=up")
        assert response.status_code == 200 and names(response.text) == ["alice", "bob", "zed"]


def test_sort_helpers():
    assert read_sort("b", "desc", ["a", "b"], Sort("a")) == Sort("b", True)
    assert read_sort("b", "DESC", ["a", "b"], Sort("a")) == Sort("b", False)
    assert read_sort("c", "desc", ["a", "b"], Sort("a", True)) == Sort("a", True)
    assert read_sort(None, None, ["a"], Sort("a")) == Sort("a")
    sort = Sort("a")
    assert (sort.aria("a"), sort.aria("b")) == ("ascending", "none")
    assert (sort.next_direction("a"), sort.next_direction("b")) == ("desc", "asc")
    assert Sort("a", True).next_direction("a") == "asc"
    assert sorted_rows([2, None, 1], lambda r: r, True) == [2, 1, None]
    assert sorted_rows([2, None, 1], lambda r: r, False) == [1, 2, None]


# --- the question form: Add option, paragraphs ------------------------------------------


def _single(app, rows: int, **extra) -> dict:
    data = question_form(app, "single", **extra)
    for n in range(rows):
        data[f"choices-{n}-text"] = data.get(f"choices-{n}-text") or f"Option text {n}"
    return data


def _rows(page: str, name: str) -> int:
    return len(set(re.findall(rf'name="{name}-(\d+)', page)))


def test_add_option_sends_the_form_back_with_one_more_row_and_saves_nothing(app, teacher):
    before = question_count(app)
    data = _single(app, 6, add_row="choices", prompt="Typed prompt")
    response = teacher.post("/admin/questions/new/single", data=data)
    assert response.status_code == 200 and question_count(app) == before
    assert _rows(response.text, "choices") == 7
    assert "Typed prompt</textarea>" in response.text
    assert 'value="Option text 5"' in response.text
    assert '<label class="cell-label" for="choices-6-correct">Option 7 is correct</label>' in (
        response.text
    )


def test_seven_options_are_saved(app, teacher):
    data = _single(app, 7, prompt="Seven options?")
    data["choices-0-correct"] = "y"
    response = teacher.post("/admin/questions/new/single", data=data)
    assert response.status_code == 303, field_error(response.text, "choices")
    with app.app_context():
        question = db.session.scalar(select(Question).where(Question.prompt == "Seven options?"))
        assert len(question.choices) == 7


@pytest.mark.parametrize(
    ("kind", "name", "field"),
    [("ordering", "items", "items-{n}"), ("matching", "pairs", "pairs-{n}-prompt")],
)
def test_add_row_works_for_items_and_pairs(app, teacher, kind, name, field):
    data = question_form(app, kind, add_row=name)
    response = teacher.post(f"/admin/questions/new/{kind}", data=data)
    assert response.status_code == 200 and _rows(response.text, name) == 7


def test_tampered_row_counts_are_limited(app, teacher):
    before = question_count(app)
    data = _single(app, 45, add_row="choices")
    response = teacher.post("/admin/questions/new/single", data=data)
    assert response.status_code == 422 and _rows(response.text, "choices") == 30
    assert field_error(response.text, "choices") == "A question has at most 30 rows here."
    assert "disabled>Add option" in response.text
    huge = _single(app, 2, add_row="choices", **{"choices-99999999999999999999-text": "far"})
    assert teacher.post("/admin/questions/new/single", data=huge).status_code == 200
    for bad in ("pairs", "prompt", "x" * 3000):
        data = _single(app, 6, add_row=bad)
        assert teacher.post("/admin/questions/new/single", data=data).status_code == 400
    assert question_count(app) == before


def test_an_unknown_paragraph_is_refused_beside_the_field(app, teacher):
    before = question_count(app)
    data = _single(app, 2, anchor="no-such-paragraph", **{"choices-0-correct": "y"})
    response = teacher.post("/admin/questions/new/single", data=data)
    assert response.status_code == 422 and question_count(app) == before
    assert "is not a paragraph of “The border”" in field_error(response.text, "anchor")
    data["anchor"] = "refugees"
    assert teacher.post("/admin/questions/new/single", data=data).status_code == 303


def test_the_form_lists_the_real_paragraphs(teacher):
    page = teacher.get("/admin/questions/new/single").text
    assert 'list="paragraph-list"' in page
    assert '<option value="border" label="The border › A first paragraph about the border."' in page
    assert re.search(r'<script src="/static/admin\.\w+\.js" defer>', page)


def test_paragraphs_of_rendered_markdown():
    html = render("A *first* one &amp; more. {: #one }\n\n- an item\n").html
    assert paragraphs(html) == (("one", "A first one & more."), ("p-1", "an item"))
    assert paragraphs(render("x " * 80 + "{: #long }").html, width=20)[0][1].endswith("…")


# --- checkbox lists and plain words -------------------------------------------------------


def test_the_quiz_editor_renders_checkbox_lists(teacher):
    page = teacher.get("/admin/quizzes/new").text
    assert re.search(r'<fieldset class="field" id="kinds"[^>]*>\s*<legend>', page)
    assert '<ul class="checklist">' in page


def test_every_check_a_draft_can_pass_has_plain_words():
    names = {name for checks in family_checks(None).values() for name in checks}
    assert names and names | {CHECK, QUIZ_READY} <= set(PLAIN_WORDS)
    assert plain_checks(["key_once", "old_check"]) == [
        "the answer appears only once in its sentence",
        "old check",
    ]


def test_draft_review_shows_checks_in_plain_words(app, teacher):
    article_id = create(teacher)
    page = teacher.get(f"/admin/articles/{article_id}").text
    assert "Checks it passed" in page
    assert "key_once" not in page and "not_protagonist" not in page
    assert any(words in page for words in PLAIN_WORDS.values())
    meta = re.findall(r'<p class="meta">(\w[^<·]*) ·', page)
    assert meta and set(meta) <= {"Single choice", "Number", "True or false", "Put in order"}
    assert "rank score" in page and "single ·" not in page and "numeric ·" not in page
