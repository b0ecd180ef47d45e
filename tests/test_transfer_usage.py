"""A question's *Drawn into* (`use`) and *Never on the same paper as* pairs travel with it
through GIFT and Moodle XML (as `use:` and `never-with:<id>` tags) and the JSON backup, and an
import reads them back."""

import io
import json

import pytest
from sqlalchemy import delete, select

from quizapp.models import (
    Choice,
    Question,
    QuestionChange,
    Quiz,
    QuizSlot,
    db,
    question_never_with,
    quiz_topic,
)
from quizapp.services.never_with import partner_keys

from conftest import login, make_app, seed_tiny

FORMATS = {"gift": "bank.gift", "xml": "bank.xml"}


def run(app, *args):
    return app.test_cli_runner().invoke(args=["questions", *args])


def mark(app, uses: dict[str, str], pairs: list[tuple[str, str]]) -> None:
    with app.app_context():
        ids = dict(db.session.execute(select(Question.key, Question.id)).all())
        for key, use in uses.items():
            db.session.get(Question, ids[key]).use = use
        for a, b in pairs:
            low, high = sorted((ids[a], ids[b]))
            db.session.execute(question_never_with.insert().values(question_id=low, other_id=high))
        db.session.commit()


def usage(app) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Key → (use, partners' keys) for every question of the bank."""
    with app.app_context():
        questions = list(db.session.scalars(select(Question)))
        partners = partner_keys([q.id for q in questions])
        return {q.key: (q.use, partners.get(q.id, ())) for q in questions}


def versions(app) -> dict[str, int]:
    with app.app_context():
        return dict(db.session.execute(select(Question.key, Question.version)).all())


def empty_bank(tmp_path):
    """Another app with the tiny seed's sections and users but no question or quiz."""
    tmp_path = tmp_path / "other"
    tmp_path.mkdir()
    other = make_app(tmp_path)
    seed_tiny(other)
    with other.app_context():
        db.session.execute(delete(quiz_topic))
        for model in (QuizSlot, Quiz, Choice, Question):
            db.session.execute(delete(model))
        db.session.commit()
    return other


MARKED = {"t-single": "check", "t-tf": "both", "t-ordering": "both"}
PAIRS = [("t-single", "t-short"), ("t-tf", "t-numeric"), ("t-tf", "t-single")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_carries_use_and_pairs_into_an_empty_bank(app, tmp_path, fmt):
    mark(app, MARKED, PAIRS)
    text = run(app, "export", "--format", fmt).stdout
    assert "use:check" in text and "never-with:t-short" in text
    path = tmp_path / FORMATS[fmt]
    path.write_text(text, encoding="utf-8")
    other = empty_bank(tmp_path)
    result = run(other, "import", str(path))
    assert result.exit_code == 0, result.output
    expected = usage(app)
    if fmt == "gift":  # GIFT has no ordering type: that question (and its pairs) stay behind
        expected.pop("t-ordering")
    assert usage(other) == expected
    assert usage(other)["t-tf"] == ("both", ("t-numeric", "t-single"))
    with other.app_context():
        db.engine.dispose()


def edit_tags(text: str, key: str, old: str, new: str) -> str:
    line = next(line for line in text.splitlines() if line.startswith(f"// [id:{key}]"))
    return text.replace(line, line.replace(old, new))


def test_an_edited_use_or_pair_updates_both_questions(app, tmp_path):
    text = run(app, "export").stdout
    edited = edit_tags(text, "t-single", "[tag:use:graded]", "[tag:use:both] [tag:never-with:t-tf]")
    path = tmp_path / "bank.gift"
    path.write_text(edited, encoding="utf-8")
    before = versions(app)
    dry = run(app, "import", str(path), "--dry-run")
    assert "t-single changed (use, never with)" in dry.stdout, dry.output
    assert usage(app)["t-single"] == ("graded", ())
    assert run(app, "import", str(path)).exit_code == 0
    assert usage(app)["t-single"] == ("both", ("t-tf",))
    assert usage(app)["t-tf"] == ("graded", ("t-single",))  # the pair works both ways
    after = versions(app)
    assert after["t-tf"] == before["t-tf"] + 1  # a stale form of the partner is refused
    with app.app_context():
        logged = db.session.execute(
            select(Question.key, QuestionChange.source, QuestionChange.fields).join(Question)
        ).all()
    assert ("t-tf", "GIFT import of bank.gift", ["never with"]) in [tuple(r) for r in logged]
    again = run(app, "export").stdout
    assert again == edit_tags(
        edited, "t-tf", "[tag:use:graded]", "[tag:use:graded] [tag:never-with:t-single]"
    )


def test_a_file_without_use_tags_leaves_use_and_pairs_as_they_are(app, tmp_path):
    mark(app, MARKED, PAIRS)
    text = run(app, "export").stdout
    plain = "\n".join(
        " ".join(w for w in line.split(" ") if not w.startswith(("[tag:use:", "[tag:never-with:")))
        for line in text.splitlines()
    )
    assert "use:" not in plain  # as a file from Moodle without these tags
    path = tmp_path / "bank.gift"
    path.write_text(plain, encoding="utf-8")
    before = usage(app)
    dry = run(app, "import", str(path), "--dry-run")
    assert "0 changed" in dry.stdout, dry.output
    assert run(app, "import", str(path)).exit_code == 0
    assert usage(app) == before


def test_an_unknown_use_is_a_problem_and_an_unknown_partner_is_left_out(app, tmp_path):
    text = run(app, "export").stdout
    path = tmp_path / "bank.gift"
    path.write_text(edit_tags(text, "t-single", "use:graded", "use:sometimes"), encoding="utf-8")
    result = run(app, "import", str(path))
    assert (
        result.exit_code != 0 and "use:sometimes: say one of graded, check, both." in result.output
    )
    assert usage(app)["t-single"] == ("graded", ())
    ghost = edit_tags(
        text, "t-single", "[tag:use:graded]", "[tag:use:graded] [tag:never-with:q-gone]"
    )
    path.write_text(ghost, encoding="utf-8")
    result = run(app, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "never-with:q-gone: no question has this id." in result.output
    assert usage(app)["t-single"] == ("graded", ())


def restore(client, doc: dict):
    data = json.dumps(doc).encode()
    return client.post(
        "/admin/restore",
        data={"backup": (io.BytesIO(data), "backup.json")},
        content_type="multipart/form-data",
    )


def test_the_backup_carries_use_and_pairs_into_an_empty_bank(app, admin, tmp_path):
    mark(app, MARKED, PAIRS)
    doc = admin.get("/admin/backup.json").json
    row = next(q for q in doc["questions"] if q["key"] == "t-tf")
    assert row["use"] == "both" and row["never_with"] == ["t-numeric", "t-single"]
    other = empty_bank(tmp_path)
    client = other.test_client()
    login(client, "ada")
    assert restore(client, doc).status_code == 303
    assert usage(other) == usage(app)
    with other.app_context():
        db.engine.dispose()


def test_a_restore_replaces_the_pairs_only_where_the_file_gives_them(app, admin):
    doc = admin.get("/admin/backup.json").json  # no pairs yet
    mark(app, {}, PAIRS)
    before = versions(app)
    older = json.loads(json.dumps(doc))
    for row in older["questions"]:
        row.pop("never_with")  # an export made before pairs were kept
    assert restore(admin, older).status_code == 303
    assert usage(app)["t-tf"] == ("graded", ("t-numeric", "t-single"))
    assert restore(admin, doc).status_code == 303  # this file says: no pairs
    assert all(partners == () for _, partners in usage(app).values())
    assert versions(app)["t-short"] > before["t-short"]  # a stale form of a partner is refused


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("t-short", "never_with must be a list of at most 1000 keys."),
        ([1], "never_with must be a list of at most 1000 keys."),
        (["t-gone"], "A question is never drawn with 't-gone', which is neither in the file"),
    ],
)
def test_a_bad_never_with_in_a_backup_restores_nothing(app, admin, value, message):
    doc = admin.get("/admin/backup.json").json
    doc["questions"][0]["never_with"] = value
    doc["questions"][0]["prompt"] = "Changed."
    response = restore(admin, doc)
    assert response.status_code == 422 and message in response.text.replace("&#39;", "'")
    assert all(partners == () for _, partners in usage(app).values())
    with app.app_context():
        assert db.session.scalar(select(Question).where(Question.prompt == "Changed.")) is None


def test_the_export_page_says_which_formats_carry_use_and_pairs(teacher):
    page = teacher.get("/admin/gift").text
    assert 'id="usage-travels"' in page
    assert "travel in GIFT and Moodle XML as tags" in page and "the CSV has neither" in page
