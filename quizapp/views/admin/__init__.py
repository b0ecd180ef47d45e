"""The teachers' area under /admin. One role check guards every route of the blueprint.

Feature modules (question bank, quizzes, topics, GIFT, articles, classes, reports) add their
routes to `bp`; they are imported at the bottom so the guard applies to all of them.
"""

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user

from quizapp.models import utcnow
from quizapp.services.teaching import attention

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def require_teacher():
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if not current_user.is_teacher:
        abort(403)
    return None


# The teaching navigation's item for an endpoint: the first matching prefix wins.
_SECTIONS = (
    ("admin.question_report", "admin.reports"),
    ("admin.resolve_report", "admin.reports"),
    ("admin.item_analysis", "admin.reports"),
    ("admin.report", "admin.reports"),
    ("admin.question", "admin.questions"),
    ("admin.quiz", "admin.quizzes"),
    ("admin.class", "admin.classes"),
    ("admin.gradebook", "admin.classes"),
    ("admin.export_", "admin.classes"),
    ("admin.article", "admin.articles"),
    ("admin.topic", "admin.topics"),
    ("admin.gift", "admin.gift"),
    ("admin.user", "admin.users"),
    ("admin.index", "admin.index"),
)


def admin_section(endpoint: str | None) -> str | None:
    """The teaching navigation item that `endpoint` belongs to (marked as the current page)."""
    return next((item for prefix, item in _SECTIONS if (endpoint or "").startswith(prefix)), None)


@bp.context_processor
def teaching_section():
    return {"admin_section": admin_section(request.endpoint)}


@bp.get("/")
def index():
    now = utcnow()
    return render_template("admin/index.html", attention=attention(current_user, now), now=now)


from quizapp.views.admin import (  # noqa: E402, F401
    articles,
    bank,
    class_accounts,
    classes,
    questions,
    quiz_papers,
    quizzes,
    regrades,
    reports,
    student_data,
    topics,
    transfer,
    users,
)
