"""Database models. Import models from here: `from quizapp.models import db, User, Question`."""

from quizapp.models.accounts import LoginFailure, User
from quizapp.models.base import Base, db, utcnow
from quizapp.models.classes import Assignment, Membership, QuestionReport, ReviewItem, SchoolClass
from quizapp.models.content import Article, ArticleRevision, Choice, Question, Topic
from quizapp.models.quizzes import Attempt, AttemptItem, Quiz, QuizSlot, quiz_topic
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
    "Question",
    "QuestionReport",
    "Quiz",
    "QuizSlot",
    "QuizStat",
    "ReviewItem",
    "SchoolClass",
    "Topic",
    "User",
    "db",
    "quiz_topic",
    "utcnow",
]
