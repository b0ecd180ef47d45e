"""Every page shows a percentage by one rule (`|percent`, core.readable.readable_percent):
no ".0", one decimal when there is one, a space before % that does not break."""

import re

import pytest

from quizapp.core.readable import readable_percent

from attempt_helpers import answer, items, right_form, start, wrong_form
from conftest import quiz_id
from report_helpers import make_class, take, user_id


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0\u00a0%"),
        (-0.0, "0\u00a0%"),
        (100.0, "100\u00a0%"),
        (50, "50\u00a0%"),
        (66.66666, "66.7\u00a0%"),
        (72.5, "72.5\u00a0%"),
        (42.857, "42.9\u00a0%"),
        (99.97, "99.9\u00a0%"),  # short of full marks never reads 100 %
        (None, "–"),
    ],
)
def test_readable_percent(value, text):
    assert readable_percent(value) == text


def three_of_seven(app, client) -> int:
    attempt_id = start(client, quiz_id(app))
    for position, item in enumerate(items(app, attempt_id)):
        form = right_form(item.snapshot) if position < 3 else wrong_form(item.snapshot)
        assert answer(client, attempt_id, item, form).status_code == 303
    assert client.post(f"/attempts/{attempt_id}/submit").status_code == 303
    return attempt_id


def test_every_page_shows_percentages_by_one_rule(app, student, teacher):
    class_id = make_class(app, quizzes=((quiz_id(app), None),))
    take(student, app, right=True)
    attempt_id = three_of_seven(app, student)
    student_page = f"/admin/classes/{class_id}/students/{user_id(app, 'alice')}"
    pages = {
        url: client.get(url)
        for client, urls in (
            (
                student,
                [f"/attempts/{attempt_id}/result", "/history", "/quizzes", f"/classes/{class_id}"],
            ),
            (
                teacher,
                [
                    "/admin/",
                    "/admin/reports",
                    f"/admin/reports/quizzes/{quiz_id(app)}",
                    f"/admin/classes/{class_id}/gradebook",
                    student_page,
                ],
            ),
        )
        for url in urls
    }
    assert {url: page.status_code for url, page in pages.items() if page.status_code != 200} == {}
    texts = {url: page.text for url, page in pages.items()}
    # 3 of 7 is 42.857…; the average of 100 and that is 71.428….
    assert "(42.9\u00a0%)" in texts[f"/attempts/{attempt_id}/result"]
    assert "<td>100\u00a0%</td><td>42.9\u00a0%</td><td>71.4\u00a0%</td>" in texts["/history"]
    assert "average 71.4\u00a0%" in texts[f"/admin/reports/quizzes/{quiz_id(app)}"]
    assert "best 100\u00a0%" in texts[f"/admin/classes/{class_id}/gradebook"]
    assert "Best score</dt><dd>100\u00a0%" in texts["/quizzes"]
    for url, text in texts.items():
        assert not re.search(r"\d\.0\s*%", text), url  # no "100.0 %"
        assert not re.search(r"\d %", text), url  # every one through the filter
