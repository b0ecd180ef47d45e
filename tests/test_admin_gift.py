"""GIFT import and export through the page, and the CSV listing."""

import csv
import io

import pytest
from admin_helpers import flashes, question_by_key, question_count, question_form
from sqlalchemy import delete, select

from quizapp.models import Choice, Question, User, db
from quizapp.services.bank import fields_from_question

from conftest import login, make_app, seed_tiny

GOOD = """// Questions on the border, for Moodle.
$CATEGORY: $course$/top/The border

// [id:g-single] [tag:difficulty:1] [tag:anchor:border]
::Capital::Which city did the strikes hit? {=Kabul#Right. ~Lahore#Lahore is in Pakistan. ~Quetta}

::tf:: The strikes happened in 2026. {T####Reported in February 2026.}

::short:: Name the crossing near Peshawar. {=Torkham =Torkham crossing}

::num:: In which year was the line agreed? {#1893:0}

::match:: Match them. {=TTP -> Pakistani Taliban =BLA -> Baloch separatists =PoR -> Proof}

::multi:: Which cities? {~%50%Kabul ~%50%Kandahar ~%-100%Lahore}

::essay:: Write about the strikes. {}

Just a description, no question.
"""

BAD = """::ok:: A fine question. {T}

::open:: The block never closes. {=a ~b

::weights:: Bad weights. {~%50%a ~%20%b}

::two:: Two right answers in a single choice. {=a =b ~c}

::pairs:: Too few pairs. {=a -> 1 =b -> 2}

// [id:t-single]
::clash:: Uses a taken id. {T}
"""


def upload(client, data: bytes, name: str = "questions.gift", **fields):
    return client.post(
        "/admin/gift/import",
        data={"file": (io.BytesIO(data), name), **fields},
        content_type="multipart/form-data",
    )


def test_import_through_the_page(teacher, app):
    before = question_count(app)
    response = upload(teacher, GOOD.encode())
    assert response.headers["Location"] == "/admin/questions?origin=imported"
    message = flashes(teacher.get(response.headers["Location"]).text)[0]
    assert message.startswith("Added 6 questions. Skipped 2: line 17: Essay questions")
    assert "line 19: Description questions are not supported" in message
    assert question_count(app) == before + 6
    single = question_by_key(app, "g-single")
    assert (single.origin, single.status, single.topic.slug) == ("imported", "draft", "border")
    assert (single.difficulty, single.anchor) == (1, "border")
    assert [(c.text, c.is_correct, c.feedback) for c in single.choices] == [
        ("Kabul", True, "Right."),
        ("Lahore", False, "Lahore is in Pakistan."),
        ("Quetta", False, ""),
    ]
    with app.app_context():
        tess = db.session.scalar(select(User.id).where(User.username == "tess"))
        imported = db.session.scalars(select(Question).where(Question.origin == "imported"))
        assert {(q.kind, q.created_by_id) for q in imported} == {
            (kind, tess)
            for kind in ("single", "true_false", "short_text", "numeric", "matching", "multiple")
        }
        tf = db.session.scalar(
            select(Question).where(Question.kind == "true_false", Question.origin == "imported")
        )
        assert tf.explanation == "Reported in February 2026." and tf.key.startswith("q-")


def test_a_matching_question_whose_prompts_share_a_match_imports(teacher, app):
    """Moodle lets two prompts share a match (city -> country); so does the bank."""
    shared = (
        "// [id:g-cities]\n::Cities:: Match each city to its country. {\n"
        "=Kabul -> Afghanistan\n=Islamabad -> Pakistan\n=Kandahar -> Afghanistan\n}\n"
    )
    before = question_count(app)
    assert upload(teacher, shared.encode()).status_code == 303
    assert question_count(app) == before + 1
    cities = question_by_key(app, "g-cities")
    assert [c.match_text for c in cities.choices] == ["Afghanistan", "Pakistan", "Afghanistan"]
    twice = shared.replace("=Kandahar", "=Kabul")
    refused = upload(teacher, twice.replace("g-cities", "g-twice").encode())
    assert "“Kabul” is given twice" in refused.text and question_count(app) == before + 1


def test_import_can_publish_at_once(teacher, app):
    upload(teacher, GOOD.encode(), publish="y")
    assert question_by_key(app, "g-single").status == "published"


def test_dry_run_lists_the_questions_and_saves_nothing(teacher, app):
    before = question_count(app)
    response = upload(teacher, GOOD.encode(), dry_run="y")
    assert response.status_code == 200
    assert (
        "The file is fine. Compared with the bank: 0 unchanged, 0 changed, 6 new. "
        "It would add 6 questions. Nothing was saved"
    ) in response.text
    assert "<td>5</td><td>Single choice</td><td>Which city did the strikes hit?</td>" in (
        response.text
    )
    assert question_count(app) == before


def test_a_file_with_problems_imports_nothing_and_lists_each_with_its_line(teacher, app):
    before = question_count(app)
    response = upload(teacher, BAD.encode())
    assert response.status_code == 422
    assert "Nothing was imported: 5 problems" in response.text
    for line, text in [
        (3, "The answer block opened with &#39;{&#39; is not closed with &#39;}&#39;."),
        (5, "The positive weights add up to 70%, not 100%."),
        (7, "Choices: Mark exactly one option as correct (now 2)."),
        (9, "Pairs: Give at least 3 pairs (now 2)."),
        (12, "The id &#39;t-single&#39; belongs to a single question in the bank, but this one"),
    ]:
        assert f"<li>Line {line}: {text}" in response.text
    assert question_count(app) == before


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            "::q:: Café? {T}".encode("latin-1"),
            "q.gift",
            "The file is not UTF-8 text (invalid byte at position 9). Save it as UTF-8",
        ),
        (b"%PDF-1.4", "q.pdf", "Upload a .gift or .txt file (GIFT text, UTF-8) or a .xml file"),
        (b"", "", "Choose a file to upload."),
    ],
)
def test_unreadable_uploads_get_a_clear_message(teacher, app, data, name, message):
    before = question_count(app)
    response = upload(teacher, data, name)
    assert response.status_code == 422 and message in response.text
    assert question_count(app) == before


def test_utf8_with_byte_order_mark_is_read(teacher, app):
    response = upload(teacher, "\ufeff// [id:bom]\n::q:: Is this read? {T}\n".encode())
    assert response.status_code == 303
    assert question_by_key(app, "bom").prompt == "Is this read?"


def test_oversized_upload_is_refused_with_413(tmp_path):
    app = make_app(tmp_path, MAX_CONTENT_LENGTH=1024)
    seed_tiny(app)
    client = app.test_client()
    login(client, "tess")
    response = upload(client, b"::q:: x {T}\n" * 200)
    assert response.status_code == 413 and "That upload is too large." in response.text
    assert question_count(app) == 7
    with app.app_context():
        db.engine.dispose()


def test_export_all_skips_ordering_and_says_so(teacher):
    response = teacher.get("/admin/gift/export")
    assert response.headers["Content-Disposition"] == 'attachment; filename="quizapp-all.gift"'
    assert response.mimetype == "text/plain"
    text = response.text
    assert text.startswith("// Not exported: t-ordering: ordering questions have no GIFT type\n")
    assert "$CATEGORY: border" in text and "// [id:t-single] [tag:difficulty:2]" in text
    assert text.count("::t-") == 6


def test_export_page_warns_about_ordering_questions(teacher):
    page = teacher.get("/admin/gift").text
    assert "1 ordering question will be skipped" in page


def test_export_one_topic_and_unknown_topic(teacher, app):
    teacher.post(
        "/admin/questions/new/true_false",
        data=question_form(app, "true_false", topic_id="0", key="no-topic"),
    )
    one = teacher.get("/admin/gift/export?topic=border").text
    assert "::t-single::" in one and "no-topic" not in one
    assert "[id:no-topic]" in teacher.get("/admin/gift/export").text
    assert teacher.get("/admin/gift/export?topic=nowhere").status_code == 404


def _empty_bank(path):
    path.mkdir()
    app = make_app(path)
    seed_tiny(app)
    with app.app_context():
        db.session.execute(delete(Choice))
        db.session.execute(delete(Question))
        db.session.commit()
    return app


def test_export_then_import_round_trip_preserves_the_questions(teacher, app, tmp_path):
    exported = teacher.get("/admin/gift/export").data
    other = _empty_bank(tmp_path / "other")
    client = other.test_client()
    login(client, "tess")
    assert upload(client, exported).status_code == 303
    with app.app_context():
        originals = {
            q.key: fields_from_question(q)
            for q in db.session.scalars(select(Question).where(Question.kind != "ordering"))
        }
    with other.app_context():
        copies = {q.key: fields_from_question(q) for q in db.session.scalars(select(Question))}
        topics = {q.topic.slug for q in db.session.scalars(select(Question))}
        other_engine = db.engine
    assert copies == originals and topics == {"border"}
    other_engine.dispose()


def test_csv_lists_every_question_with_its_answer_and_defuses_formulas(teacher, app):
    teacher.post(
        "/admin/questions/new/short_text",
        data=question_form(app, "short_text", prompt='=HYPERLINK("x")', accepted="+42"),
    )
    response = teacher.get("/admin/questions.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="quizapp-questions-'
    )
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 8
    by_key = {row["key"]: row for row in rows}
    assert by_key["t-multiple"]["answer"] == "Torkham, Chaman"
    assert by_key["t-numeric"]["answer"] == "1893"
    assert by_key["t-ordering"]["answer"] == "Soviet invasion → Soviet withdrawal → PoR cards"
    injected = next(
        row
        for row in rows
        if row["kind"] == "short_text" and row["origin"] == "curated" and row["key"] != "t-short"
    )
    assert injected["prompt"] == '\'=HYPERLINK("x")' and injected["answer"] == "'+42"


def test_export_skips_what_gift_cannot_express_and_says_why(teacher, app):
    data = question_form(app, "matching", key="arrows", **{"pairs-0-prompt": "Kabul -> Delhi"})
    assert teacher.post("/admin/questions/new/matching", data=data).status_code == 303
    text = teacher.get("/admin/gift/export").text
    assert (
        "// Not exported: arrows: The matching prompt 'Kabul -> Delhi' contains '->', "
        "which GIFT cannot express."
    ) in text
    assert "[id:arrows]" not in text and "[id:t-matching]" in text
