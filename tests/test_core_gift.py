"""Reading and writing Moodle GIFT; expected values follow Moodle's documentation and importer."""

import random
from dataclasses import replace

import pytest

from quizapp.core.gift import (
    IMPORTABLE_KINDS,
    GiftAnswer,
    GiftError,
    GiftPair,
    GiftProblem,
    GiftQuestion,
    decode_gift,
    parse_gift,
    to_json_dict,
    write_gift,
)


def A(text, fraction=1.0, feedback="", tolerance=None):  # noqa: N802 - reads like a table row
    return GiftAnswer(text, fraction, feedback, tolerance)


def TF(is_true, right_feedback="", wrong_feedback=""):  # noqa: N802
    """True/false answers as the parser gives them: the right one has fraction 1."""
    return (
        A("True", 1.0 if is_true else 0.0, right_feedback if is_true else wrong_feedback),
        A("False", 0.0 if is_true else 1.0, wrong_feedback if is_true else right_feedback),
    )


def only(source: str) -> GiftQuestion:
    result = parse_gift(source)
    assert result.problems == ()
    assert len(result.questions) == 1
    return result.questions[0]


# --- Question kinds, with the examples of Moodle's GIFT documentation and importer tests ------

KIND_CASES = [
    ("::Q1:: 1+1=2 {T}", "true_false", "1+1=2", TF(True)),
    (
        "Grant was buried in a tomb in New York City.{TRUE}",
        "true_false",
        "Grant was buried in a tomb in New York City.",
        TF(True),
    ),
    ("The sun rises in the West.{F}", "true_false", "The sun rises in the West.", TF(False)),
    ("The sun rises in the West.{FALSE}", "true_false", "The sun rises in the West.", TF(False)),
    # Moodle's importer test: first feedback for the wrong answer, second for the right one.
    (
        "::Q1:: 42 is the Absolute Answer to everything.{\n"
        "FALSE#42 is the Ultimate Answer.#You gave the right answer.}",
        "true_false",
        "42 is the Absolute Answer to everything.",
        TF(
            False,
            right_feedback="You gave the right answer.",
            wrong_feedback="42 is the Ultimate Answer.",
        ),
    ),
    (
        "Paris is in France.{T#No, it is.#Yes.}",
        "true_false",
        "Paris is in France.",
        TF(True, right_feedback="Yes.", wrong_feedback="No, it is."),
    ),
    (
        "Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}",
        "single",
        "Who's buried in Grant's tomb?",
        (A("Grant", 0), A("Jefferson", 0), A("no one")),
    ),
    (
        "::Q2:: What's between orange and green in the spectrum?\n"
        "{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }",
        "single",
        "What's between orange and green in the spectrum?",
        (
            A("yellow", 1, "right; good!"),
            A("red", 0, "wrong, it's yellow"),
            A("blue", 0, "wrong, it's yellow"),
        ),
    ),
    (
        "Pick the best.{=best ~%50%half right ~wrong}",
        "single",
        "Pick the best.",
        (A("best"), A("half right", 0.5), A("wrong", 0)),
    ),
    (
        "::colours:: What's between orange and green in the spectrum?\n{\n"
        "    ~%50%yellow # right; good!\n    ~%-100%red # [html]wrong\n"
        "    ~%50%off-beige # right; good!\n    ~%-100%[plain]blue # wrong\n}",
        "multiple",
        "What's between orange and green in the spectrum?",
        (
            A("yellow", 0.5, "right; good!"),
            A("red", -1, "wrong"),
            A("off-beige", 0.5, "right; good!"),
            A("blue", -1, "wrong"),
        ),
    ),
    (
        "Which colours?{~%100%yellow # right ~%-50%red ~%-50%blue}",
        "multiple",
        "Which colours?",
        (A("yellow", 1, "right"), A("red", -0.5), A("blue", -0.5)),
    ),
    (
        "Which are primes?{~%33.33333%2 ~%33.33333%3 ~%33.33334%5 ~%-100%4}",
        "multiple",
        "Which are primes?",
        (A("2", 0.3333333), A("3", 0.3333333), A("5", 0.3333334), A("4", -1)),
    ),
    (
        "Who's buried in Grant's tomb?{=no one =nobody}",
        "short_text",
        "Who's buried in Grant's tomb?",
        (A("no one"), A("nobody")),
    ),
    (
        "::Shortanswer::Which is the best animal?{\n    =Frog#Good!\n"
        "    =%50%Cat#What is it with Moodlers and cats?\n    =%0%*#Completely wrong\n}",
        "short_text",
        "Which is the best animal?",
        (
            A("Frog", 1, "Good!"),
            A("Cat", 0.5, "What is it with Moodlers and cats?"),
            A("*", 0, "Completely wrong"),
        ),
    ),
    ("Name the capital.{Kabul}", "short_text", "Name the capital.", (A("Kabul"),)),
    (
        "When was Ulysses S. Grant born?{#1822}",
        "numeric",
        "When was Ulysses S. Grant born?",
        (A("1822", 1, "", 0.0),),
    ),
    (
        "When was Ulysses S. Grant born?{#1822:5}",
        "numeric",
        "When was Ulysses S. Grant born?",
        (A("1822", 1, "", 5.0),),
    ),
    (
        "::Q5:: What is a number from 1 to 5? {#3:2}",
        "numeric",
        "What is a number from 1 to 5?",
        (A("3", 1, "", 2.0),),
    ),
    (
        "::Q6:: What is a number from 1 to 5? {#1..5}",
        "numeric",
        "What is a number from 1 to 5?",
        (A("3", 1, "", 2.0),),
    ),
    (
        "Pick a number from -5 to -2.{#-5..-2}",
        "numeric",
        "Pick a number from -5 to -2.",
        (A("-3.5", 1, "", 1.5),),
    ),
    (
        "How much?{# =1.5:0.1 =%50%2:1}",
        "numeric",
        "How much?",
        (A("1.5", 1, "", 0.1), A("2", 0.5, "", 1.0)),
    ),
    (
        "When was Ulysses S. Grant born? {#\n"
        "    =1822:0      # Correct! Full credit.\n"
        "    =%50%1822:2  # He was born in 1822. Half credit for being close.\n}",
        "numeric",
        "When was Ulysses S. Grant born?",
        (
            A("1822", 1, "Correct! Full credit.", 0.0),
            A("1822", 0.5, "He was born in 1822. Half credit for being close.", 2.0),
        ),
    ),
    (
        "::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}",
        "numeric",
        "What is a number from 1 to 5?",
        (A("3", 1, "", 2.0), A("*", 0, "Completely wrong")),
    ),
    (
        "Avogadro?{#6.02e23:1e21#Close enough}",
        "numeric",
        "Avogadro?",
        (A("6.02e23", 1, "Close enough", 1e21),),
    ),
    ("::Q8:: How are you? {}", "essay", "How are you?", ()),
    (
        "::Intro:: Read the explainer before you start.",
        "description",
        "Read the explainer before you start.",
        (),
    ),
]


@pytest.mark.parametrize(("source", "kind", "text", "answers"), KIND_CASES)
def test_question_kinds(source, kind, text, answers):
    question = only(source)
    assert (question.kind, question.text, question.answers) == (kind, text, answers)
    assert question.pairs == ()


MATCHING_CASES = [
    (
        "::Q4:: Which animal eats which food? { =cat -> cat food =dog -> dog food }",
        "moodle",
        (GiftPair("cat", "cat food"), GiftPair("dog", "dog food")),
    ),
    (
        "Match the following countries with their corresponding capitals. {\n"
        "   =Canada -> Ottawa\n   =Italy  -> Rome\n   =Japan  -> Tokyo\n   =India  -> New Delhi\n}",
        "moodle",
        (
            GiftPair("Canada", "Ottawa"),
            GiftPair("Italy", "Rome"),
            GiftPair("Japan", "Tokyo"),
            GiftPair("India", "New Delhi"),
        ),
    ),
    # Moodle's importer test: per-prompt formats are dropped, an empty prompt is a distractor.
    (
        "::Moodle activities::[html]Match the <b>activity</b> to the description.{\n"
        "    =[html]An activity supporting asynchronous discussions. -> Forum\n"
        "    =[plain]A bank of record entries which participants can add to. -> Database\n"
        "    = -> Chat\n}",
        "html",
        (
            GiftPair("An activity supporting asynchronous discussions.", "Forum"),
            GiftPair("A bank of record entries which participants can add to.", "Database"),
            GiftPair("", "Chat"),
        ),
    ),
    (
        "Arrows in answers stay.{=a -> b -> c =d -> e}",
        "moodle",
        (GiftPair("a", "b -> c"), GiftPair("d", "e")),
    ),
]


@pytest.mark.parametrize(("source", "text_format", "pairs"), MATCHING_CASES)
def test_matching(source, text_format, pairs):
    question = only(source)
    assert (question.kind, question.text_format, question.pairs) == ("matching", text_format, pairs)
    assert question.answers == ()


def test_full_question_from_moodle_documentation():
    source = (
        "// question: 1 name: Grant\n"
        "// [id:grant-1] [tag:history] [tag:usa]\n"
        "::Grant's tomb::Who is buried in Grant's tomb?{\n"
        "  ~Grant#No, he is not alone.\n"
        "  =Grant and his wife#Yes.\n"
        "  ####Both are buried there.\n"
        "}\n"
    )
    assert only(source) == GiftQuestion(
        name="Grant's tomb",
        kind="single",
        text="Who is buried in Grant's tomb?",
        text_format="moodle",
        general_feedback="Both are buried there.",
        answers=(A("Grant", 0, "No, he is not alone."), A("Grant and his wife", 1, "Yes.")),
        pairs=(),
        tags=("history", "usa"),
        idnumber="grant-1",
        category="",
        line=3,
    )


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (
            "Grant is {~buried =entombed ~living} in Grant's tomb.",
            "Grant is _____ in Grant's tomb.",
        ),
        ("::Q3:: Two plus {=two =2} equals four.", "Two plus _____ equals four."),
        (
            "The {\n  ~second\n  ~third\n  =fourth\n} Thursday of November.",
            "The _____ Thursday of November.",
        ),
        ("{=Kabul} is the capital.", "_____ is the capital."),
        ("Answer follows the question.{=Kabul}", "Answer follows the question."),
        ("Answer on its own lines.\n{\n=Kabul\n}", "Answer on its own lines."),
    ],
)
def test_missing_word_leaves_a_blank(source, text):
    assert only(source).text == text


def test_general_feedback_inherits_the_question_format():
    question = only("[html]<p>Capital?</p>{=Kabul#Right ####[plain]See the map.}")
    assert (question.text_format, question.text) == ("html", "<p>Capital?</p>")
    assert question.general_feedback == "See the map."
    assert only("Why?{####Because.}").general_feedback == "Because."
    assert only("Why?{####Because.}").kind == "essay"
    assert only("How big?{#3:2####About three.}").answers == (A("3", 1, "", 2.0),)


# --- Text formats, escapes, comments, names ------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text_format", "text"),
    [
        ("Plain default.{T}", "moodle", "Plain default."),
        ("[moodle]Moodle auto-format.{T}", "moodle", "Moodle auto-format."),
        ("[html]<b>Bold</b> claim.{T}", "html", "<b>Bold</b> claim."),
        ("[plain]No <b>markup</b>.{T}", "plain", "No <b>markup</b>."),
        ("[markdown]Some *emphasis*.{T}", "markdown", "Some *emphasis*."),
        ("::Named::[html]After the name.{T}", "html", "After the name."),
        ("[HTML]Upper case is not a format.{T}", "moodle", "[HTML]Upper case is not a format."),
        ("[1] Numbered text.{T}", "moodle", "[1] Numbered text."),
        ("[open bracket only.{T}", "moodle", "[open bracket only."),
    ],
)
def test_text_formats(source, text_format, text):
    question = only(source)
    assert (question.text_format, question.text) == (text_format, text)


def test_answers_and_feedback_may_carry_their_own_format_prefix():
    question = only("Colour?{=[plain]yellow#[html]<i>right</i> ~[markdown]red#*no*}")
    assert question.answers == (A("yellow", 1, "<i>right</i>"), A("red", 0, "*no*"))


@pytest.mark.parametrize(
    ("source", "name", "text", "answers"),
    [
        (
            "::Esc\\: test::Use \\{braces\\}, \\~tilde, \\#hash, \\=equals.{=a\\#b ~c\\~d ~e\\=f}",
            "Esc: test",
            "Use {braces}, ~tilde, #hash, =equals.",
            (A("a#b"), A("c~d", 0), A("e=f", 0)),
        ),
        ("::nl::First line\\nsecond line{=x\\ny}", "nl", "First line\nsecond line", (A("x\ny"),)),
        # Moodle's importer test MDL-34171: \\ is one backslash.
        (
            "::double backslash:: A \\\\ B \\\\\\\\ C{=ok}",
            "double backslash",
            "A \\ B \\\\ C",
            (A("ok"),),
        ),
        ("::other::A \\( LaTeX \\) stays.{=ok}", "other", "A \\( LaTeX \\) stays.", (A("ok"),)),
        ("::colon::Time 10\\:30?{=10\\:30}", "colon", "Time 10:30?", (A("10:30"),)),
        (
            "::escaped slash::An escaped backslash before a brace \\\\{=ok}",
            "escaped slash",
            "An escaped backslash before a brace \\",
            (A("ok"),),
        ),
    ],
)
def test_escapes(source, name, text, answers):
    question = only(source)
    assert (question.name, question.text, question.answers) == (name, text, answers)


def test_html_with_escaped_braces_spans_lines():
    source = (
        "::Q001::[html]<p>What would it print?</p>\n<pre>\n"
        "    void test() \\{\n        run();\n    \\}\n</pre>\n{}"
    )
    question = only(source)
    # Lines inside the text keep their indentation, as Moodle keeps them.
    assert question.text == (
        "<p>What would it print?</p>\n<pre>\n    void test() {\n        run();\n    }\n</pre>"
    )
    assert question.kind == "essay"


def test_comments_and_blank_lines_separate_questions():
    source = (
        "// A comment before anything.\n"
        "\n"
        "   \n"
        "// Only comments in this block.\n"
        "// Still only comments.\n"
        "\n"
        "::One::First?{T}\n"
        "\n\n\n"
        "::Two::Second,\n"
        "// a comment inside the question is dropped\n"
        "on two lines.{F}\n"
        "::Not a new question:: because no blank line came before it\n"
        "\n"
        "See https://example.org//path for details.{T}\n"
    )
    result = parse_gift(source)
    assert result.problems == ()
    assert [(q.name, q.line) for q in result.questions] == [
        ("One", 7),
        ("Two", 11),
        ("See https://example.org//path for details.", 16),
    ]
    assert result.questions[1].text == (
        "Second,\non two lines._____\n::Not a new question:: because no blank line came before it"
    )


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("What is 2+2?{=4}", "What is 2+2?"),
        ("[html]<p>What is <b>2+2</b>?</p>{=4}", "What is 2+2?"),
        ("Which   spaced\ntext?{=4}", "Which spaced text?"),
        ("::  Padded name  ::Text.{=4}", "Padded name"),
        ("{=4}", "Question"),
        (
            "The Durand Line, drawn in 1893, has never been accepted by any government in Kabul; "
            "which year was it drawn?{#1893}",
            "The Durand Line, drawn in 1893, has never been accepted by any government in...",
        ),
        ("x" * 100 + "{=4}", "x" * 77 + "..."),
    ],
)
def test_names(source, name):
    assert only(source).name == name


def test_line_endings_and_byte_order_mark():
    source = "\ufeff::One::First?{T}\r\n\r\n::Two::Second?\r{F}\r\n"
    result = parse_gift(source)
    assert [(q.name, q.text, q.line) for q in result.questions] == [
        ("One", "First?", 1),
        ("Two", "Second?", 3),
    ]


# --- Categories, ids and tags --------------------------------------------------------------


def test_categories_apply_to_the_questions_after_them():
    source = (
        "::Before::No category yet.{T}\n\n"
        "// switching\n$CATEGORY: $course$/top/Conflict\n\n"
        "::A::First.{T}\n\n::B::Second.{T}\n\n"
        "$CATEGORY:   tom/dick/harry  \n\n"
        "::C::Third.{T}\n"
    )
    result = parse_gift(source)
    assert result.problems == ()
    assert [(q.name, q.category) for q in result.questions] == [
        ("Before", ""),
        ("A", "$course$/top/Conflict"),
        ("B", "$course$/top/Conflict"),
        ("C", "tom/dick/harry"),
    ]


@pytest.mark.parametrize(
    ("comments", "idnumber", "tags"),
    [
        # Moodle's importer test.
        (
            "// This question is to test importing tags: [tag:tag] [tag:other-tag].\n"
            "// And an idnumber: [id:myid].\n",
            "myid",
            ("tag", "other-tag"),
        ),
        ("// [id: spaced ] [tag: padded tag ]\n", "spaced", ("padded tag",)),
        ("// [id:first] [id:second]\n", "first", ()),
        ("// [id:with \\] bracket] [tag:a\\]b]\n", "with ] bracket", ("a]b",)),
        ("// [tag:] [tag:   ] [tag:ok]\n", "", ("ok",)),
        ("// no markers here\n", "", ()),
        ("", "", ()),
    ],
)
def test_ids_and_tags_from_comments(comments, idnumber, tags):
    question = only(comments + "::Q::Text.{T}")
    assert (question.idnumber, question.tags) == (idnumber, tags)


def test_ids_and_tags_belong_to_their_own_block():
    result = parse_gift("// [id:one] [tag:first]\n::One::A.{T}\n\n::Two::B.{T}\n// [tag:late]\n")
    assert [(q.idnumber, q.tags) for q in result.questions] == [
        ("one", ("first",)),
        ("", ("late",)),
    ]


# --- Problems ------------------------------------------------------------------------------

ERROR_CASES = [
    ("Capital?{=Kabul ~Kandahar", "not closed with '}'"),
    ("Capital? =Kabul}", "'}' without an opening '{'"),
    ("Capital?} {=Kabul}", "'}' without an opening '{'"),
    ("Capital?{=Kabul {~Herat}", "not closed with '}'"),
    ("Capital {=Kabul} and {=Islamabad}", "Only one answer block"),
    ("Capital {=Kabul} and }", "Only one answer block"),
    ("::Q1 Capital?{=Kabul}", "no closing '::'"),
    ("[markdwn]Capital?{=Kabul}", "Unknown text format [markdwn]"),
    ("Capital?{~Kabul}", "at least two choices"),
    ("Capital?{Kabul ~Herat =Kandahar}", "must start with '=' (right) or '~' (wrong)"),
    ("Capital?{=Kabul ~}", "An answer is empty"),
    ("Capital?{=%50%Kabul ~Herat}", "No correct answer"),
    ("Capitals?{~Kabul ~Herat}", "No correct answer"),
    ("Capitals?{~%-50%Kabul ~Herat}", "No correct answer"),
    ("Capitals?{~%50%Kabul ~%25%Herat ~Gardez}", "add up to 75%, not 100%"),
    ("Capitals?{~%150%Kabul ~Herat}", "150% is outside -100%..100%"),
    ("Capital?{=%50%Kabul}", "No correct answer"),
    ("Year?{#}", "at least one answer"),
    ("Year?{#abc}", "'abc' is not a number"),
    ("Year?{#1893:x}", "'x' is not a number"),
    ("Year?{#1893:-1}", "cannot be negative"),
    ("Year?{#5..1}", "runs backwards"),
    ("Year?{#1..five}", "'five' is not a number"),
    ("Year?{#nan}", "'nan' is not a number"),
    ("Year?{#=%50%1893}", "No correct answer"),
    ("Match.{=a -> b =c}", "'c' has no '->'"),
    ("Match.{=a -> b}", "at least two pairs"),
    ("$CATEGORY: conflict\n::Q::Capital?{=Kabul}", "blank line after the $CATEGORY line"),
]


@pytest.mark.parametrize(("source", "message"), ERROR_CASES)
def test_problems_name_the_line_and_the_fault(source, message):
    result = parse_gift("// leading comment\n\n" + source)
    assert result.questions == ()
    assert len(result.problems) == 1
    assert result.problems[0].line == 3
    assert message in result.problems[0].message


def test_every_problem_in_a_file_is_listed_with_its_line():
    source = (
        "::Good::Capital?{=Kabul ~Herat}\n"  # 1
        "\n"
        "// [id:broken]\n"  # 3
        "::Bad brace::Capital?{=Kabul\n"  # 4
        "~Herat\n"
        "\n"
        "::Good too::Year?{#1893}\n"  # 7
        "\n"
        "\n"
        "::Bad number::\n"  # 10
        "Year?{#18x3}\n"
        "\n"
        "::Bad format::[htm]Text{T}\n"  # 13
        "\n"
        "::Stray::Capital?}\n"  # 15
    )
    result = parse_gift(source)
    assert [q.name for q in result.questions] == ["Good", "Good too"]
    assert [p.line for p in result.problems] == [4, 10, 13, 15]
    assert all(isinstance(p, GiftProblem) and p.message for p in result.problems)


def test_empty_input_has_neither_questions_nor_problems():
    assert parse_gift("") == parse_gift("\n\n// just a comment\n") == parse_gift("\ufeff")
    assert parse_gift("").questions == () and parse_gift("").problems == ()


# --- Decoding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"::Q::Kabul?{T}", "::Q::Kabul?{T}"),
        (b"\xef\xbb\xbf::Q::Kabul?{T}", "::Q::Kabul?{T}"),
        (
            "::Q::Pashto \u067e\u069a\u062a\u0648{T}".encode(),
            "::Q::Pashto \u067e\u069a\u062a\u0648{T}",
        ),
    ],
)
def test_decode_utf8(data, text):
    assert decode_gift(data) == text


@pytest.mark.parametrize("data", [b"caf\xe9{T}", "caf\u00e9".encode("cp1252"), b"\xff\xfe\x00"])
def test_decode_rejects_bytes_that_are_not_utf8(data):
    with pytest.raises(GiftError, match="The file is not UTF-8 text"):
        decode_gift(data)


# --- JSON -----------------------------------------------------------------------------------


def test_to_json_dict_has_exactly_the_documented_keys():
    question = only(
        "// [id:n1] [tag:numbers]\n$CATEGORY: quiz\n\n// [id:n1] [tag:numbers]\n"
        "::Year::When?{#1893:1#Close ~#No ####The Durand Line.}"
    )
    assert to_json_dict(question) == {
        "name": "Year",
        "kind": "numeric",
        "text": "When?",
        "text_format": "moodle",
        "general_feedback": "The Durand Line.",
        "answers": [
            {"text": "1893", "fraction": 1.0, "feedback": "Close", "tolerance": 1.0},
            {"text": "*", "fraction": 0.0, "feedback": "No", "tolerance": None},
        ],
        "pairs": [],
        "tags": ["numbers"],
        "idnumber": "n1",
        "category": "quiz",
    }
    matching = to_json_dict(only("Match.{=a -> b =c -> d}"))
    assert matching["pairs"] == [{"prompt": "a", "answer": "b"}, {"prompt": "c", "answer": "d"}]


def test_essay_and_description_are_parsed_but_not_importable():
    kinds = {q.kind for q in parse_gift("::E::Discuss.{}\n\n::D::Read this.").questions}
    assert kinds == {"essay", "description"}
    assert kinds.isdisjoint(IMPORTABLE_KINDS)
    assert IMPORTABLE_KINDS == {
        "single",
        "multiple",
        "true_false",
        "short_text",
        "numeric",
        "matching",
    }


# --- Writing --------------------------------------------------------------------------------

RICH_SAMPLE = r"""
// A sample covering every construct the reader knows.
::Intro::[html]<p>Read the <em>explainer</em> first.</p>

$CATEGORY: $course$/top/Conflict/Strikes

// [id:tf-1] [tag:strikes] [tag:with \] bracket]
::TF right::Pakistan's strikes hit Kabul.{TRUE#Check the explainer.#Correct.####Both cities.}

::TF false::The strikes hit Herat.{F#Only the right one}

::TF none::Plain.{T}

::Single::Which city? {
    =Kabul#Right
    ~Herat#Wrong
    ~%50%Kandahar#Half
    ####[html]<p>General.</p>
}

::Multi::Which two?{
    ~%50%Kabul
    ~%50%[plain]Kandahar
    ~%-100%Herat#No
    ~%-33.33333%Gardez
}

::Short::[markdown]Name the *capital*.{=Kabul =%50%kabul city#Almost =%0%*#No}

::Missing::The Durand Line was drawn in {#1893:0#Yes} and never accepted.

::Range::A number from 1 to 5?{#1..5}

::Many::How much?{# =1.5:0.1#Exact =%50%2:1 ~#Too far}

::Match::Match the city.{
    =Kabul -> Afghanistan
    =[html]<b>Islamabad</b> -> Pakistan
    = -> India
    ####Capitals.
}

::Essay::Discuss the ceasefire.{####Mention the mediators.}

$CATEGORY: Other

// [id:esc]
::Esc\: all \{ \} \~ \= \#::Use \{ \} \~ \= \# \: and a\nnew line \\ here.{
    =a\~b#fb\=x
    ~%0%[moodle]%50% is text
    ~[moodle][brackets] are text
}

::Leading::[moodle][draft] A text that looks like a format.{=%100%%yes}
"""


def _without_lines(questions):
    return [replace(q, line=0) for q in questions]


def test_round_trip_of_a_rich_file():
    first = parse_gift(RICH_SAMPLE)
    assert first.problems == ()
    assert {q.kind for q in first.questions} == {
        "description",
        "true_false",
        "single",
        "multiple",
        "short_text",
        "numeric",
        "matching",
        "essay",
    }
    written = write_gift(first.questions)
    second = parse_gift(written)
    assert second.problems == ()
    assert _without_lines(second.questions) == _without_lines(first.questions)
    assert write_gift(second.questions) == written


def test_written_gift_matches_moodle_export_layout():
    questions = [
        GiftQuestion(
            name="Q8",
            kind="multiple",
            text="What's between orange and green in the spectrum?",
            answers=(
                A("yellow", 1, "right; good!"),
                A("red", -0.5, "wrong, it's yellow"),
                A("blue", -0.5, "wrong, it's yellow"),
            ),
            idnumber="q[8]",
            tags=("colours", "spectrum"),
            category="top/Colours",
        ),
        GiftQuestion(
            name="Q1",
            kind="true_false",
            category="top/Colours",
            text="42 is the Absolute Answer to everything.",
            answers=(
                A("True", 1, "You gave the right answer."),
                A("False", 0, "42 is the Ultimate Answer."),
            ),
        ),
        GiftQuestion(
            name="Q5",
            kind="numeric",
            text="What is a number from 1 to 5?",
            answers=(A("*", 0, "Completely wrong"), A("3", 1, "", 2.0)),
        ),
    ]
    assert write_gift(questions) == (
        "$CATEGORY: top/Colours\n"
        "\n"
        "// [id:q[8\\]] [tag:colours] [tag:spectrum]\n"
        "::Q8::What's between orange and green in the spectrum?{\n"
        "\t~%100%yellow#right; good!\n"
        "\t~%-50%red#wrong, it's yellow\n"
        "\t~%-50%blue#wrong, it's yellow\n"
        "}\n"
        "\n"
        "::Q1::42 is the Absolute Answer to everything.{TRUE#42 is the Ultimate Answer."
        "#You gave the right answer.}\n"
        "\n"
        "$CATEGORY: \n"
        "\n"
        "::Q5::What is a number from 1 to 5?{#\n"
        "\t=3:2\n"
        "\t~#Completely wrong\n"
        "}\n"
    )


@pytest.mark.parametrize(
    ("question", "gift"),
    [
        (GiftQuestion("D", "description", "Just text."), "::D::Just text.\n"),
        (GiftQuestion("D", "description", "", "html"), "::D::[html]\n"),
        (GiftQuestion("E", "essay", "How are you?"), "::E::How are you?{}\n"),
        (
            GiftQuestion("T", "true_false", "Sky is green.", answers=TF(False)),
            "::T::Sky is green.{FALSE}\n",
        ),
        (
            GiftQuestion("T", "true_false", "Sky is blue.", answers=TF(True, right_feedback="Yes")),
            "::T::Sky is blue.{TRUE##Yes}\n",
        ),
        (
            GiftQuestion(
                "T", "true_false", "Sky is blue.", answers=TF(True, wrong_feedback="Look up")
            ),
            "::T::Sky is blue.{TRUE#Look up}\n",
        ),
        (
            GiftQuestion(
                "S", "short_text", "Capital?", answers=(A("Kabul"), A("Kaboul", 0.5, "Spelling"))
            ),
            "::S::Capital?{\n\t=Kabul\n\t=%50%Kaboul#Spelling\n}\n",
        ),
        (
            GiftQuestion("N", "numeric", "Year?", answers=(A("1893", 1, "", None),)),
            "::N::Year?{#\n\t=1893:0\n}\n",
        ),
        (
            GiftQuestion("N", "numeric", "Year?", answers=(A("1893", 1, "", 0.5), A("*", 0))),
            "::N::Year?{#\n\t=1893:0.5\n\t~#\n}\n",
        ),
        (
            GiftQuestion(
                "M",
                "matching",
                "Match.",
                "html",
                pairs=(GiftPair("<b>a=1</b>", "x#y"), GiftPair("", "z")),
            ),
            "::M::[html]Match.{\n\t=<b>a\\=1</b> -> x\\#y\n\t= -> z\n}\n",
        ),
        (
            GiftQuestion(
                "C",
                "single",
                "Odd weights?",
                answers=(A("a", 1), A("b", 1 / 3), A("c", -1 / 7), A("d", 1e-20)),
            ),
            "::C::Odd weights?{\n\t=a\n\t~%33.33333333333333%b\n\t~%-14.285714285714285%c\n"
            "\t~%0.000000000000000001%d\n}\n",
        ),
    ],
)
def test_write_single_questions(question, gift):
    assert write_gift([question]) == gift


_RANDOM_WEIGHTS = [random.Random(2026).uniform(-1, 1) for _ in range(200)]


@pytest.mark.parametrize(
    "fraction",
    [1, -1, 0.5, 1 / 3, 2 / 3, -1 / 7, 0.1, 0.07, 0.3333333, 1e-20, 5e-324, 0.12345678901234568]
    + _RANDOM_WEIGHTS,
)
def test_any_weight_reads_back_exactly(fraction):
    question = GiftQuestion("W", "single", "Weights?", answers=(A("a"), A("b", fraction)))
    assert only(write_gift([question])).answers[1].fraction == fraction


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            GiftQuestion(
                "M", "matching", "Match.", pairs=(GiftPair("a -> b", "c"), GiftPair("d", "e"))
            ),
            "contains '->'",
        ),
        (GiftQuestion("T", "essay", "Tagged.", tags=("two\nlines",)), "cannot be written"),
        (GiftQuestion("T", "essay", "Tagged.", tags=("<b>",)), "cannot be written"),
        (GiftQuestion("T", "essay", "Id.", idnumber="a\nb"), "cannot be written"),
        (GiftQuestion("O", "ordering", "Order these."), "Unknown question kind 'ordering'"),
    ],
)
def test_write_refuses_what_gift_cannot_express(question, message):
    with pytest.raises(GiftError, match=message):
        write_gift([question])


def test_write_nothing():
    assert write_gift([]) == ""


def test_indented_lines_keep_their_leading_spaces_but_the_block_does_not():
    source = (
        "  // [id:code-1]\n  ::Code:: What does it print?\n\tfor i in x:\n\t    print(i)\n{=0 ~1}\n"
    )
    question = only(source)
    assert question.idnumber == "code-1" and question.name == "Code"
    assert question.text == "What does it print?\n\tfor i in x:\n\t    print(i)"
