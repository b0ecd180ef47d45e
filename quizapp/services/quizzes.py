"""The quiz list: published quizzes open now, with their sections' titles."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from quizapp.models import Quiz, Topic, db, quiz_topic
from quizapp.services.attempts import quiz_is_open


@dataclass(frozen=True)
class ListedTopic:
    title: str


@dataclass(frozen=True)
class ListedQuiz:
    """What the quiz list shows of a quiz (and what `quiz_is_open` reads)."""

    id: int
    title: str
    description: str
    question_count: int
    time_limit_minutes: int | None
    opens_at: datetime | None
    closes_at: datetime | None
    topics: tuple[ListedTopic, ...]
    is_published: bool = True


# Built once: a statement costs to build, and plain rows cost less than ORM objects.
PUBLISHED_QUIZZES = (
    select(
        Quiz.id,
        Quiz.title,
        Quiz.description,
        Quiz.question_count,
        Quiz.time_limit_minutes,
        Quiz.opens_at,
        Quiz.closes_at,
        Topic.title,
    )
    .outerjoin(quiz_topic, quiz_topic.c.quiz_id == Quiz.id)
    .outerjoin(Topic, Topic.id == quiz_topic.c.topic_id)
    .where(Quiz.is_published)
    .order_by(Quiz.id, Topic.position)
)


def open_quizzes(now: datetime) -> list[ListedQuiz]:
    """Published quizzes open at `now`, with their sections' titles, in one query."""
    quizzes: dict[int, tuple] = {}
    for *fields, topic_title in db.session.execute(PUBLISHED_QUIZZES):
        _, titles = quizzes.setdefault(fields[0], (fields, []))
        if topic_title is not None:
            titles.append(ListedTopic(topic_title))
    listed = [ListedQuiz(*fields, topics=tuple(titles)) for fields, titles in quizzes.values()]
    return [quiz for quiz in listed if quiz_is_open(quiz, now)]
