"""The contract every registered question kind keeps (quizapp.core.kinds.KINDS).

Parametrised over the registry: a new kind is checked here as soon as it is registered.
"""

import itertools
import json
import random

import pytest

from quizapp.core.assembly import QuestionData, make_snapshot
from quizapp.core.gift import GiftQuestion, parse_gift, write_gift
from quizapp.core.grading import grade, parse_response
from quizapp.core.kinds import KINDS, Kind, kind_of
from quizapp.core.kinds.base import token
from quizapp.core.question_gift import fields_from_gift, gift_from_fields
from quizapp.core.questions import check_question
from quizapp.core.review import describe_key, describe_response, regrade
from quizapp.forms.question_kinds import QUESTION_FORMS, SHAPES

NAMES = sorted(KINDS)
GIFT_NAMES = sorted(name for name, kind in KINDS.items() if kind.has_gift)


def example_fields(kind: Kind) -> dict:
    """The kind's example question, checked the way every writer of the bank checks it."""
    raw = {
        "kind": kind.name,
        "key": f"contract-{kind.name}",
        "prompt": f"A {kind.label.lower()} question?",
        "explanation": "Because the explainer says so.",
        "difficulty": 3,
        "anchor": "some-paragraph",
        **kind.example(),
    }
    check = check_question(raw)
    assert check.problems == {}
    return check.fields


def snapshot_of(kind: Kind, seed: int = 7) -> dict:
    stored = kind.stored(example_fields(kind))
    question = QuestionData(
        id=1,
        kind=kind.name,
        prompt="Q?",
        choices=stored.choices,
        numeric_answer=stored.numeric_answer,
        tolerance=stored.tolerance,
        accepted=stored.accepted,
    )
    counter = itertools.count(1)
    return make_snapshot(question, random.Random(seed), new_id=lambda: f"id{next(counter)}")


def tampered(values: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every submitted value swapped for one no control on the page could send."""
    return {name: ["9" * 1000 for _ in submitted] for name, submitted in values.items()}


def field_names(value: object) -> set[str]:
    """Every mapping key inside `value`, at any depth."""
    if isinstance(value, dict):
        return set(value) | {n for item in value.values() for n in field_names(item)}
    if isinstance(value, list):
        return {n for item in value for n in field_names(item)}
    return set()


@pytest.fixture(params=NAMES)
def kind(request) -> Kind:
    return KINDS[request.param]


def test_the_registry_holds_every_kind_under_its_own_name():
    assert set(KINDS) == {
        "single",
        "multiple",
        "true_false",
        "short_text",
        "numeric",
        "ordering",
        "matching",
    }
    assert all(kind.name == name and kind.label for name, kind in KINDS.items())


def test_an_unknown_kind_is_refused_with_the_registered_names():
    with pytest.raises(KeyError, match="'essay'.*single"):
        kind_of("essay")
    with pytest.raises(KeyError):
        grade("essay", {}, "a")


def test_option_ids_in_one_snapshot_never_repeat():
    draws = iter(["a5", "a5", "a6"])  # the source repeats itself once
    calls = []

    def new_id() -> str:
        calls.append(1)
        return next(draws)

    taken: set[str] = set()
    assert token(new_id, taken) != token(new_id, taken)
    assert len(calls) == 3
    assert taken == {"a5", "a6"}


def test_the_key_gets_full_marks_through_the_form(kind):
    snapshot = snapshot_of(kind)
    right = kind.right_response(snapshot)
    parsed = parse_response(snapshot, kind.form_values(snapshot, right))
    assert parsed.error == ""
    assert parsed.value == right
    assert grade(kind.name, snapshot["key"], parsed.value).points == 1.0
    assert regrade(snapshot, parsed.value).is_correct
    assert describe_response(snapshot, parsed.value) != ""
    assert describe_key(snapshot) != ""


def test_an_empty_response_scores_zero_and_asks_for_an_answer(kind):
    snapshot = snapshot_of(kind)
    assert grade(kind.name, snapshot["key"], None).points == 0.0
    assert describe_response(snapshot, None) == "No answer"
    assert parse_response(snapshot, {}).error != ""


def test_a_tampered_response_is_a_clear_error(kind):
    snapshot = snapshot_of(kind)
    values = kind.form_values(snapshot, kind.right_response(snapshot))
    parsed = parse_response(snapshot, tampered(values))
    assert parsed.value is None
    assert parsed.error.endswith(".") and len(parsed.error) > 10


def test_the_snapshot_round_trips_through_json_and_shows_no_key(kind):
    snapshot = snapshot_of(kind)
    stored = json.loads(json.dumps(snapshot))
    assert stored == snapshot
    assert snapshot == snapshot_of(kind)  # the same seed gives the same snapshot
    right = kind.right_response(stored)
    assert regrade(stored, right).is_correct
    shown = {name: value for name, value in snapshot.items() if name not in ("key", "feedback")}
    assert field_names(shown) <= {*shown, "id", "text"}  # no correctness marker on display


def test_the_fields_round_trip_through_the_bank(kind):
    fields = example_fields(kind)
    answers = {name: fields[name] for name in kind.answer_fields}
    assert kind.fields(kind.stored(fields)) == answers


@pytest.mark.parametrize("name", GIFT_NAMES)
def test_gift_round_trips(name):
    fields = example_fields(KINDS[name])
    text = write_gift([gift_from_fields(fields, category="border")])
    parsed = parse_gift(text)
    assert parsed.problems == ()
    (question,) = parsed.questions
    assert question.kind == name
    check = check_question(fields_from_gift(question))
    assert check.problems == {}
    assert check.fields == fields


@pytest.mark.parametrize("name", sorted(set(NAMES) - set(GIFT_NAMES)))
def test_a_kind_without_gift_is_not_exported(name):
    fields = example_fields(KINDS[name])
    assert gift_from_fields(fields) is None
    with pytest.raises(NotImplementedError):
        KINDS[name].to_gift(fields)
    with pytest.raises(NotImplementedError):
        KINDS[name].from_gift(GiftQuestion(name="q", kind=name, text="q"))


def test_every_kind_has_its_partials_and_form(app, kind):
    form = QUESTION_FORMS[kind.name]
    assert form is SHAPES[kind.form]
    names = app.jinja_env.list_templates()
    assert f"quizzes/kinds/{kind.name}.html" in names
    assert form.template in names


def test_form_validation_rejects_an_invalid_question(app, kind):
    with app.test_request_context(method="POST", data={"prompt": "A question with no answer?"}):
        form = QUESTION_FORMS[kind.name]()
        form.kind = kind.name
        form.topic_id.choices = [(0, "No section")]
        form.validate()
        check = check_question({**form.raw_fields(), "kind": kind.name})
        form.add_problems(check.problems)
        assert not check.ok
        assert set(check.problems) <= set(kind.answer_fields)
        assert [message for _, _, message in form.summary()] == list(check.problems.values())
