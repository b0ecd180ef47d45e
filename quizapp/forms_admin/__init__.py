"""Forms of the teachers' area (/admin): they check shape; quizapp.core decides the rest."""

from quizapp.forms_admin.other import (
    GiftExportForm,
    GiftImportForm,
    QuizForm,
    RestoreForm,
    TopicForm,
)
from quizapp.forms_admin.questions import (
    KIND_LABELS,
    QUESTION_FORMS,
    BankFilterForm,
    QuestionForm,
    StatusForm,
    VersionForm,
)

__all__ = [
    "KIND_LABELS",
    "QUESTION_FORMS",
    "BankFilterForm",
    "GiftExportForm",
    "GiftImportForm",
    "QuestionForm",
    "QuizForm",
    "RestoreForm",
    "StatusForm",
    "TopicForm",
    "VersionForm",
]
