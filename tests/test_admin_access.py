"""Role matrix for every route of the question bank, quiz builder, sections and import/export."""

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import login

MODULES = {
    "quizapp.views.admin.bank",
    "quizapp.views.admin.questions",
    "quizapp.views.admin.quizzes",
    "quizapp.views.admin.topics",
    "quizapp.views.admin.transfer",
}
# (endpoint, method, URL, status for a teacher, status for an admin) with an empty POST body.
ROUTES = [
    ("admin.questions", "GET", "/admin/questions", 200, 200),
    ("admin.question_kinds", "GET", "/admin/questions/new", 200, 200),
    ("admin.question_new", "GET", "/admin/questions/new/single", 200, 200),
    ("admin.question_new", "POST", "/admin/questions/new/single", 422, 422),
    ("admin.question_preview", "GET", "/admin/questions/1", 200, 200),
    ("admin.question_edit", "GET", "/admin/questions/1/edit", 200, 200),
    ("admin.question_edit", "POST", "/admin/questions/1/edit", 422, 422),
    ("admin.question_status", "POST", "/admin/questions/1/status", 400, 400),
    ("admin.question_duplicate", "POST", "/admin/questions/1/duplicate", 303, 303),
    ("admin.quizzes", "GET", "/admin/quizzes", 200, 200),
    ("admin.quiz_new", "GET", "/admin/quizzes/new", 200, 200),
    ("admin.quiz_new", "POST", "/admin/quizzes/new", 422, 422),
    ("admin.quiz_edit", "GET", "/admin/quizzes/1/edit", 200, 200),
    ("admin.quiz_edit", "POST", "/admin/quizzes/1/edit", 422, 422),
    ("admin.topics", "GET", "/admin/topics", 200, 200),
    ("admin.topic_new", "GET", "/admin/topics/new", 200, 200),
    ("admin.topic_new", "POST", "/admin/topics/new", 422, 422),
    ("admin.topic_edit", "GET", "/admin/topics/1/edit", 200, 200),
    ("admin.topic_edit", "POST", "/admin/topics/1/edit", 422, 422),
    ("admin.topic_history", "GET", "/admin/topics/1/history", 200, 200),
    # No revision yet: the seeded text becomes revision 1 at the first edit.
    ("admin.topic_revision", "GET", "/admin/topics/1/revisions/1", 404, 404),
    ("admin.topic_restore", "POST", "/admin/topics/1/revisions/1/restore", 404, 404),
    ("admin.gift", "GET", "/admin/gift", 200, 200),
    ("admin.gift_import", "POST", "/admin/gift/import", 422, 422),
    ("admin.gift_export", "GET", "/admin/gift/export", 200, 200),
    ("admin.questions_csv", "GET", "/admin/questions.csv", 200, 200),
    ("admin.backup", "GET", "/admin/backup.json", 200, 200),
    ("admin.restore_backup", "POST", "/admin/restore", 403, 422),
]


def test_every_route_of_these_modules_is_in_the_matrix(app):
    declared = {(endpoint, method) for endpoint, method, *_ in ROUTES}
    found = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if app.view_functions[rule.endpoint].__module__ in MODULES
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert found == declared


@pytest.mark.parametrize(("endpoint", "method", "url", "for_teacher", "for_admin"), ROUTES)
def test_role_matrix(app, endpoint, method, url, for_teacher, for_admin):
    anonymous = app.test_client().open(url, method=method, data={})
    location = urlsplit(anonymous.headers.get("Location", ""))
    assert anonymous.status_code == 302 and location.path == "/login"
    assert parse_qs(location.query)["next"] == [url]
    expected = {"alice": 403, "tess": for_teacher, "ada": for_admin}
    for username, status in expected.items():
        client = app.test_client()
        login(client, username)
        assert client.open(url, method=method, data={}).status_code == status, username
