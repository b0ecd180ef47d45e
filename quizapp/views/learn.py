"""The explainer: sections, timeline, map, glossary and sources."""

from dataclasses import dataclass
from functools import lru_cache

from flask import Blueprint, abort, render_template
from markupsafe import Markup
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import aliased

from quizapp.core.markdown import render
from quizapp.core.quiz_settings import SECTION_CHECK
from quizapp.core.timeline import layout
from quizapp.models import Quiz, Topic, db, quiz_topic
from quizapp.services import content as content_files
from quizapp.web import page_cache

bp = Blueprint("learn", __name__)
# The explainer blueprint serves the site's pages, so it brings fingerprinted static URLs along.


@lru_cache(maxsize=64)
def _rendered(topic_id: int, updated_at, body: str):
    # Keyed by the row's update time: an edited section renders afresh.
    return render(body)


def topics() -> list[Topic]:
    return list(db.session.scalars(select(Topic).order_by(Topic.position)))


@bp.get("/")
def home():
    return render_template("learn/home.html", topics=topics())


@bp.get("/learn")
def index():
    items = [(t, _rendered(t.id, t.updated_at, t.body).minutes) for t in topics()]
    return render_template("learn/index.html", items=items, total=sum(m for _, m in items))


@dataclass(frozen=True)
class SectionPage:
    title: str
    html: Markup  # the page's content, the same for every visitor


# One small query gives the state of everything a section's content is made from.
_CHECKED = aliased(Topic)  # the section the check belongs to, apart from the outer count
SECTION_STATE = select(
    func.max(Topic.updated_at),
    func.count(Topic.id),
    select(func.min(Quiz.id))
    .join(quiz_topic, quiz_topic.c.quiz_id == Quiz.id)
    .join(_CHECKED, _CHECKED.id == quiz_topic.c.topic_id)
    .where(Quiz.purpose == SECTION_CHECK, Quiz.is_published, _CHECKED.slug == bindparam("slug"))
    .scalar_subquery(),
)


@bp.get("/learn/<slug>")
def section(slug: str):
    [(updated, count, check)] = page_cache.read_state(SECTION_STATE, slug=slug)
    key = ("section", slug, updated, count, check)
    page = page_cache.cached(key, lambda: _section_page(slug, check))
    return page_cache.whole_page(
        key, lambda: render_template("learn/section.html", title=page.title, content=page.html)
    )


def _section_page(slug: str, check_quiz_id: int | None) -> SectionPage:
    all_topics = topics()
    position = next((i for i, t in enumerate(all_topics) if t.slug == slug), None)
    if position is None:
        abort(404)
    topic = all_topics[position]
    html = render_template(
        "learn/_section.html",
        topic=topic,
        rendered=_rendered(topic.id, topic.updated_at, topic.body),
        previous=all_topics[position - 1] if position else None,
        following=all_topics[position + 1] if position + 1 < len(all_topics) else None,
        check_quiz_id=check_quiz_id,
    )
    # Markup is safe here: `html` is the output of an autoescaped template.
    return SectionPage(topic.title, Markup(html))  # nosec B704


@bp.get("/learn/timeline")
def timeline():
    return render_template(
        "learn/timeline.html", eras=layout(content_files.timeline()), titles=_titles()
    )


@bp.get("/learn/map")
def map_page():
    return render_template("learn/map.html", places=content_files.map_places(), titles=_titles())


@bp.get("/learn/glossary")
def glossary():
    terms = sorted(content_files.glossary(), key=lambda t: t["term"].casefold())
    return render_template("learn/glossary.html", terms=terms, titles=_titles())


@bp.get("/learn/sources")
def sources():
    return render_template("learn/sources.html", sources=content_files.sources(), titles=_titles())


def _titles() -> dict[str, str]:
    return {slug: title for slug, title in db.session.execute(select(Topic.slug, Topic.title))}
