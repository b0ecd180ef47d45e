"""Item statistics kept up to date as attempts are submitted (see services/item_stats.py).

Sums over a quiz's submitted attempts, so item analysis reads a few rows per question instead
of every answer ever given. `flask stats rebuild` recomputes them from the attempts.
"""

from sqlalchemy import Float, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.models.base import db


class QuizStat(db.Model):
    """Per quiz: submitted attempts, those with a percentage, and the sum of the percentages."""

    __tablename__ = "quiz_stats"

    quiz_id: Mapped[int] = mapped_column(
        ForeignKey("quizzes.id", ondelete="CASCADE"), primary_key=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    scored: Mapped[int] = mapped_column(Integer, default=0)
    sum_percent: Mapped[float] = mapped_column(Float, default=0)


class ItemStat(db.Model):
    """Per (quiz, question): the sums `core.item_analysis.ItemSums` holds, plus how many answered.
    `x` is the rest score: the attempt's score on the other questions, as a fraction."""

    __tablename__ = "item_stats"

    quiz_id: Mapped[int] = mapped_column(
        ForeignKey("quizzes.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    n: Mapped[int] = mapped_column(Integer, default=0)
    n_right: Mapped[int] = mapped_column(Integer, default=0)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    sum_x: Mapped[float] = mapped_column(Float, default=0)
    sum_x2: Mapped[float] = mapped_column(Float, default=0)
    sum_x_right: Mapped[float] = mapped_column(Float, default=0)


class OptionStat(db.Model):
    """Per (quiz, question, option text as shown): how many submitted answers chose it."""

    __tablename__ = "option_stats"

    quiz_id: Mapped[int] = mapped_column(
        ForeignKey("quizzes.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    text: Mapped[str] = mapped_column(Text, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
