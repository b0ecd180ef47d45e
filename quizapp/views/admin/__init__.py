"""The teachers' area under /admin. One role check guards every route of the blueprint.

Feature modules (question bank, quizzes, topics, GIFT, articles, classes, reports) add their
routes to `bp`; they are imported at the bottom so the guard applies to all of them.
"""

from flask import Blueprint, abort, current_app, render_template
from flask_login import current_user

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def require_teacher():
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not current_user.is_teacher:
        abort(403)
    return None


@bp.get("/")
def index():
    return render_template("admin/index.html")


from quizapp.views.admin import (  # noqa: E402, F401
    articles,
    classes,
    questions,
    quiz_papers,
    quizzes,
    reports,
    topics,
    transfer,
    users,
)
