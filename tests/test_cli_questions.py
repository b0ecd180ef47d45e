"""`flask questions import | export`: GIFT in and out from the command line."""

import json

from admin_helpers import question_by_key, question_count
from sqlalchemy import delete, select

from quizapp.models import Choice, Question, db
from quizapp.services.bank import fields_from_question

from conftest import make_app, seed_tiny

GIFT = """$CATEGORY: border

// [id:cli-tf] [tag:difficulty:3]
::tf:: The strikes happened in 2026. {T}

::num:: In which year was the line agreed? {#1893:1}

::essay:: Write about it. {}
"""


def run(app, *args):
    return app.test_cli_runner().invoke(args=["questions", *args])


def write(tmp_path, text: str | bytes, name: str = "in.gift"):
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return str(path)


def test_dry_run_as_json_prints_the_parsed_questions(app, tmp_path):
    result = run(app, "import", write(tmp_path, GIFT), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.stdout)
    assert [q["kind"] for q in parsed] == ["true_false", "numeric", "essay"]
    assert parsed[0] == {
        "name": "tf",
        "kind": "true_false",
        "text": "The strikes happened in 2026.",
        "text_format": "moodle",
        "general_feedback": "",
        "answers": [
            {"text": "True", "fraction": 1.0, "feedback": "", "tolerance": None},
            {"text": "False", "fraction": 0.0, "feedback": "", "tolerance": None},
        ],
        "pairs": [],
        "tags": ["difficulty:3"],
        "idnumber": "cli-tf",
        "category": "border",
    }
    assert parsed[1]["answers"][0]["tolerance"] == 1.0
    assert "Compared with the bank: 0 unchanged, 0 changed, 2 new." in result.stderr
    assert "Dry run, nothing saved. It would add 2 questions." in result.stderr
    assert "in.gift:8: skipped: Essay questions are not supported" in result.stderr
    assert question_count(app) == 7


def test_import_writes_the_questions(app, tmp_path):
    result = run(app, "import", write(tmp_path, GIFT), "--publish")
    assert result.exit_code == 0 and "Added 2 questions." in result.stdout
    question = question_by_key(app, "cli-tf")
    assert (question.origin, question.status, question.difficulty) == ("imported", "published", 3)
    assert question.topic.slug == "border" and question.created_by_id is None
    assert question_count(app) == 9


def test_import_from_standard_input(app):
    result = app.test_cli_runner().invoke(args=["questions", "import", "-"], input=GIFT.encode())
    assert result.exit_code == 0 and "Added 2 questions." in result.stdout


def test_a_file_with_problems_imports_nothing(app, tmp_path):
    bad = GIFT + "\n::broken:: No end {=a ~b\n\n::dup:: Pick one. {=x =y ~z}\n"
    result = run(app, "import", write(tmp_path, bad))
    assert result.exit_code == 1
    assert "in.gift:10: The answer block opened with '{' is not closed with '}'." in result.stderr
    assert "in.gift:12: Choices: Mark exactly one option as correct (now 2)." in result.stderr
    assert "Error: 2 problem(s): nothing was imported." in result.stderr
    assert question_count(app) == 7


def test_a_file_that_is_not_utf8_is_refused(app, tmp_path):
    result = run(app, "import", write(tmp_path, "::q:: Café {T}".encode("cp1252")))
    assert result.exit_code == 1 and "The file is not UTF-8 text" in result.stderr


def test_export_writes_gift_to_standard_output(app):
    result = run(app, "export")
    assert result.exit_code == 0
    assert "::t-single::Which line is the border?{" in result.stdout
    assert "Not exported: t-ordering: ordering questions have no GIFT type" in result.stderr
    assert "Exported 6 question(s)." in result.stderr
    assert run(app, "export", "--topic", "border").stdout == result.stdout


def test_export_of_an_unknown_topic_fails(app):
    result = run(app, "export", "--topic", "nowhere")
    assert result.exit_code == 1 and "No section has the address 'nowhere'." in result.stderr


def test_export_then_import_round_trip(app, tmp_path):
    exported = run(app, "export").stdout
    other_path = tmp_path / "other"
    other_path.mkdir()
    other = make_app(other_path)
    seed_tiny(other)
    with other.app_context():
        db.session.execute(delete(Choice))
        db.session.execute(delete(Question))
        db.session.commit()
    assert run(other, "import", write(tmp_path, exported)).exit_code == 0
    with app.app_context():
        originals = [
            fields_from_question(q)
            for q in db.session.scalars(
                select(Question).where(Question.kind != "ordering").order_by(Question.key)
            )
        ]
    with other.app_context():
        copies = [
            fields_from_question(q)
            for q in db.session.scalars(select(Question).order_by(Question.key))
        ]
    assert copies == originals
