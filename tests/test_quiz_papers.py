"""Quizzes of hand-picked questions and random draws: the editor's routes and the papers drawn."""

import pytest
from admin_helpers import field_error, flashes, form_values, question_id
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from quizapp.models import Attempt, Question, Quiz, QuizSlot, Topic, User, db, question_never_with
from quizapp.services.bank import question_from_fields
from quizapp.services.quiz_builder import ALREADY_PICKED
from quizapp.views.admin.quiz_papers import STALE

from attempt_helpers import items, start
from conftest import logged_in
from report_helpers import add_user

REFUGEE_QUESTIONS = 10


@pytest.fixture
def bank(app):
    """A second section with ten true/false questions (difficulty 1 for the even ones)."""
    with app.app_context():
        topic = Topic(slug="refugees", title="Refugees", summary="", body="", position=2)
        db.session.add(topic)
        for n in range(REFUGEE_QUESTIONS):
            fields = {"kind": "true_false", "prompt": f"Refugee fact {n}.", "answer": n % 2 == 0}
            question = question_from_fields(fields, topic, status="published")
            question.difficulty = 1 if n % 2 == 0 else 3
            db.session.add(question)
        db.session.commit()
    return app


def new_quiz(app, **settings) -> int:
    """An empty published quiz of tess's: no pool draw until `question_count` says so."""
    with app.app_context():
        tess = db.session.scalar(select(User.id).where(User.username == "tess"))
        values = {"question_count": 0, "shuffle": False, "is_published": True, **settings}
        quiz = Quiz(title="Picked", created_by_id=tess, **values)
        db.session.add(quiz)
        db.session.commit()
        return quiz.id


def refugee_ids(app) -> list[int]:
    with app.app_context():
        query = select(Question.id).join(Topic).where(Topic.slug == "refugees")
        return list(db.session.scalars(query.order_by(Question.id)))


def quiz_version(app, quiz: int) -> int:
    with app.app_context():
        return db.session.get(Quiz, quiz).version


def edit(client, quiz: int, path: str, data: dict):
    """POST one of the editor's forms as sent from a page showing the quiz as it is now."""
    version = quiz_version(client.application, quiz)
    return client.post(f"/admin/quizzes/{quiz}/{path}", data={"version": version, **data})


def pick(teacher, quiz: int, question: int):
    return edit(teacher, quiz, "questions", {"question_id": str(question)})


def slots(app, quiz: int) -> list[tuple]:
    with app.app_context():
        query = select(QuizSlot.id, QuizSlot.question_id, QuizSlot.count, QuizSlot.topic_id)
        return [tuple(r) for r in db.session.execute(query.where(QuizSlot.quiz_id == quiz))]


def take_paper(client, app, quiz: int) -> list[int]:
    """Start an attempt, submit it at once; the question ids of its paper in order."""
    attempt_id = start(client, quiz)
    paper = [item.question_id for item in items(app, attempt_id)]
    assert client.post(f"/attempts/{attempt_id}/submit").status_code == 303
    return paper


def test_hand_picked_questions_are_on_every_paper_with_the_draws_around_them(
    bank, teacher, student
):
    quiz = new_quiz(bank, shuffle=True)
    picked = [question_id(bank, key) for key in ("t-single", "t-numeric", "t-matching")]
    for question in picked:
        assert pick(teacher, quiz, question).status_code == 303
    with bank.app_context():
        refugees = db.session.scalar(select(Topic.id).where(Topic.slug == "refugees"))
    draw = {"topic": str(refugees), "kind": "", "difficulty": "", "count": "2"}
    assert edit(teacher, quiz, "draws", draw).status_code == 303
    editor = teacher.get(f"/admin/quizzes/{quiz}/questions").text
    assert "Each paper asks 5 questions" in editor and "Random:</strong> 2 questions" in editor
    drawn = set()
    for _ in range(6):
        paper = take_paper(student, bank, quiz)
        assert len(paper) == len(set(paper)) == 5
        assert set(picked) <= set(paper)
        assert set(paper) - set(picked) <= set(refugee_ids(bank))
        drawn |= set(paper) - set(picked)
    assert len(drawn) > 2  # the draw is random, not the same two every time


def test_draws_respect_their_filters_and_never_repeat_a_hand_picked_question(
    bank, teacher, student
):
    quiz = new_quiz(bank, question_count=3)  # and three from the quiz's own pool (all sections)
    easy = refugee_ids(bank)[0::2]
    assert pick(teacher, quiz, easy[0]).status_code == 303
    draw = {"topic": "", "kind": "true_false", "difficulty": "1", "count": "9"}
    assert edit(teacher, quiz, "draws", draw).status_code == 303
    for _ in range(3):
        paper = take_paper(student, bank, quiz)
        assert paper[0] == easy[0] and len(paper) == len(set(paper))
        # five easy true/false questions exist: the fixed one and the four others, then the pool
        assert set(paper[1:5]) == set(easy[1:]) and len(paper) == 8


def test_the_pool_quota_is_met_after_the_hand_picked_questions(bank, teacher, student):
    quiz = new_quiz(bank, question_count=4, topic_quotas={"refugees": 3})
    border = question_id(bank, "t-tf")
    assert pick(teacher, quiz, border).status_code == 303
    refugees = set(refugee_ids(bank))
    for _ in range(3):
        paper = take_paper(student, bank, quiz)
        assert paper[0] == border and len(paper) == len(set(paper)) == 5
        assert len(set(paper[1:]) & refugees) >= 3


def test_up_and_down_buttons_reorder_the_paper(bank, teacher, student):
    quiz = new_quiz(bank)
    first, second, third = refugee_ids(bank)[:3]
    for question in (first, second, third):
        pick(teacher, quiz, question)
    ids = {question: slot for slot, question, *_ in slots(bank, quiz)}
    response = edit(teacher, quiz, f"slots/{ids[third]}", {"action": "up"})
    assert response.status_code == 303 and "Moved." in flashes(teacher.get("/admin/").text)
    edit(teacher, quiz, f"slots/{ids[first]}", {"action": "down"})
    assert take_paper(student, bank, quiz) == [third, first, second]
    top = edit(teacher, quiz, f"slots/{ids[third]}", {"action": "up"})
    assert "Already at that end." in flashes(teacher.get(top.headers["Location"]).text)
    edit(teacher, quiz, f"slots/{ids[first]}", {"action": "remove"})
    assert take_paper(student, bank, quiz) == [third, second]


def test_search_lists_published_questions_not_yet_picked(bank, teacher):
    quiz = new_quiz(bank)
    pick(teacher, quiz, refugee_ids(bank)[0])
    page = teacher.get(f"/admin/quizzes/{quiz}/questions?q=refugee+fact&topic=refugees").text
    assert "9 published questions found" in page
    assert page.count('name="question_id"') == 9
    assert "Which line is the border?" not in page
    too_long = teacher.get(f"/admin/quizzes/{quiz}/questions?q={'x' * 101}")
    assert too_long.status_code == 200 and "found" not in too_long.text


def test_adding_from_the_search_results_keeps_the_search(bank, teacher):
    quiz = new_quiz(bank)
    page = teacher.get(f"/admin/quizzes/{quiz}/questions?q=refugee+fact&topic=refugees").text
    action = f"/admin/quizzes/{quiz}/questions?q=refugee+fact&amp;topic=refugees"
    assert f'action="{action}"' in page
    version = quiz_version(bank, quiz)
    added = teacher.post(
        action.replace("&amp;", "&"),
        data={"version": version, "question_id": str(refugee_ids(bank)[0])},
    )
    assert added.status_code == 303
    back = added.headers["Location"]
    assert back == f"/admin/quizzes/{quiz}/questions?q=refugee+fact&topic=refugees#found-title"
    assert "9 published questions found" in teacher.get(back).text  # the next pick is there
    plain = pick(teacher, quiz, refugee_ids(bank)[1])  # from a page without a search
    assert plain.headers["Location"] == f"/admin/quizzes/{quiz}/questions"


def test_preview_draws_a_paper_with_its_answers_and_writes_nothing(bank, teacher):
    quiz = new_quiz(bank, question_count=2)
    pick(teacher, quiz, question_id(bank, "t-single"))
    with bank.app_context():
        before = db.session.scalar(select(func.count()).select_from(Attempt))
    page = teacher.get(f"/admin/quizzes/{quiz}/preview")
    assert page.status_code == 200
    assert "Which line is the border?" in page.text and "The Durand Line" in page.text
    assert page.text.count("<strong>Answer:</strong>") == 3
    with bank.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attempt)) == before


@pytest.mark.parametrize(
    ("path", "data", "status"),
    [
        ("questions", {"question_id": "999999"}, 404),  # no such question
        ("questions", {"question_id": "abc"}, 400),
        ("questions", {"question_id": "-3"}, 400),
        ("questions", {}, 400),
        ("draws", {"topic": "999", "kind": "", "difficulty": "", "count": "2"}, 422),
        ("draws", {"topic": "", "kind": "essay", "difficulty": "", "count": "2"}, 422),
        ("draws", {"topic": "", "kind": "", "difficulty": "7", "count": "2"}, 422),
        ("draws", {"topic": "", "kind": "", "difficulty": "", "count": "0"}, 422),
        ("draws", {"topic": "", "kind": "", "difficulty": "", "count": "x"}, 422),
        ("slots/999999", {"action": "up"}, 404),  # no such slot
        ("slots/{slot}", {"action": "sideways"}, 400),
        ("slots/{other}", {"action": "remove"}, 404),  # a slot of another quiz
    ],
)
def test_tampered_edits_are_refused_and_change_nothing(bank, teacher, path, data, status):
    quiz, other = new_quiz(bank), new_quiz(bank)
    pick(teacher, quiz, question_id(bank, "t-single"))
    pick(teacher, other, question_id(bank, "t-single"))
    slot, other_slot = slots(bank, quiz)[0][0], slots(bank, other)[0][0]
    before = slots(bank, quiz), slots(bank, other)
    response = edit(teacher, quiz, path.format(slot=slot, other=other_slot), data)
    assert response.status_code == status
    assert "There is a problem" in response.text
    assert (slots(bank, quiz), slots(bank, other)) == before


@pytest.mark.parametrize("version", ["²", "9" * 5000, "abc"])
def test_a_tampered_version_on_the_questions_page_adds_nothing(bank, teacher, version):
    quiz = new_quiz(bank)
    before = quiz_version(bank, quiz)
    data = {"question_id": question_id(bank, "t-single"), "version": version}
    response = teacher.post(f"/admin/quizzes/{quiz}/questions", data=data)
    assert response.status_code == 409 and STALE in response.text
    assert slots(bank, quiz) == [] and quiz_version(bank, quiz) == before


def test_a_draft_or_repeated_question_cannot_be_picked(bank, teacher):
    quiz = new_quiz(bank)
    with bank.app_context():
        draft = question_from_fields(
            {"kind": "true_false", "prompt": "Draft.", "answer": True}, None
        )
        db.session.add(draft)
        db.session.commit()
        draft_id = draft.id
    assert pick(teacher, quiz, draft_id).status_code == 404
    assert pick(teacher, quiz, question_id(bank, "t-tf")).status_code == 303
    before = quiz_version(bank, quiz)
    again = pick(teacher, quiz, question_id(bank, "t-tf"))  # a tampered or replayed add
    assert again.status_code == 409
    assert field_error(again.text, "question_id") == ALREADY_PICKED
    assert '<a href="#question_id-error">' in again.text  # the summary leads to it
    assert len(slots(bank, quiz)) == 1 and quiz_version(bank, quiz) == before


def test_another_teacher_cannot_change_the_quizs_questions(bank, teacher, admin):
    add_user(bank, "tom")
    quiz = new_quiz(bank)
    tom = logged_in(bank, "tom")
    assert pick(tom, quiz, question_id(bank, "t-tf")).status_code == 403
    assert tom.get(f"/admin/quizzes/{quiz}/preview").status_code == 403
    assert slots(bank, quiz) == []
    assert pick(admin, quiz, question_id(bank, "t-tf")).status_code == 303


def test_the_database_holds_a_hand_picked_question_once_per_quiz(bank):
    quiz, other = new_quiz(bank), new_quiz(bank)
    picked = refugee_ids(bank)[0]
    with bank.app_context():
        db.session.add_all(
            [
                QuizSlot(quiz_id=quiz, position=1, question_id=picked),
                QuizSlot(quiz_id=other, position=1, question_id=picked),  # another quiz: fine
                QuizSlot(quiz_id=quiz, position=2, count=2),  # random draws have no question
                QuizSlot(quiz_id=quiz, position=3, count=3),
            ]
        )
        db.session.commit()
        db.session.add(QuizSlot(quiz_id=quiz, position=4, question_id=picked))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
    assert len(slots(bank, quiz)) == 3


CHANGES = [
    ("questions", lambda app, ids: {"question_id": str(refugee_ids(app)[2])}),
    ("draws", lambda app, ids: {"topic": "", "kind": "", "difficulty": "", "count": "2"}),
    ("slots/{second}", lambda app, ids: {"action": "up"}),
    ("slots/{first}", lambda app, ids: {"action": "remove"}),
]


@pytest.mark.parametrize(("path", "data"), CHANGES)
def test_each_change_of_the_entries_is_a_new_version_of_the_quiz(bank, teacher, path, data):
    quiz = new_quiz(bank)
    for question in refugee_ids(bank)[:2]:
        pick(teacher, quiz, question)
    first, second = (slot for slot, *_ in slots(bank, quiz))
    settings_form = teacher.get(f"/admin/quizzes/{quiz}/edit").text
    page = teacher.get(f"/admin/quizzes/{quiz}/questions").text
    seen = quiz_version(bank, quiz)
    assert f'name="version" value="{seen}"' in page
    url = path.format(first=first, second=second)
    assert edit(teacher, quiz, url, data(bank, None)).status_code == 303
    assert quiz_version(bank, quiz) == seen + 1
    # The settings form opened before the change is refused rather than saved over it.
    stale = {k: v[0] for k, v in form_values(settings_form).items() if k != "csrf_token"}
    response = teacher.post(f"/admin/quizzes/{quiz}/edit", data=stale)
    assert response.status_code == 409 and "Someone else saved this quiz" in response.text


@pytest.mark.parametrize(("path", "data"), CHANGES)
def test_a_change_sent_from_a_stale_page_changes_nothing(bank, teacher, path, data):
    quiz = new_quiz(bank)
    for question in refugee_ids(bank)[:2]:
        pick(teacher, quiz, question)
    first, second = (slot for slot, *_ in slots(bank, quiz))
    seen = quiz_version(bank, quiz)
    someone_else = {"topic": "", "kind": "", "difficulty": "", "count": "1"}
    assert edit(teacher, quiz, "draws", someone_else).status_code == 303
    before = slots(bank, quiz)
    url = f"/admin/quizzes/{quiz}/" + path.format(first=first, second=second)
    for version in (seen, "", "9" * 12):  # stale, missing, tampered
        response = teacher.post(url, data={"version": version, **data(bank, None)})
        assert response.status_code == 409 and STALE in response.text.replace("&#39;", "'")
        assert slots(bank, quiz) == before and quiz_version(bank, quiz) == seen + 1


WARNING = "Some papers will give answers away"


def test_the_editor_names_hand_picked_questions_that_give_each_other_away(bank, teacher):
    quiz = new_quiz(bank)
    year, drawn_in = question_id(bank, "t-numeric"), question_id(bank, "t-tf")  # 1893 in both
    pick(teacher, quiz, year)
    assert WARNING not in teacher.get(f"/admin/quizzes/{quiz}/questions").text
    pick(teacher, quiz, drawn_in)
    for page in ("questions", "edit"):
        html = teacher.get(f"/admin/quizzes/{quiz}/{page}").text
        assert WARNING in html and "every paper holds" in html
        assert (
            f'The answer to <a href="/admin/questions/{year}">#{year}</a> “In which year was the'
            f' line agreed?” shows in <a href="/admin/questions/{drawn_in}">#{drawn_in}</a>'
        ) in html
        assert "(both hand-picked: on every paper)" in html
        assert "add questions" in html and "take one question of a pair out" in html
    slot = next(s for s, q, *_ in slots(bank, quiz) if q == drawn_in)
    edit(teacher, quiz, f"slots/{slot}", {"action": "remove"})
    assert WARNING not in teacher.get(f"/admin/quizzes/{quiz}/questions").text


def test_the_editor_warns_when_the_pool_is_too_small_to_keep_a_pair_apart(app, admin):
    with app.app_context():
        quiz = db.session.scalar(select(Quiz.id).where(Quiz.slug == "all"))
    year, drawn_in = question_id(app, "t-numeric"), question_id(app, "t-tf")
    html = admin.get(f"/admin/quizzes/{quiz}/edit").text  # all seven of seven, every paper
    assert WARNING in html and "some papers hold" in html
    assert f"#{year}</a>" in html and f"#{drawn_in}</a>" in html
    assert "(both hand-picked" not in html
    with app.app_context():
        db.session.get(Quiz, quiz).question_count = 5  # one of each pair can stay out
        db.session.commit()
    assert WARNING not in admin.get(f"/admin/quizzes/{quiz}/edit").text
    assert WARNING not in admin.get(f"/admin/quizzes/{quiz}/questions").text


def test_the_editor_names_a_marked_pair_it_cannot_keep_apart(bank, teacher):
    quiz = new_quiz(bank)
    first, second = refugee_ids(bank)[:2]
    with bank.app_context():
        db.session.execute(question_never_with.insert().values(question_id=first, other_id=second))
        db.session.commit()
    pick(teacher, quiz, first)
    pick(teacher, quiz, second)
    html = teacher.get(f"/admin/quizzes/{quiz}/questions").text
    assert f"#{second}</a> “Refugee fact 1.” are marked <em>Never on the same paper as</em>" in html
