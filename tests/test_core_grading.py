"""Every grading rule, with plain values: no app, no database."""

import pytest

from quizapp.core.grading import grade, normalise_text, parse_number, parse_response

SINGLE = {"correct": ["a"]}
MULTI = {"correct": ["a", "b"]}


@pytest.mark.parametrize(
    ("kind", "key", "response", "points"),
    [
        ("single", SINGLE, "a", 1.0),
        ("single", SINGLE, "b", 0.0),
        ("true_false", SINGLE, "a", 1.0),
        ("true_false", SINGLE, "c", 0.0),
        ("multiple", MULTI, ["a", "b"], 1.0),
        ("multiple", MULTI, ["a"], 0.5),  # share of the right options ticked
        ("multiple", MULTI, ["a", "b", "c"], 0.0),  # a wrong tick gives no credit
        ("multiple", MULTI, ["c"], 0.0),
        ("multiple", MULTI, [], 0.0),
        ("short_text", {"accepted": ["Torkham"]}, "  torkham ", 1.0),
        ("short_text", {"accepted": ["Torkham"]}, "TORKHAM!", 1.0),
        ("short_text", {"accepted": ["Spin Boldak"]}, "spin   boldak.", 1.0),
        ("short_text", {"accepted": ["Spin Boldak"]}, "spin-boldak", 1.0),
        ("short_text", {"accepted": ["Torkham", "Torkham crossing"]}, "Torkham Crossing", 1.0),
        ("short_text", {"accepted": ["Torkham"]}, "Chaman", 0.0),
        ("numeric", {"value": 1893, "tolerance": 0}, 1893.0, 1.0),
        ("numeric", {"value": 1893, "tolerance": 0}, 1894.0, 0.0),
        ("numeric", {"value": 2600, "tolerance": 100}, 2700.0, 1.0),
        ("numeric", {"value": 2600, "tolerance": 100}, 2499.0, 0.0),
        ("numeric", {"value": 0.1, "tolerance": 0.2}, 0.3, 1.0),  # float edge stays inside
        ("ordering", {"order": ["a", "b", "c"]}, ["a", "b", "c"], 1.0),
        ("ordering", {"order": ["a", "b", "c"]}, ["b", "a", "c"], 0.0),
        ("matching", {"pairs": {"p": "x", "q": "y"}}, {"p": "x", "q": "y"}, 1.0),
        ("matching", {"pairs": {"p": "x", "q": "y"}}, {"p": "x", "q": "x"}, 0.5),
        ("matching", {"pairs": {"p": "x", "q": "y"}}, {"p": "y", "q": "x"}, 0.0),
        ("single", SINGLE, None, 0.0),
    ],
)
def test_grade(kind, key, response, points):
    result = grade(kind, key, response)
    assert result.points == pytest.approx(points)
    assert result.is_correct == (points == 1.0)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("  Torkham  ", "torkham"),
        ("Spin-Boldak", "spin boldak"),
        ("ＴＴＰ", "ttp"),
        ("Türkiye", "türkiye"),
    ],
)
def test_normalise_text(text, folded):
    assert normalise_text(text) == folded


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1893", 1893.0),
        (" 1,893 ", 1893.0),
        ("-3", -3.0),
        ("\u22123", -3.0),
        ("2.5", 2.5),
        ("nineteen", None),
        ("", None),
        ("nan", None),
        ("inf", None),
        ("1e999", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


CHOICE_SNAPSHOT = {
    "kind": "single",
    "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
}
MULTI_SNAPSHOT = {**CHOICE_SNAPSHOT, "kind": "multiple"}
ORDER_SNAPSHOT = {"kind": "ordering", "options": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}
MATCH_SNAPSHOT = {
    "kind": "matching",
    "options": [{"id": "p"}, {"id": "q"}],
    "answers": [{"id": "x"}, {"id": "y"}],
}


@pytest.mark.parametrize(
    ("snapshot", "form", "value", "error"),
    [
        (CHOICE_SNAPSHOT, {"answer": ["a"]}, "a", ""),
        (CHOICE_SNAPSHOT, {}, None, "Choose an answer."),
        (CHOICE_SNAPSHOT, {"answer": [""]}, None, "Choose an answer."),
        (CHOICE_SNAPSHOT, {"answer": ["zzz"]}, None, "That option is not part of this question."),
        (
            CHOICE_SNAPSHOT,
            {"answer": ["a", "b"]},
            None,
            "That option is not part of this question.",
        ),
        (MULTI_SNAPSHOT, {"answer": ["b", "a"]}, ["a", "b"], ""),
        (MULTI_SNAPSHOT, {"answer": []}, None, "Tick at least one answer."),
        (MULTI_SNAPSHOT, {"answer": ["a", "a"]}, None, "That option is not part of this question."),
        (MULTI_SNAPSHOT, {"answer": ["a", "x"]}, None, "That option is not part of this question."),
        ({"kind": "short_text"}, {"answer": [" Torkham "]}, "Torkham", ""),
        ({"kind": "short_text"}, {"answer": ["   "]}, None, "Type an answer."),
        (
            {"kind": "short_text"},
            {"answer": ["x" * 201]},
            None,
            "Keep your answer under 200 characters.",
        ),
        ({"kind": "numeric"}, {"answer": ["1893"]}, 1893.0, ""),
        ({"kind": "numeric"}, {}, None, "Type a number."),
        (
            {"kind": "numeric"},
            {"answer": ["eighteen"]},
            None,
            "Type a number, using digits (for example 1893).",
        ),
        (
            {"kind": "numeric"},
            {"answer": ["1" * 41]},
            None,
            "That number is too long: use at most 40 characters.",
        ),
        (
            {"kind": "numeric"},
            {"answer": ["1 000"]},
            None,
            "Leave out the spaces inside the number: write 1000 or 1,000, not 1 000.",
        ),
        (
            {"kind": "numeric"},
            {"answer": ["12 o'clock"]},
            None,
            "Type a number, using digits (for example 1893).",
        ),
        (ORDER_SNAPSHOT, {"rank-a": ["2"], "rank-b": ["1"], "rank-c": ["3"]}, ["b", "a", "c"], ""),
        (
            ORDER_SNAPSHOT,
            {"rank-a": ["1"], "rank-b": ["1"], "rank-c": ["3"]},
            None,
            "Place 1 is given to more than one item: use each place only once.",
        ),
        (
            ORDER_SNAPSHOT,
            {"rank-a": ["1"], "rank-b": ["4"], "rank-c": ["3"]},
            None,
            "Give every item a place from 1 to 3.",
        ),
        (ORDER_SNAPSHOT, {"rank-a": ["x"]}, None, "Give every item a place from 1 to 3."),
        (
            ORDER_SNAPSHOT,
            {"rank-a": ["1"], "rank-b": ["1"]},  # the duplicate, not the blank, is what to fix
            None,
            "Place 1 is given to more than one item: use each place only once.",
        ),
        (
            ORDER_SNAPSHOT,
            {"rank-a": ["2"], "rank-b": ["1"], "rank-c": [" 3 "]},
            ["b", "a", "c"],
            "",
        ),
        (
            ORDER_SNAPSHOT,
            {"rank-a": ["2"], "rank-b": ["1"]},
            None,
            "Give every item a place from 1 to 3.",
        ),
        (ORDER_SNAPSHOT, {}, None, "Give every item a place from 1 to 3."),
        (ORDER_SNAPSHOT, {"rank-a": ["²"]}, None, "Give every item a place from 1 to 3."),
        (ORDER_SNAPSHOT, {"rank-a": ["9" * 5000]}, None, "Give every item a place from 1 to 3."),
        (MATCH_SNAPSHOT, {"match-p": ["y"], "match-q": ["x"]}, {"p": "y", "q": "x"}, ""),
        (MATCH_SNAPSHOT, {"match-p": ["y"]}, None, "Choose a match for every item."),
        (
            MATCH_SNAPSHOT,
            {"match-p": ["y"], "match-q": ["zz"]},
            None,
            "That option is not part of this question.",
        ),
    ],
)
def test_parse_response(snapshot, form, value, error):
    parsed = parse_response(snapshot, form)
    assert (parsed.value, parsed.error) == (value, error)
