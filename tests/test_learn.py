"""The explainer pages render from the seeded content."""

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from quizapp.core.markdown import reading_minutes
from quizapp.core.quiz_settings import ASSESSMENT, SECTION_CHECK
from quizapp.models import Quiz, db
from quizapp.services import content as content_files

from conftest import make_app


@pytest.fixture
def seeded(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        db.create_all()
    assert app.test_cli_runner().invoke(args=["seed"]).exit_code == 0
    return app


SLUGS = [t.slug for t in content_files.topic_files()]


@pytest.mark.parametrize("slug", SLUGS)
def test_section_page(seeded, slug):
    client = seeded.test_client()
    page = client.get(f"/learn/{slug}").text
    topic = next(t for t in content_files.topic_files() if t.slug == slug)
    assert f"<h1>{topic.title}</h1>" in page.replace("&#39;", "'")
    assert "min read" in page and "Check your understanding" in page
    with seeded.app_context():
        check = db.session.scalar(select(Quiz.id).where(Quiz.slug == f"check-{slug}"))
    assert f'href="/quizzes/{check}"' in page
    for term in re.findall(r'href="/learn/glossary#([a-z0-9-]+)"', page):
        assert f'id="{term}"' in client.get("/learn/glossary").text


def test_the_section_check_is_found_by_purpose_not_by_slug(seeded):
    slug = SLUGS[0]
    with seeded.app_context():
        check = db.session.scalar(select(Quiz).where(Quiz.slug == f"check-{slug}"))
        check.purpose, check.slug = ASSESSMENT, "renamed-by-a-teacher"
        db.session.commit()
        check_id = check.id
    page = seeded.test_client().get(f"/learn/{slug}").text
    assert f'href="/quizzes/{check_id}"' not in page
    with seeded.app_context():
        db.session.get(Quiz, check_id).purpose = SECTION_CHECK
        db.session.commit()
    assert f'href="/quizzes/{check_id}"' in seeded.test_client().get(f"/learn/{slug}").text


def test_index_lists_every_section_with_reading_time(seeded):
    page = seeded.test_client().get("/learn").text
    for slug in SLUGS:
        assert f'href="/learn/{slug}"' in page
    assert page.count("min read") == len(SLUGS)


def test_the_readme_gives_the_explainers_length_as_it_is():
    """README: "six sections of four or five minutes' reading each"."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "six sections of four or five minutes' reading each" in " ".join(readme.split())
    topics = content_files.topic_files()
    assert len(topics) == 6
    assert {reading_minutes(t.body) for t in topics} <= {4, 5}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/learn/timeline", "12 November 1893"),
        ("/learn/map", "Torkham"),
        ("/learn/glossary", "Durand Line"),
        ("/learn/sources", "last checked 2026-11-24"),
        ("/", "Read the explainer"),
    ],
)
def test_reference_pages(seeded, url, expected):
    response = seeded.test_client().get(url)
    assert response.status_code == 200 and expected in response.text


def test_timeline_events_link_to_their_sections(seeded):
    page = seeded.test_client().get("/learn/timeline").text
    assert page.count('class="event"') == len(content_files.timeline())
    assert all(f'href="/learn/{e["topic"]}"' in page for e in content_files.timeline())


def test_map_has_a_text_alternative_for_every_place(seeded):
    page = seeded.test_client().get("/learn/map").text
    assert 'src="/static/img/map.svg' in page or "map." in page
    for place in content_files.map_places():
        assert place["name"] in page


def test_unknown_section_is_404(seeded):
    assert seeded.test_client().get("/learn/nope").status_code == 404
