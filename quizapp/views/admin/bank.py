"""The question bank's list: filter by section, kind, status, origin, difficulty or text; sort
by a column; page through. A question's own pages are in `views.admin.questions`."""

from flask import current_app, render_template, request
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from quizapp.core.questions import may_edit
from quizapp.core.tables import Sort, read_sort
from quizapp.forms.questions import KIND_LABELS, BankFilterForm, options
from quizapp.models import Question, Topic, db
from quizapp.services.bank import BANK_COLUMNS, NEWEST, sorted_bank
from quizapp.services.pagination import page_number, paginate
from quizapp.views.admin import bp


def _sections() -> list[Topic]:
    return list(db.session.scalars(select(Topic).order_by(Topic.position, Topic.id)))


def _bank_query(filters: dict):
    query = select(Question).options(selectinload(Question.topic))
    for name in ("kind", "status", "origin"):
        if filters.get(name):
            query = query.where(getattr(Question, name) == filters[name])
    if filters.get("difficulty"):
        query = query.where(Question.difficulty == int(filters["difficulty"]))
    if filters.get("topic"):
        query = query.join(Topic, Question.topic_id == Topic.id).where(
            Topic.slug == filters["topic"]
        )
    if filters.get("q"):
        words = filters["q"].lower()
        query = query.where(
            or_(
                *(
                    func.lower(column).contains(words, autoescape=True)
                    for column in (Question.prompt, Question.explanation, Question.key)
                )
            )
        )
    return query


@bp.get("/questions")
def questions():
    form = BankFilterForm(request.args)
    form.topic.choices = options([("", "Any section"), *((t.slug, t.title) for t in _sections())])
    if not form.validate():
        return _render_bank(form, [], 1, 1, 0, {}), 400
    filters = {k: v for k, v in form.data.items() if v}
    sort = read_sort(request.args.get("sort"), request.args.get("dir"), BANK_COLUMNS, NEWEST)
    query = sorted_bank(_bank_query(filters), sort)
    found = paginate(query, page_number(request.args.get("page")), current_app.config["PAGE_SIZE"])
    return _render_bank(form, found.items, found.page, found.pages, found.total, filters, sort)


def _render_bank(form, rows, page, pages, total, filters, sort=NEWEST):
    editable = {
        q.id for q in rows if may_edit(current_user.is_admin, current_user.id, q.created_by_id)
    }
    return render_template(
        "admin/questions/index.html",
        form=form,
        rows=rows,
        page=page,
        pages=pages,
        total=total,
        filters=filters,
        kinds=KIND_LABELS,
        editable=editable,
        sort=sort,
        paged=filters if sort is NEWEST else {**filters, **_sort_args(sort)},
    )


def _sort_args(sort: Sort) -> dict:
    return {"sort": sort.column, "dir": "desc" if sort.descending else "asc"}
