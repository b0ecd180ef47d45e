"""What a student leaves on a question page when moving away from it (Skip, Previous, a question
number, Finish, a background save): blank stays unanswered, a partial answer is kept."""

import pytest

from quizapp.core.grading import grade, parse_partial
from quizapp.core.kinds import KINDS

OPTIONS = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}]
SNAPSHOTS = {
    "single": {"kind": "single", "options": OPTIONS, "key": {"correct": ["a"]}},
    "multiple": {"kind": "multiple", "options": OPTIONS, "key": {"correct": ["a", "b"]}},
    "true_false": {"kind": "true_false", "options": OPTIONS[:2], "key": {"correct": ["b"]}},
    "short_text": {"kind": "short_text", "key": {"accepted": ["Torkham"]}},
    "numeric": {"kind": "numeric", "key": {"value": 1893.0, "tolerance": 0.0}},
    "ordering": {"kind": "ordering", "options": OPTIONS, "key": {"order": ["c", "a", "b"]}},
    "matching": {
        "kind": "matching",
        "options": OPTIONS,
        "answers": [{"id": "x", "text": "X"}, {"id": "y", "text": "Y"}, {"id": "z", "text": "Z"}],
        "key": {"pairs": {"a": "x", "b": "y", "c": "z"}},
    },
}
BLANK_FORMS = {
    "single": {"answer": [""]},
    "multiple": {},
    "true_false": {},
    "short_text": {"answer": ["   "]},
    "numeric": {"answer": [""]},
    "ordering": {"rank-a": [""], "rank-b": [""], "rank-c": [""]},
    "matching": {"match-a": [""], "match-b": [""]},
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_blank_page_is_no_answer(kind):
    parsed = KINDS[kind].parse_partial(SNAPSHOTS[kind], BLANK_FORMS[kind])
    assert parsed.value is None and parsed.error == ""
    assert not KINDS[kind].is_complete(SNAPSHOTS[kind], None)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_full_answer_reads_as_parse_reads_it(kind):
    snapshot = SNAPSHOTS[kind]
    form = KINDS[kind].form_values(snapshot, KINDS[kind].right_response(snapshot))
    parsed = KINDS[kind].parse_partial(snapshot, form)
    assert parsed == KINDS[kind].parse(snapshot, form)
    assert KINDS[kind].is_complete(snapshot, parsed.value)


def test_a_number_that_is_not_a_number_is_refused_not_dropped():
    parsed = KINDS["numeric"].parse_partial(SNAPSHOTS["numeric"], {"answer": ["about 2017"]})
    assert parsed.value is None
    assert parsed.error == "Type a number, using digits (for example 1893)."


def test_a_partly_placed_order_keeps_its_places_and_scores_nothing():
    snapshot = SNAPSHOTS["ordering"]
    form = {"rank-a": ["2"], "rank-b": [""], "rank-c": ["1"]}
    parsed = KINDS["ordering"].parse_partial(snapshot, form)
    assert parsed.value == ["c", "a", None]
    assert not KINDS["ordering"].is_complete(snapshot, parsed.value)
    assert KINDS["ordering"].form_values(snapshot, parsed.value) == {
        "rank-c": ["1"],
        "rank-a": ["2"],
    }
    assert grade("ordering", snapshot["key"], parsed.value).points == 0.0
    described = KINDS["ordering"].describe(snapshot, parsed.value)
    assert described == "place 1: C; place 2: A (the others not placed)"


@pytest.mark.parametrize(
    ("form", "error"),
    [
        (
            {"rank-a": ["1"], "rank-b": ["1"], "rank-c": ["3"]},
            "Place 1 is given to more than one item: use each place only once.",
        ),
        (
            {"rank-a": ["2"], "rank-b": ["2"], "rank-c": ["1"]},
            "Place 2 is given to more than one item: use each place only once.",
        ),
        ({"rank-a": ["4"]}, "Give each item a place from 1 to 3."),
        ({"rank-a": ["²"]}, "Give each item a place from 1 to 3."),
        ({"rank-a": ["first"]}, "Give each item a place from 1 to 3."),
    ],
)
def test_a_partly_placed_order_that_cannot_stand_says_what_to_fix(form, error):
    parsed = KINDS["ordering"].parse_partial(SNAPSHOTS["ordering"], form)
    assert parsed.value is None and parsed.error == error


def test_a_partly_matched_answer_keeps_its_matches_and_scores_the_share_right():
    snapshot = SNAPSHOTS["matching"]
    parsed = KINDS["matching"].parse_partial(snapshot, {"match-a": ["x"], "match-b": ["z"]})
    assert parsed.value == {"a": "x", "b": "z"}
    assert not KINDS["matching"].is_complete(snapshot, parsed.value)
    assert grade("matching", snapshot["key"], parsed.value).points == pytest.approx(1 / 3)


def test_a_tampered_match_is_refused():
    parsed = KINDS["matching"].parse_partial(SNAPSHOTS["matching"], {"match-a": ["nope"]})
    assert parsed.value is None and "not part of this question" in parsed.error


def test_grading_reads_a_partial_answer_through_the_kind():
    snapshot = SNAPSHOTS["matching"]
    assert parse_partial(snapshot, {"match-c": ["z"]}).value == {"c": "z"}
