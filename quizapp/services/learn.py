"""The explainer as the learn pages show it: sections in order, each one's rendered Markdown
and reading time, its neighbours and the check quiz that follows it."""

from dataclasses import dataclass

from sqlalchemy import func, select

from quizapp.core.markdown import Rendered, reading_minutes, render
from quizapp.core.quiz_settings import SECTION_CHECK
from quizapp.models import Quiz, Topic, db, quiz_topic


@dataclass(frozen=True)
class SectionPage:
    topic: Topic
    rendered: Rendered
    previous: Topic | None
    following: Topic | None
    check_quiz_id: int | None


def topics() -> list[Topic]:
    return list(db.session.scalars(select(Topic).order_by(Topic.position)))


def reading_list() -> list[tuple[Topic, int]]:
    """Every section with its reading time in minutes."""
    return [(topic, reading_minutes(topic.body)) for topic in topics()]


def section_page(slug: str) -> SectionPage | None:
    """The section `slug` with what its page shows around it; None if there is none."""
    all_topics = topics()
    position = next((i for i, t in enumerate(all_topics) if t.slug == slug), None)
    if position is None:
        return None
    check = db.session.scalar(
        select(func.min(Quiz.id))
        .join(quiz_topic, quiz_topic.c.quiz_id == Quiz.id)
        .where(
            Quiz.purpose == SECTION_CHECK,
            Quiz.is_published,
            quiz_topic.c.topic_id == all_topics[position].id,
        )
    )
    return SectionPage(
        topic=all_topics[position],
        rendered=render(all_topics[position].body),
        previous=all_topics[position - 1] if position else None,
        following=all_topics[position + 1] if position + 1 < len(all_topics) else None,
        check_quiz_id=check,
    )


def section_titles() -> dict[str, str]:
    return {slug: title for slug, title in db.session.execute(select(Topic.slug, Topic.title))}
