"""A student's own score history."""

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from quizapp.models import Attempt, db

bp = Blueprint("history", __name__)


@bp.get("/history")
@login_required
def index():
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and len(page) < 6 else 1
    size = current_app.config["PAGE_SIZE"]
    mine = Attempt.user_id == current_user.id
    total = db.session.scalar(select(func.count()).select_from(Attempt).where(mine))
    attempts = db.session.scalars(
        select(Attempt)
        .where(mine)
        .options(joinedload(Attempt.quiz))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        .limit(size)
        .offset((page - 1) * size)
    ).all()
    pages = max(1, -(-total // size))
    return render_template(
        "history/index.html", attempts=attempts, page=page, pages=pages, total=total
    )
