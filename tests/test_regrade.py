"""Regrading after a key is fixed: a dry run, then apply, logged, with item statistics kept."""

from admin_helpers import question_id
from sqlalchemy import func, select, update
from test_item_stats import _figures, _same

from quizapp.models import Attempt, Choice, Question, Regrade, db
from quizapp.services import item_stats

from attempt_helpers import answer, attempt, items, right_form, start, wrong_form
from conftest import csrf_token, quiz_id

WRONG_KEY = "The Radcliffe Line"


def take(app, client, right: bool, single: str | None = None) -> int:
    """Submit an attempt, every answer right or wrong; the single-choice one as `single`."""
    attempt_id = start(client, quiz_id(app))
    for item in items(app, attempt_id):
        form = right_form(item.snapshot) if right else wrong_form(item.snapshot)
        if single and item.snapshot["kind"] == "single":
            form = {
                "answer": next(o["id"] for o in item.snapshot["options"] if o["text"] == single)
            }
        assert answer(client, attempt_id, item, form).status_code == 303
    assert client.post(f"/attempts/{attempt_id}/submit").status_code == 303
    return attempt_id


def set_key(app, right_text: str) -> None:
    """Fix the single-choice question's key: `right_text` is now the one right option."""
    with app.app_context():
        qid = db.session.scalar(select(Question.id).where(Question.key == "t-single"))
        db.session.execute(update(Choice).where(Choice.question_id == qid).values(is_correct=False))
        db.session.execute(
            update(Choice)
            .where(Choice.question_id == qid, Choice.text == right_text)
            .values(is_correct=True)
        )
        db.session.execute(update(Question).where(Question.id == qid).values(version=2))
        db.session.commit()


def stats_equal_recomputation(app) -> bool:
    with app.app_context():
        maintained = _figures()
        item_stats.rebuild()
        recomputed = _figures()
        db.session.rollback()
    return _same(maintained, recomputed)


def regrades(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(
            select(Regrade.attempt_id, Regrade.old_score, Regrade.new_score, Regrade.by_id)
        ).all()
        return [tuple(row) for row in rows]


def test_dry_run_lists_the_affected_attempts_and_apply_changes_exactly_those(
    app, student, other_student, teacher
):
    chose_wrong_key = take(app, student, right=False, single=WRONG_KEY)
    chose_old_key = take(app, other_student, right=True)
    chose_neither = take(app, student, right=False, single="The McMahon Line")
    in_progress = start(other_student, quiz_id(app))
    set_key(app, WRONG_KEY)
    url = f"/admin/questions/{question_id(app, 't-single')}/regrade"
    page = teacher.get(url).text
    assert page.count("<tr>") == 1 + 3  # header + the three submitted attempts
    assert "0 / 7" in page and "<strong>1 / 7</strong>" in page  # alice: 0 → 1
    assert "7 / 7" in page and "<strong>6 / 7</strong>" in page  # bob: 7 → 6
    assert "unchanged" in page  # alice's second: 0 → 0
    # submitted times are local (<time> in the reader's zone), so the heading names no zone
    assert '<th scope="col">Submitted</th>' in page and "(UTC)" not in page
    before = {a: attempt(app, a).score for a in (chose_wrong_key, chose_old_key, chose_neither)}
    assert regrades(app) == []  # the dry run wrote nothing

    response = teacher.post(url, data={"version": "2"})
    assert response.headers["Location"] == url
    after = {a: attempt(app, a).score for a in before}
    assert after == {chose_wrong_key: 1.0, chose_old_key: 6.0, chose_neither: 0.0}
    assert attempt(app, in_progress).score is None
    logged = {row[0]: row[1:3] for row in regrades(app)}
    assert logged == {chose_wrong_key: (0.0, 1.0), chose_old_key: (7.0, 6.0), chose_neither: (0, 0)}
    assert stats_equal_recomputation(app)

    review = student.get(f"/attempts/{chose_wrong_key}/result").text
    assert "your score changed from 0 to 1" in review and "Regraded on" in review
    assert "Regraded on" not in student.get(f"/attempts/{chose_neither}/result").text

    # Applying again changes nothing.
    assert "nothing to regrade" in teacher.get(url).text
    teacher.post(url, data={"version": "2"})
    assert {a: attempt(app, a).score for a in before} == after and len(regrades(app)) == 3


def test_partial_scores_read_as_points_on_the_regrade_page_and_the_review(app, student, teacher):
    attempt_id = start(student, quiz_id(app))
    for item in items(app, attempt_id):
        kind, options = item.snapshot["kind"], item.snapshot.get("options", [])
        if kind == "single":
            wrong = next(o["id"] for o in options if o["text"] == WRONG_KEY)
            assert answer(student, attempt_id, item, {"answer": wrong}).status_code == 303
        elif kind == "matching":  # one pair of three: a third of a point
            prompt, match = next(iter(item.snapshot["key"]["pairs"].items()))
            form = {f"match-{prompt}": match, "go": "next"}
            assert answer(student, attempt_id, item, form).status_code == 303
    assert student.post(f"/attempts/{attempt_id}/submit").status_code == 303
    set_key(app, WRONG_KEY)
    url = f"/admin/questions/{question_id(app, 't-single')}/regrade"
    page = teacher.get(url).text
    assert "<td>0.33 / 7</td>" in page and "<strong>1.33 / 7</strong>" in page
    assert teacher.post(url, data={"version": "2"}).headers["Location"] == url
    review = student.get(f"/attempts/{attempt_id}/result").text
    assert "your score changed from 0.33 to 1.33" in review and "1.33 out of 7" in review


def test_a_list_made_before_another_edit_is_refused(app, student, teacher):
    attempt_id = take(app, student, right=False, single=WRONG_KEY)
    set_key(app, WRONG_KEY)
    url = f"/admin/questions/{question_id(app, 't-single')}/regrade"
    for version in ("1", "", "x" * 50):
        response = teacher.post(url, data={"version": version})
        assert response.status_code == 409 and "Check the list again" in response.text
    assert attempt(app, attempt_id).score == 0 and regrades(app) == []


def test_an_attempt_shown_different_options_is_left_alone(app, student, teacher):
    attempt_id = take(app, student, right=False, single=WRONG_KEY)
    with app.app_context():
        qid = db.session.scalar(select(Question.id).where(Question.key == "t-single"))
        db.session.add(Choice(question_id=qid, text="The Line of Control", position=9))
        db.session.commit()
    set_key(app, WRONG_KEY)
    url = f"/admin/questions/{question_id(app, 't-single')}/regrade"
    page = teacher.get(url).text
    assert "nothing to regrade" in page and "cannot be regraded" in page
    teacher.post(url, data={"version": "2"})
    assert attempt(app, attempt_id).score == 0 and regrades(app) == []


def test_the_question_page_links_to_the_regrade_page_and_students_are_refused(
    app, student, teacher
):
    take(app, student, right=True)
    qid = question_id(app, "t-single")
    assert f"/admin/questions/{qid}/regrade" in teacher.get(f"/admin/questions/{qid}").text
    page = teacher.get(f"/admin/questions/{qid}/regrade")
    assert page.status_code == 200 and csrf_token(page.text)
    assert student.get(f"/admin/questions/{qid}/regrade").status_code == 403
    assert student.post(f"/admin/questions/{qid}/regrade", data={"version": "1"}).status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Regrade)) == 0
        assert db.session.scalar(select(Attempt.score)) == 7
