"""The explainer's paragraphs a question can point at, for the question form's list."""

from dataclasses import dataclass

from sqlalchemy import select

from quizapp.core.markdown import paragraphs, render
from quizapp.models import Topic, db


@dataclass(frozen=True)
class Section:
    topic_id: int
    title: str
    paragraphs: tuple[tuple[str, str], ...]  # (paragraph id, the start of its text)

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(anchor for anchor, _ in self.paragraphs)


def explainer_sections() -> dict[int, Section]:
    """topic id → its section, in the explainer's order, with every paragraph id it renders."""
    found = {}
    for topic in db.session.scalars(select(Topic).order_by(Topic.position, Topic.id)):
        rendered = render(topic.body or "")
        texts = dict(paragraphs(rendered.html))
        listed = tuple((anchor, texts.get(anchor, "")) for anchor in rendered.anchors)
        found[topic.id] = Section(topic.id, topic.title, listed)
    return found
