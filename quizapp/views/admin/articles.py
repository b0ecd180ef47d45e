"""Articles: paste or upload a text, review the questions generated from it, build a quiz."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import or_, select

from quizapp.core.generation import GenerationError
from quizapp.core.generation.check_words import plain_checks
from quizapp.core.provenance import Span, highlight_segments
from quizapp.core.questions import may_edit
from quizapp.forms.articles import ArticleForm, BulkForm, ReviseForm
from quizapp.forms.questions import KIND_LABELS
from quizapp.models import Article, Question, User, db, utcnow
from quizapp.services import articles as service
from quizapp.views.admin import bp


def _article(article_id: int) -> Article:
    """The article, if the current user may review it: its author, an admin, or anyone for
    the seeded (unowned) one, as for questions."""
    article = db.get_or_404(Article, article_id)
    if not may_edit(current_user.is_admin, current_user.id, article.created_by_id):
        abort(403)
    return article


def _question(article: Article, question_id: int) -> Question:
    question = db.get_or_404(Question, question_id)
    if question.article_revision is None or question.article_revision.article_id != article.id:
        abort(404)
    return question


def _to_article(article: Article, fragment: str = ""):
    return redirect(url_for("admin.article", article_id=article.id) + fragment, 303)


def _own_articles() -> list[Article]:
    query = select(Article).order_by(Article.created_at.desc(), Article.id.desc())
    if not current_user.is_admin:
        query = query.where(
            or_(Article.created_by_id == current_user.id, Article.created_by_id.is_(None))
        )
    return list(db.session.scalars(query))


@bp.route("/articles", methods=["GET", "POST"])
def articles():
    form = ArticleForm()
    if form.validate_on_submit():
        try:
            article = service.create_article(
                form.title.data.strip(), form.source_url.data or "", form.text.data, current_user.id
            )
        except GenerationError as error:
            db.session.rollback()
            form.text.errors = [str(error)]
        else:
            db.session.commit()
            count = len(service.article_questions(article))
            flash(
                f"Generated {count} draft question{'' if count == 1 else 's'}. "
                "Review them beside the text.",
                "success",
            )
            return _to_article(article)
    status = 422 if form.errors else 200
    return render_template("admin/articles/index.html", form=form, articles=_own_articles()), status


def _approvers(questions: list[Question]) -> dict[int, str]:
    ids = {q.approved_by_id for q in questions if q.approved_by_id}
    if not ids:
        return {}
    rows = db.session.execute(select(User.id, User.username).where(User.id.in_(ids))).all()
    return {user_id: username for user_id, username in rows}


def _page(
    article: Article,
    status: int = 200,
    revise: ReviseForm | None = None,
    bulk: BulkForm | None = None,
):
    """The review page: the text with highlighted source sentences beside the questions."""
    revision = article.revisions[-1]
    questions = service.article_questions(article)
    spans = [Span(q.source_start or 0, q.source_end or 0) for q in questions]
    return render_template(
        "admin/articles/detail.html",
        article=article,
        revision=revision,
        questions=questions,
        segments=highlight_segments(revision.text, spans),
        revise=revise or ReviseForm(text=revision.text),
        bulk=bulk or BulkForm(),
        approvers=_approvers(questions),
        kinds=KIND_LABELS,
        check_words={q.id: plain_checks(q.generation_checks or []) for q in questions},
        drafts=sum(q.status == "draft" for q in questions),
        approved=sum(q.status == "published" for q in questions),
    ), status


@bp.get("/articles/<id:article_id>")
def article(article_id: int):
    return _page(_article(article_id))


@bp.post("/articles/<id:article_id>/revise")
def revise(article_id: int):
    article, form = _article(article_id), ReviseForm()
    if not form.validate_on_submit():
        return _page(article, 422, revise=form)
    if form.text.data == article.revisions[-1].text:
        flash("The text is unchanged: no new revision.", "info")
        return _to_article(article)
    try:
        service.revise_article(article, form.text.data, current_user.id)
    except GenerationError as error:
        db.session.rollback()
        form.text.errors = [str(error)]
        return _page(article, 422, revise=form)
    db.session.commit()
    flash(
        "Saved a new revision. Approved questions whose sentence changed are marked "
        "“needs review”.",
        "success",
    )
    return _to_article(article)


@bp.post("/articles/<id:article_id>/questions/<id:question_id>/<any(approve, reject):action>")
def review(article_id: int, question_id: int, action: str):
    article = _article(article_id)
    question = _question(article, question_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        if action == "approve":
            service.approve(question, current_user.id, utcnow())
        else:
            service.reject(question)
    except service.ReviewError as error:
        flash(str(error), "error")
        return _page(article, 409)
    db.session.commit()
    flash(
        "Approved: the question is in the bank."
        if action == "approve"
        else "Rejected: students will not see it.",
        "success",
    )
    return _to_article(article, f"#q-{question.id}")


@bp.post("/articles/<id:article_id>/approve-top")
def approve_top(article_id: int):
    article, form = _article(article_id), BulkForm()
    if not form.validate_on_submit():
        return _page(article, 422, bulk=form)
    approved = service.approve_top(article, form.count.data, current_user.id, utcnow())
    db.session.commit()
    flash(f"Approved {len(approved)} question{'' if len(approved) == 1 else 's'}.", "success")
    return _to_article(article)


@bp.post("/articles/<id:article_id>/quiz")
def make_quiz(article_id: int):
    article = _article(article_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if not service.article_questions(article, status="published"):
        flash("Approve at least one question first.", "error")
        return _page(article, 409)
    quiz = service.article_quiz(article, current_user.id, publish=False)
    db.session.commit()
    flash(
        "Quiz saved as a draft: check its settings, then tick Published when students may see it.",
        "success",
    )
    return redirect(url_for("admin.quiz_edit", quiz_id=quiz.id), 303)
