"""Out-of-range ids and oversized or deeply nested uploads get a 4xx with a clear message,
never a 500 (SQLite raises OverflowError for integers of 2**63 and more)."""

import io
import json

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from quizapp.models import Quiz, db

HUGE = ["2147483648", "9223372036854775808", "99999999999999999999", "1" + "0" * 40]


@pytest.mark.parametrize("number", HUGE)
def test_huge_ids_in_student_urls_are_404(student, number):
    assert student.get(f"/quizzes/{number}").status_code == 404
    assert student.post(f"/quizzes/{number}/start").status_code == 404


@pytest.mark.parametrize("number", HUGE)
def test_huge_ids_in_teacher_urls_are_404(admin, number):
    assert admin.get(f"/admin/questions/{number}").status_code == 404
    assert admin.get(f"/admin/reports/quizzes/{number}").status_code == 404
    assert admin.post(f"/admin/users/{number}/disable").status_code == 404


def test_the_largest_storable_id_is_an_ordinary_not_found(student):
    assert student.get(f"/quizzes/{2**31 - 1}").status_code == 404
    assert student.get("/quizzes/0").status_code == 404


def test_a_huge_class_filter_is_ignored(admin, app):
    with app.app_context():
        quiz_id = db.session.scalar(db.select(Quiz.id).limit(1))
    response = admin.get(f"/admin/reports/quizzes/{quiz_id}?class={HUGE[1]}")
    assert response.status_code == 200


def restore(client, data: bytes):
    # Encoded in memory: the test client would spool a large body to a file it never closes.
    boundary, body = encode_multipart({"backup": FileStorage(io.BytesIO(data), "backup.json")})
    return client.post(
        "/admin/restore", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def test_a_deeply_nested_restore_is_refused(admin):
    response = restore(admin, b"[" * 50_000 + b"]" * 50_000)
    assert response.status_code == 422
    assert "nests lists or objects more than 8 deep" in response.text


def test_brackets_inside_strings_do_not_count_as_nesting(admin):
    doc = {"format": "quizapp-backup", "note": "[[[[[[[[[[[[{{{{{{{{{{"}
    response = restore(admin, json.dumps(doc).encode())
    assert "nests lists" not in response.text


def test_an_oversized_restore_is_refused(admin):
    doc = json.dumps({"padding": "x" * 1_600_000}).encode()
    response = restore(admin, doc)
    assert response.status_code in (413, 422)
    assert "larger than 1500 kB" in response.text or response.status_code == 413
