"""Moodle XML through the admin page and the CLI, and the CSV with every option."""

import csv
import io
from pathlib import Path

from admin_helpers import question_by_key, question_count
from sqlalchemy import delete, select

from quizapp.models import Choice, Question, db
from quizapp.services.bank import fields_from_question

from conftest import login, make_app, seed_tiny

SAMPLE = (Path(__file__).parent / "data" / "moodle_sample.xml").read_bytes()


def upload(client, data: bytes, name: str = "bank.xml", **fields):
    return client.post(
        "/admin/gift/import",
        data={"file": (io.BytesIO(data), name), **fields},
        content_type="multipart/form-data",
    )


def _empty_bank(path):
    path.mkdir()
    app = make_app(path)
    seed_tiny(app)
    with app.app_context():
        db.session.execute(delete(Choice))
        db.session.execute(delete(Question))
        db.session.commit()
    return app


def _bank(app) -> dict:
    with app.app_context():
        return {
            q.key: (fields_from_question(q), q.topic.slug if q.topic else None)
            for q in db.session.scalars(select(Question))
        }


def test_page_export_then_import_into_an_empty_bank_gives_the_same_questions(
    teacher, app, tmp_path
):
    response = teacher.get("/admin/gift/export?format=xml")
    assert response.headers["Content-Disposition"] == 'attachment; filename="quizapp-all.xml"'
    assert response.mimetype == "application/xml"
    other = _empty_bank(tmp_path / "other")
    client = other.test_client()
    login(client, "tess")
    assert upload(client, response.data).status_code == 303
    copies, originals = _bank(other), _bank(app)
    assert copies == originals and len(copies) == 7  # every kind, ordering included
    with other.app_context():
        db.engine.dispose()


def test_cli_export_xml_then_import_into_an_empty_bank(app, tmp_path):
    exported = app.test_cli_runner().invoke(args=["questions", "export", "--format", "xml"])
    assert exported.exit_code == 0 and "Exported 7 question(s)." in exported.stderr
    path = tmp_path / "bank.xml"
    path.write_text(exported.stdout, encoding="utf-8")
    other = _empty_bank(tmp_path / "other")
    result = other.test_cli_runner().invoke(args=["questions", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Added 7 questions." in result.stdout
    assert _bank(other) == _bank(app)
    again = other.test_cli_runner().invoke(args=["questions", "import", str(path), "--dry-run"])
    assert "Compared with the bank: 7 unchanged, 0 changed, 0 new." in again.stdout
    with other.app_context():
        db.engine.dispose()


def test_cli_reads_xml_by_format_whatever_the_name(app, tmp_path):
    path = tmp_path / "bank.txt"
    path.write_bytes(SAMPLE)
    runner = app.test_cli_runner()
    as_gift = runner.invoke(args=["questions", "import", str(path), "--dry-run"])
    assert "The file has no question the bank can take." in as_gift.stdout  # read as GIFT
    result = runner.invoke(args=["questions", "import", str(path), "--format", "xml"])
    assert result.exit_code == 0, result.output
    assert "bank.txt:106: skipped: Essay questions are not supported" in result.stderr
    assert question_by_key(app, "x-single").topic.slug == "border"


def test_the_page_imports_the_documented_sample(teacher, app):
    before = question_count(app)
    response = upload(teacher, SAMPLE, "moodle.xml", dry_run="y")
    assert response.status_code == 200
    assert "0 unchanged, 0 changed, 7 new" in response.text
    assert question_count(app) == before
    assert upload(teacher, SAMPLE, "moodle.xml").status_code == 303
    assert question_count(app) == before + 7
    single = question_by_key(app, "x-single")
    assert [(c.text, c.is_correct, c.feedback) for c in single.choices][0] == (
        "Kabul",
        True,
        "Right.",
    )


def test_a_malformed_xml_file_imports_nothing_and_names_the_question(teacher, app):
    before = question_count(app)
    broken = SAMPLE.replace(b"<text>Quetta</text>", b"<text>Quetta</txt>")
    response = upload(teacher, broken)
    assert response.status_code == 422
    assert "in the question “Capital” that starts on line 10." in response.text
    bad = SAMPLE.replace(b'fraction="50"><text>Kandahar', b'fraction="half"><text>Kandahar')
    response = upload(teacher, bad)
    assert response.status_code == 422
    assert "<li>Line 48: “Cities”: The answer fraction &#39;half&#39; is not a number." in (
        response.text
    )
    assert question_count(app) == before


def test_an_xml_bomb_is_refused(teacher, app):
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<quiz>&b;</quiz>'
    )
    response = upload(teacher, bomb)
    assert response.status_code == 422 and "declares a DTD or entities" in response.text


def test_csv_has_every_option_with_correctness_and_feedback(teacher):
    rows = list(csv.DictReader(io.StringIO(teacher.get("/admin/questions.csv").text)))
    by_key = {row["key"]: row for row in rows}
    single = by_key["t-single"]
    assert [(single[f"option_{n}"], single[f"option_{n}_correct"]) for n in (1, 2, 3)] == [
        ("The Durand Line", "yes"),
        ("The Radcliffe Line", "no"),
        ("The McMahon Line", "no"),
    ]
    assert single["option_1_feedback"] == ""
    matching = by_key["t-matching"]
    assert matching["option_1_match"] and matching["option_1_correct"] == ""
    assert by_key["t-short"]["option_1"] == ""
    header = list(rows[0])
    assert header[13:17] == ["option_1", "option_1_correct", "option_1_feedback", "option_1_match"]
    assert len(rows) == 7  # one row per question


def test_csv_option_feedback_is_written(teacher, app):
    with app.app_context():
        choice = db.session.scalar(select(Choice).where(Choice.text == "The Radcliffe Line"))
        choice.feedback = "=That one is in Punjab."
        db.session.commit()
    rows = list(csv.DictReader(io.StringIO(teacher.get("/admin/questions.csv").text)))
    single = next(row for row in rows if row["key"] == "t-single")
    assert single["option_2_feedback"] == "'=That one is in Punjab."


def test_cli_export_csv(app):
    result = app.test_cli_runner().invoke(args=["questions", "export", "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.startswith("id,key,topic,kind,")
    assert "option_1_correct" in result.stdout.splitlines()[0]
