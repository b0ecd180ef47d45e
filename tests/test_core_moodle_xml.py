"""core.moodle_xml: reading and writing Moodle XML (examples written from docs.moodle.org)."""

from pathlib import Path

import pytest

from quizapp.core.gift import GiftAnswer, GiftPair
from quizapp.core.import_plan import plan_import
from quizapp.core.kinds import KINDS
from quizapp.core.moodle_xml import MAX_BYTES, MoodleXmlError, read_moodle_xml
from quizapp.core.moodle_xml_writer import write_moodle_xml
from quizapp.core.question_gift import transfer_from_fields
from quizapp.core.questions import check_question

SAMPLE = (Path(__file__).parent / "data" / "moodle_sample.xml").read_bytes()
TOPICS = {"border": "The border"}


def test_the_documented_sample_reads_with_cdata_html_and_feedback():
    result = read_moodle_xml(SAMPLE)
    assert result.problems == ()
    kinds = [(q.line, q.kind) for q in result.questions]
    assert kinds == [
        (10, "single"),
        (48, "multiple"),
        (57, "true_false"),
        (64, "short_text"),
        (73, "numeric"),
        (84, "matching"),
        (94, "ordering"),
        (106, "essay"),
    ]
    single = result.questions[0]
    assert single.text == "<p>Which city did the <strong>strikes</strong> hit?</p>"
    assert (single.text_format, single.idnumber) == ("html", "x-single")
    assert single.category == "$course$/top/The border"
    assert single.answers[0] == GiftAnswer("<p>Kabul</p>", 1.0, "<p>Right.</p>")
    assert single.answers[1].feedback == "Lahore is in Pakistan."
    assert single.tags == ("difficulty:1", "anchor:border")
    assert result.questions[1].answers[2] == GiftAnswer("Lahore", -1.0, "No: Pakistan.")
    assert result.questions[4].answers == (
        GiftAnswer("1893", 1.0, "Right.", 1.0),
        GiftAnswer("*", 0.0, "No.", None),
    )
    assert result.questions[5].pairs[-1] == GiftPair("", "A distractor")


def test_the_sample_becomes_bank_questions_and_the_essay_is_skipped():
    plan = plan_import(read_moodle_xml(SAMPLE).questions, TOPICS, {})
    assert plan.problems == ()
    assert [p.line for p in plan.skipped] == [106]
    fields = {q.fields["kind"]: q.fields for q in plan.questions}
    assert fields["single"]["prompt"] == "Which city did the strikes hit?"
    assert fields["single"]["explanation"] == "Kabul is the capital."
    first = fields["single"]["choices"][0]
    assert first == {"text": "Kabul", "correct": True, "feedback": "Right."}
    assert (fields["single"]["difficulty"], fields["single"]["anchor"]) == (1, "border")
    assert [c["correct"] for c in fields["multiple"]["choices"]] == [True, True, False]
    assert fields["true_false"]["answer"] is True
    assert fields["short_text"]["accepted"] == ["Torkham", "Torkham crossing"]
    assert fields["short_text"]["prompt"] == "Name the crossing near Peshawar."
    assert (fields["numeric"]["answer"], fields["numeric"]["tolerance"]) == (1893.0, 1.0)
    assert len(fields["matching"]["pairs"]) == 3
    assert fields["ordering"]["items"] == ["Durand Line drawn", "Partition", "Border fence built"]
    assert {q.topic_slug for q in plan.questions} == {"border"}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_round_trips_through_moodle_xml(kind):
    fields = check_question(
        {
            "kind": kind,
            "key": f"k-{kind}",
            "prompt": "A <b>question</b> & its\n    indented line",
            "explanation": "Because ]]> and < are fine.",
            "difficulty": 3,
            "anchor": "p-2",
            **KINDS[kind].example(),
        }
    ).fields
    text = write_moodle_xml([transfer_from_fields(fields, "border")])
    plan = plan_import(read_moodle_xml(text.encode()).questions, TOPICS, {})
    assert plan.problems == () and plan.skipped == ()
    assert plan.questions[0].fields == fields
    assert plan.questions[0].topic_slug == "border"


def test_a_malformed_file_names_the_question_at_fault():
    broken = SAMPLE.replace(b"<text>Quetta</text>", b"<text>Quetta</txt>")
    with pytest.raises(MoodleXmlError) as error:
        read_moodle_xml(broken)
    message = str(error.value)
    assert message.startswith("The file is not well-formed XML (line 40, column")
    assert message.endswith("in the question “Capital” that starts on line 10.")


def test_a_question_that_cannot_be_read_is_a_problem_with_its_line_and_name():
    bad = SAMPLE.replace(b'fraction="50"><text>Kandahar', b'fraction="half"><text>Kandahar')
    result = read_moodle_xml(bad)
    assert [(p.line, p.message) for p in result.problems] == [
        (48, "“Cities”: The answer fraction 'half' is not a number.")
    ]
    no_text = read_moodle_xml(b'<quiz>\n<question type="truefalse"></question></quiz>')
    assert no_text.problems[0].message == "“question 1”: It has no <questiontext>."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaa">]>\n<quiz>&a;</quiz>',
            "declares a DTD or entities",
        ),
        (
            b'<!DOCTYPE quiz SYSTEM "file:///etc/passwd">\n<quiz></quiz>',
            "declares a DTD or entities",
        ),
        (b"<questions></questions>", "A Moodle XML file starts with <quiz>, not <questions>."),
        (b"<quiz>" + b" " * MAX_BYTES + b"</quiz>", "The file is larger than 2 MB."),
        (b"", "The file is not well-formed XML (line 1, column 1)."),
    ],
)
def test_unsafe_or_unreadable_files_are_refused(data, message):
    with pytest.raises(MoodleXmlError) as error:
        read_moodle_xml(data)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ('<answer fraction="150"><text>true</text></answer>', "outside -100..100"),
        ('<answer fraction="100"><text>maybe</text></answer>', "not 'maybe'"),
    ],
)
def test_answers_out_of_range_are_problems(answer, message):
    data = (
        '<quiz><question type="truefalse"><name><text>T</text></name>'
        f"<questiontext><text>Q</text></questiontext>{answer}</question></quiz>"
    ).encode()
    assert message in read_moodle_xml(data).problems[0].message


def test_unknown_formats_tolerances_and_places_are_problems():
    head = '<quiz><question type="{}"><questiontext format="{}"><text>Q</text></questiontext>'
    cases = [
        (head.format("numerical", "html") + "<answer><text>1</text><tolerance>x</tolerance>", "x"),
        (head.format("ordering", "html") + '<answer fraction="first"><text>a</text>', "place"),
        (head.format("shortanswer", "wiki") + "<answer><text>a</text>", "Unknown text format"),
    ]
    for body, fragment in cases:
        data = (body + "</answer></question></quiz>").encode()
        assert fragment in read_moodle_xml(data).problems[0].message


def test_questions_of_one_category_share_one_category_entry_and_may_have_no_tags():
    from quizapp.core.gift import GiftQuestion

    bare = GiftQuestion("q", "true_false", "Fine?", answers=(GiftAnswer("True", 1.0),))
    text = write_moodle_xml([bare, bare])
    assert '<question type="category">' not in text and "<tags>" not in text
    tagged = [GiftQuestion(**{**bare.__dict__, "category": "border"})] * 2
    assert write_moodle_xml(tagged).count('<question type="category">') == 1


def test_characters_xml_cannot_hold_are_left_out():
    from quizapp.core.gift import GiftQuestion

    odd = GiftQuestion(
        "q", "true_false", "Bell\x07 and\r\nbreak", answers=(GiftAnswer("True", 1.0),)
    )
    assert read_moodle_xml(write_moodle_xml([odd]).encode()).questions[0].text == "Bell and\nbreak"
