"""A question's use and never-with partners as GIFT/Moodle XML tags (core.question_gift), how an
import plan reads and compares them (core.import_plan) and how a backup checks them
(core.backup)."""

import copy

import pytest

from quizapp.core.backup import check_backup
from quizapp.core.gift import parse_gift, write_gift
from quizapp.core.import_plan import Existing, change_lines, plan_import
from quizapp.core.question_gift import gift_from_fields, usage_from_tags

TF = {"kind": "true_false", "prompt": "Fine?", "explanation": "", "difficulty": 2, "anchor": ""}


def tagged(*tags: str, key: str = "old") -> str:
    bits = " ".join(f"[tag:{t}]" for t in tags)
    return f"// [id:{key}] {bits}\n::{key}::Fine?{{TRUE}}\n"


@pytest.mark.parametrize(
    ("tags", "usage"),
    [
        ((), None),
        (("never-with:a",), None),  # no use: the file says nothing about either
        (("use:check",), ("check", ())),
        (("use:both", "never-with:b", "never-with:a", "never-with: ", "x:y"), ("both", ("a", "b"))),
    ],
)
def test_usage_is_read_from_the_tags(tags, usage):
    assert usage_from_tags(tags) == usage


def test_use_and_partners_are_written_as_tags_and_read_back():
    fields = {**TF, "key": "q1", "answer": True, "use": "check", "never_with": ("q9", "q2")}
    text = write_gift([gift_from_fields(fields)])
    assert "[tag:use:check] [tag:never-with:q2] [tag:never-with:q9]" in text
    (question,) = parse_gift(text).questions
    assert usage_from_tags(question.tags) == ("check", ("q2", "q9"))
    assert "use:" not in write_gift([gift_from_fields({**TF, "key": "q1", "answer": True})])


def bank(usage=("graded", ("a",))):
    return {"old": Existing(7, {**TF, "key": "old", "answer": True}, None, usage)}


@pytest.mark.parametrize(
    ("tags", "status", "changed"),
    [
        ((), "unchanged", ()),
        (("use:graded", "never-with:a"), "unchanged", ()),
        (("use:both", "never-with:a"), "changed", ("use",)),
        (("use:graded",), "changed", ("never with",)),
        (("use:check", "never-with:b"), "changed", ("use", "never with")),
    ],
)
def test_a_changed_use_or_pair_makes_the_question_changed(tags, status, changed):
    plan = plan_import(parse_gift(tagged(*tags)).questions, {}, bank(), known={"a", "b", "old"})
    (item,) = plan.questions
    assert (item.status, item.changed) == (status, changed)
    assert plan.problems == plan.skipped == ()


def test_a_bank_question_without_usage_counts_as_graded_and_alone():
    plan = plan_import(parse_gift(tagged("use:graded")).questions, {}, bank(None))
    assert plan.questions[0].status == "unchanged"


def test_a_new_question_keeps_its_usage_and_an_unknown_partner_is_left_out():
    text = tagged("use:both", "never-with:a", "never-with:gone", key="new")
    plan = plan_import(parse_gift(text).questions, {}, {}, known={"a", "new"})
    (item,) = plan.questions
    assert (item.status, item.usage) == ("new", ("both", ("a",)))
    assert [p.message for p in plan.skipped] == ["never-with:gone: no question has this id."]
    assert change_lines(plan) == ["line 2: new new"]


def test_an_unknown_use_is_a_problem():
    plan = plan_import(parse_gift(tagged("use:often")).questions, {}, bank())
    assert [p.message for p in plan.problems] == ["use:often: say one of graded, check, both."]


DOC = {
    "format": "quizapp-backup",
    "version": 1,
    "topics": [],
    "questions": [{"key": "q1", "kind": "true_false", "prompt": "So?", "answer": True}],
    "quizzes": [],
}


@pytest.mark.parametrize(
    ("value", "kept", "problems"),
    [
        (None, None, ()),  # an export made before pairs were kept: they stay as they are
        ([], (), ()),
        (["q2", "q3"], ("q2", "q3"), ()),
        ("q2", None, ("questions[1] (q1): never_with must be a list of at most 1000 keys.",)),
        ([""], None, ("questions[1] (q1): never_with must be a list of at most 1000 keys.",)),
        (
            ["x" * 101],
            None,
            ("questions[1] (q1): never_with must be a list of at most 1000 keys.",),
        ),
        (
            ["q"] * 1001,
            None,
            ("questions[1] (q1): never_with must be a list of at most 1000 keys.",),
        ),
    ],
)
def test_a_backup_question_names_its_partners_by_key(value, kept, problems):
    doc = copy.deepcopy(DOC)
    if value is not None:
        doc["questions"][0]["never_with"] = value
    check = check_backup(doc)
    assert check.problems == problems
    assert check.questions[0]["never_with"] == kept
