"""Every paginated page pages through one helper, with the page number clamped: past the end
shows the last page, below 1 or not a number the first, and nothing asked for is a 500."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from quizapp.models import Attempt, Question, User, db, utcnow
from quizapp.services.pagination import MAX_PAGE, page_number, paginate

from conftest import logged_in, quiz_id
from report_helpers import make_class, user_id

ATTEMPTS = 5  # at 2 a page: 3 pages


@pytest.mark.parametrize(
    "text, number",
    [
        (None, 1),
        ("", 1),
        ("3", 3),
        (" 3 ", 3),
        ("0", 0),  # paginate makes it 1
        ("-2", 1),
        ("abc", 1),
        ("2.5", 1),
        ("1e3", 1),
        ("²", 1),  # a digit to str.isdigit, not to int()
        ("9" * 10, MAX_PAGE),
        ("9" * 5000, MAX_PAGE),  # longer than int() reads
    ],
)
def test_page_number(text, number):
    assert page_number(text) == number


def _questions(app, page: int, per_page: int):
    with app.app_context():
        found = paginate(select(Question).order_by(Question.id), page, per_page)
        total = db.session.scalar(select(func.count()).select_from(Question))
        return found, total


@pytest.mark.parametrize("asked, shown", [(1, 1), (2, 2), (4, 4), (5, 4), (MAX_PAGE, 4), (0, 1)])
def test_paginate_clamps_to_the_pages_there_are(app, asked, shown):
    found, total = _questions(app, asked, 2)
    assert (found.page, found.pages, found.total) == (shown, -(-total // 2), total)
    assert len(found.items) == (2 if shown < found.pages else total - 2 * (found.pages - 1))


def test_paginate_with_nothing_to_show_has_one_empty_page(app):
    with app.app_context():
        found = paginate(select(User).where(User.username == "nobody"), 7, 2)
    assert (found.items, found.page, found.pages, found.total) == ([], 1, 1, 0)


@pytest.fixture
def paged(app):
    """alice with ATTEMPTS submitted attempts, in a class of tess; two rows a page."""
    app.config["PAGE_SIZE"] = 2
    alice, quiz = user_id(app, "alice"), quiz_id(app)
    start = utcnow() - timedelta(days=1)
    with app.app_context():
        for number in range(1, ATTEMPTS + 1):
            when = start + timedelta(minutes=number)
            db.session.add(
                Attempt(
                    user_id=alice,
                    quiz_id=quiz,
                    attempt_no=number,
                    seed=str(number),
                    status="submitted",
                    started_at=when,
                    submitted_at=when,
                    score=1,
                    max_score=2,
                )
            )
        db.session.commit()
    class_id = make_class(app)
    return {
        "/history": (logged_in(app, "alice"), 3),
        f"/admin/classes/{class_id}/students/{alice}": (logged_in(app, "tess"), 3),
        "/admin/questions": (logged_in(app, "tess"), 4),  # the tiny seed's 7 questions
    }


@pytest.mark.parametrize("url", [0, 1, 2], ids=["history", "class student", "question bank"])
@pytest.mark.parametrize(
    "asked, where",
    [
        ("2", "2"),
        ("99999", "last"),
        ("9" * 40, "last"),
        ("0", "first"),
        ("-3", "first"),
        ("abc", "first"),
        ("%C2%B2", "first"),
        ("", "first"),
    ],
)
def test_every_paginated_page_clamps_the_page_number(paged, url, asked, where):
    path = list(paged)[url]
    client, pages = paged[path]
    response = client.get(f"{path}?page={asked}")
    assert response.status_code == 200
    shown = {"first": 1, "last": pages}.get(where) or int(where)
    assert f"Page {shown} of {pages}" in response.text
