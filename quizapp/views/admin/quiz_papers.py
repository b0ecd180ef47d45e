"""A quiz's questions: hand-pick questions from the bank, order them, add random draws, and
preview one sample paper (nothing is written when previewing). Every change to the entries is an
edit of the quiz: it claims the version the page showed (services.versions), so a page opened
before someone else's change (or the settings saved meanwhile) changes nothing."""

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

from quizapp.core.assembly import make_snapshot
from quizapp.core.kinds import KINDS
from quizapp.core.review import describe_key
from quizapp.forms.questions import error_summary
from quizapp.forms.quizzes import AddDrawForm, AddQuestionForm, BankSearchForm, MoveForm
from quizapp.models import Quiz, Topic, db
from quizapp.services import quiz_builder as builder
from quizapp.services.attempt_start import new_paper_generator
from quizapp.services.versions import StaleEdit, claim
from quizapp.views.admin import bp
from quizapp.views.admin.quizzes import editable_quiz

STALE = (
    "Someone changed this quiz after you opened this page, so nothing was changed. "
    "Below is the quiz as it is now: make your change again if it still applies."
)


@bp.errorhandler(builder.SlotError)
def slot_error(error: builder.SlotError):
    db.session.rollback()  # nothing of a refused change stays
    quiz = editable_quiz(request.view_args["quiz_id"])
    return _page(quiz, error=error.message, status=error.status, error_field=error.field)


def _claim(quiz: Quiz, version: str | None) -> None:
    """Move the quiz to its next version, as every quiz edit does; refused on a stale page."""
    try:
        claim(quiz, version)
    except StaleEdit:
        raise builder.SlotError(STALE, 409) from None


def _topics() -> list[Topic]:
    return list(db.session.scalars(select(Topic).order_by(Topic.position, Topic.id)))


def _page(quiz: Quiz, draw_form=None, error: str = "", status: int = 200, error_field: str = ""):
    topics = _topics()
    search = BankSearchForm(request.args)
    search.topic.choices = [("", "Any section"), *((t.slug, t.title) for t in topics)]
    searched = search.validate() and bool(request.args)
    picked = [slot.question_id for slot in quiz.slots if slot.is_fixed]
    draw_form = draw_form or AddDrawForm()
    draw_form.set_topics(topics)
    return render_template(
        "admin/quizzes/questions.html",
        quiz=quiz,
        rows=builder.slot_rows(quiz),
        size=builder.paper_size(quiz),
        giveaways=builder.giveaway_warning(quiz),
        search=search,
        found=builder.search_bank(search.q.data or "", search.topic.data or "", picked)
        if searched
        else None,
        add_form=AddQuestionForm(),
        draw_form=draw_form,
        move_form=MoveForm(),
        kinds=KINDS,
        error="" if error_field else error,
        field_error=error if error_field else "",
        summary=([("question_id-error", "Question to add", error)] if error_field else [])
        + error_summary(draw_form),
    ), status


def _back(quiz: Quiz, message: str, **search):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("admin.quiz_questions", quiz_id=quiz.id, **search), 303)


def _search_args() -> dict[str, str]:
    """The bank search the page showed (its query string), kept after an Add so the next
    question can be picked from the same results."""
    kept = {name: request.args.get(name, "")[:100] for name in ("q", "topic")}
    return {name: value for name, value in kept.items() if value}


@bp.get("/quizzes/<id:quiz_id>/questions")
def quiz_questions(quiz_id: int):
    return _page(editable_quiz(quiz_id))


@bp.post("/quizzes/<id:quiz_id>/questions")
def quiz_add_question(quiz_id: int):
    quiz = editable_quiz(quiz_id)
    form = AddQuestionForm()
    if not form.validate_on_submit():
        raise builder.SlotError("Choose a question from the search results.", 400, "question_id")
    question = builder.add_question(quiz, form.question_id.data)
    _claim(quiz, form.version.data)
    search = _search_args()
    if search:
        search["_anchor"] = "found-title"
    return _back(quiz, f"Added: {question.prompt[:80]}", **search)


@bp.post("/quizzes/<id:quiz_id>/draws")
def quiz_add_draw(quiz_id: int):
    quiz = editable_quiz(quiz_id)
    form = AddDrawForm()
    form.set_topics(_topics())
    if not form.validate_on_submit():
        return _page(quiz, draw_form=form, status=422)
    topic = int(form.topic.data) if form.topic.data else None
    difficulty = int(form.difficulty.data) if form.difficulty.data else None
    slot = builder.add_draw(quiz, topic, form.kind.data, difficulty, form.count.data)
    _claim(quiz, form.version.data)
    return _back(quiz, f"Added a random draw of {slot.count}.")


@bp.post("/quizzes/<id:quiz_id>/slots/<id:slot_id>")
def quiz_slot(quiz_id: int, slot_id: int):
    quiz = editable_quiz(quiz_id)
    form = MoveForm()
    if not form.validate_on_submit():
        raise builder.SlotError("Use the Up, Down or Remove buttons.", 400)
    builder.quiz_slot(quiz, slot_id)  # an entry removed meanwhile: 404, whatever the version
    _claim(quiz, form.version.data)
    if form.action.data == "remove":
        builder.remove_slot(quiz, slot_id)
        return _back(quiz, "Removed.")
    moved = builder.move_slot(quiz, slot_id, -1 if form.action.data == "up" else 1)
    return _back(quiz, "Moved." if moved else "Already at that end.")


@bp.get("/quizzes/<id:quiz_id>/preview")
def quiz_preview(quiz_id: int):
    quiz = editable_quiz(quiz_id)
    _, rng = new_paper_generator()
    fixed = {slot.question_id for slot in quiz.slots if slot.is_fixed}
    paper = [
        (question, snapshot, describe_key(snapshot), question.id in fixed)
        for question in builder.draw_quiz_paper(quiz, rng)
        for snapshot in [make_snapshot(question, rng, quiz.shuffle)]
    ]
    return render_template(
        "admin/quizzes/preview.html",
        quiz=quiz,
        paper=paper,
        size=builder.paper_size(quiz),
        kinds=KINDS,
    )
