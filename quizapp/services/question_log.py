"""Who changed which question, when, through what and which fields (question_changes): a
GIFT or Moodle XML import writes its rows in services/transfer.py, the question form here."""

from collections.abc import Mapping

from sqlalchemy import select

from quizapp.core.import_plan import Existing, changed_fields
from quizapp.models import Question, QuestionChange, User, db

FORM_SOURCE = "question form"
SHOWN = 10


def log_edit(
    question: Question,
    before: Existing,
    fields: Mapping,
    topic_slug: str | None,
    user_id: int,
    also: tuple[str, ...] = (),
) -> None:
    """Record a form edit of `question` when it changed anything (a save of the same text
    is not a change); `also` names fields changed outside `fields` ("use", "never with")."""
    changed = changed_fields({**fields, "kind": question.kind}, before, topic_slug)
    if topic_slug is None and before.topic_slug is not None:
        changed = (*changed, "section")
    changed = (*changed, *also)
    if changed:
        db.session.add(
            QuestionChange(
                question_id=question.id,
                changed_by_id=user_id,
                source=FORM_SOURCE,
                fields=list(changed),
            )
        )


def recent_changes(question_id: int) -> list[tuple[QuestionChange, str | None]]:
    """The latest changes of a question, newest first, with who made them."""
    rows = db.session.execute(
        select(QuestionChange, User.username)
        .outerjoin(User, User.id == QuestionChange.changed_by_id)
        .where(QuestionChange.question_id == question_id)
        .order_by(QuestionChange.changed_at.desc(), QuestionChange.id.desc())
        .limit(SHOWN)
    ).all()
    return [(change, username) for change, username in rows]
