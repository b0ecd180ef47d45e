"""Who changed which question, when and how (kept small: one row per changed question)."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.models.base import db, utcnow


class QuestionChange(db.Model):
    """A question overwritten by an import: by whom (None from the command line), through
    what (e.g. "GIFT import of bank.gift"), and the names of the fields that changed."""

    __tablename__ = "question_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(200))
    fields: Mapped[list] = mapped_column(JSON, default=list)
