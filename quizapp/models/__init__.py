"""Database models. Import models from here: `from quizapp.models import db, User, Question`."""

from quizapp.models.accounts import LoginFailure, PasswordReset, Registration, User
from quizapp.models.audit import QuestionChange
from quizapp.models.base import Base, db, utcnow
from quizapp.models.classes import Assignment, Membership, QuestionReport, ReviewItem, SchoolClass
from quizapp.models.content import (
    Article,
    ArticleRevision,
    Choice,
    Question,
    Topic,
    TopicRevision,
    question_never_with,
)
from quizapp.models.quizzes import Attempt, AttemptItem, Quiz, QuizSlot, Regrade, quiz_topic
from quizapp.models.stats import ItemStat, OptionStat, QuizStat

__all__ = [
    "Article",
    "ArticleRevision",
    "Assignment",
    "Attempt",
    "AttemptItem",
    "Base",
    "Choice",
    "ItemStat",
    "LoginFailure",
    "Membership",
    "OptionStat",
    "PasswordReset",
    "Question",
    "QuestionChange",
    "QuestionReport",
    "Quiz",
    "QuizSlot",
    "QuizStat",
    "Regrade",
    "Registration",
    "ReviewItem",
    "SchoolClass",
    "Topic",
    "TopicRevision",
    "User",
    "db",
    "question_never_with",
    "quiz_topic",
    "utcnow",
]
