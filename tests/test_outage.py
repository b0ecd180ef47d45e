"""A database that cannot be reached gets a calm 503 page with Retry-After, never a bare error:
the page itself needs no database (the site header would load the user from it)."""

import pytest

from conftest import make_app

UNREACHABLE = {
    "sqlite": "sqlite:////nonexistent-quizapp-dir/quizapp.sqlite",
    "postgresql": "postgresql+psycopg://quizapp:x@127.0.0.1:1/quizapp",  # nothing listens on 1
}


@pytest.fixture(params=sorted(UNREACHABLE))
def down_client(request, tmp_path):
    app = make_app(tmp_path, SQLALCHEMY_DATABASE_URI=UNREACHABLE[request.param])
    return app.test_client()


def assert_outage_page(response):
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "Back in a moment" in response.text
    assert "was not saved" in response.text
    assert "Traceback" not in response.text


@pytest.mark.parametrize("path", ["/", "/quizzes", "/learn/what-happened", "/history"])
def test_pages_answer_503_when_the_database_is_down(down_client, path):
    response = down_client.get(path)
    if response.status_code in (302, 303):  # a login redirect needs no database: follow it
        response = down_client.get(response.headers["Location"])
    assert response.status_code in (200, 503)
    if response.status_code == 503:
        assert_outage_page(response)


def test_a_logged_in_visitor_gets_the_outage_page_not_a_bare_error(down_client):
    with down_client.session_transaction() as session:
        session["_user_id"] = "1:some-session-token"
    assert_outage_page(down_client.get("/quizzes"))


def test_logging_in_during_an_outage_says_so(down_client):
    response = down_client.post("/login", data={"username": "sam", "password": "x" * 12})
    assert_outage_page(response)
