"""The explainer: sections, timeline, map, glossary and sources."""

from flask import Blueprint, abort, render_template

from quizapp.core.timeline import layout
from quizapp.services import content as content_files
from quizapp.services.learn import reading_list, section_page, section_titles, topics

bp = Blueprint("learn", __name__)
# The explainer blueprint serves the site's pages, so it brings fingerprinted static URLs along.


@bp.get("/")
def home():
    return render_template("learn/home.html", topics=topics())


@bp.get("/learn")
def index():
    items = reading_list()
    return render_template("learn/index.html", items=items, total=sum(m for _, m in items))


@bp.get("/learn/<slug>")
def section(slug: str):
    page = section_page(slug)
    if page is None:
        abort(404)
    return render_template("learn/section.html", page=page)


@bp.get("/learn/timeline")
def timeline():
    return render_template(
        "learn/timeline.html", eras=layout(content_files.timeline()), titles=section_titles()
    )


@bp.get("/learn/map")
def map_page():
    places = content_files.map_places()
    return render_template("learn/map.html", places=places, titles=section_titles())


@bp.get("/learn/glossary")
def glossary():
    terms = sorted(content_files.glossary(), key=lambda t: t["term"].casefold())
    return render_template("learn/glossary.html", terms=terms, titles=section_titles())


@bp.get("/learn/sources")
def sources():
    sources = content_files.sources()
    return render_template("learn/sources.html", sources=sources, titles=section_titles())
