"""core.import_plan: what an import does with each question, compared with the bank."""

import pytest

from quizapp.core.gift import GiftProblem, parse_gift
from quizapp.core.import_plan import (
    Existing,
    change_lines,
    counts,
    outcome_text,
    plan_import,
)

TOPICS = {"border": "The border", "kabul-strikes": "Strikes on Kabul"}
TF = {"kind": "true_false", "prompt": "Fine?", "explanation": "", "difficulty": 2, "anchor": ""}


def existing(**fields) -> dict[str, Existing]:
    return {"old": Existing(7, {**TF, "key": "old", "answer": True, **fields}, "border")}


def test_problems_skips_and_ids_used_twice_in_the_file():
    text = """$CATEGORY: The border

// [id:new]
::a:: Fine? {T}

// [id:new]
::c:: Repeated id? {T}

::d:: {T}

::e:: Essay {}
"""
    plan = plan_import(parse_gift(text).questions, TOPICS, {})
    assert [(q.line, q.fields["prompt"], q.topic_slug) for q in plan.questions] == [
        (4, "Fine?", "border"),
        (7, "Repeated id?", "border"),
        (9, "", "border"),
    ]
    assert plan.problems == (
        GiftProblem(7, "The id 'new' appears twice in the file."),
        GiftProblem(9, "Question text: Write the question."),
    )
    assert plan.skipped == (
        GiftProblem(11, "Essay questions are not supported by the bank: skipped."),
    )


SAME = "$CATEGORY: border\n\n// [id:old] [tag:difficulty:2]\n::o:: Fine? {T}\n"
EDITED = "// [id:old] [tag:difficulty:2]\n::o:: Fine now? {F}\n\n// [id:fresh]\n::n:: New? {T}\n"


@pytest.mark.parametrize(
    ("text", "on_existing", "statuses", "actions"),
    [
        (SAME, "update", ["unchanged"], ["leave"]),
        (EDITED, "update", ["changed", "new"], ["update", "create"]),
        (EDITED, "skip", ["changed", "new"], ["leave", "create"]),
        (EDITED, "copy", ["changed", "new"], ["copy", "create"]),
    ],
)
def test_existing_ids_are_compared_and_handled_as_asked(text, on_existing, statuses, actions):
    plan = plan_import(parse_gift(text).questions, TOPICS, existing(), on_existing)
    assert plan.problems == ()
    assert [q.status for q in plan.questions] == statuses
    assert [q.action for q in plan.questions] == actions
    first = plan.questions[0]
    assert first.existing_id == 7
    assert first.fields["key"] == (None if on_existing == "copy" else "old")


def test_the_changed_fields_are_named_and_a_category_change_counts():
    text = "$CATEGORY: Strikes on Kabul\n\n" + EDITED
    plan = plan_import(parse_gift(text).questions, TOPICS, existing())
    assert plan.questions[0].changed == ("prompt", "answer", "section")
    assert counts(plan) == "0 unchanged, 1 changed, 1 new"
    assert change_lines(plan) == [
        "line 4: old changed (prompt, answer, section)",
        "line 7: new fresh",
    ]
    assert outcome_text(plan, done=False) == "It would add 1 question and update 1 question."
    assert outcome_text(plan, done=True) == "Added 1 question and updated 1 question."


def test_no_category_keeps_the_section_and_is_no_change():
    plan = plan_import(parse_gift(SAME.split("\n\n", 1)[1]).questions, TOPICS, existing())
    assert plan.questions[0].status == "unchanged" and change_lines(plan) == []
    assert outcome_text(plan, done=True) == "Left 1 question as it is."


def test_updating_a_question_of_another_kind_is_a_problem_but_a_copy_is_not():
    text = "// [id:old]\n::o:: Pick {=a ~b}\n"
    plan = plan_import(parse_gift(text).questions, TOPICS, existing())
    assert plan.problems == (
        GiftProblem(
            2,
            "The id 'old' belongs to a true_false question in the bank, but this one is "
            "single: change its id, or import it as a copy.",
        ),
    )
    assert plan_import(parse_gift(text).questions, TOPICS, existing(), "copy").problems == ()


def test_an_unknown_choice_for_existing_questions_is_refused():
    with pytest.raises(ValueError):
        plan_import([], TOPICS, {}, "merge")


def test_outcome_text_of_an_empty_plan_and_of_copies():
    assert outcome_text(plan_import([], TOPICS, {}), done=False) == (
        "The file has no question the bank can take."
    )
    plan = plan_import(parse_gift(SAME).questions, TOPICS, existing(), "copy")
    assert outcome_text(plan, done=True) == (
        "Added 1 question already in the bank as copies with new ids."
    )


def test_line_breaks_typed_in_a_browser_are_no_change():
    prompt = {**TF, "key": "old", "prompt": "Fine\r\nor not?", "answer": True}
    text = "// [id:old] [tag:difficulty:2]\n::o:: Fine\\nor not? {T}\n"
    plan = plan_import(parse_gift(text).questions, TOPICS, {"old": Existing(7, prompt, None)})
    assert plan.questions[0].status == "unchanged"
    choices = [
        {"text": "a\r\nb", "correct": True, "feedback": ""},
        {"text": "c", "correct": False, "feedback": "no\r\nway"},
    ]
    single = {**TF, "kind": "single", "key": "s", "choices": choices}
    gift = "// [id:s] [tag:difficulty:2]\n::s:: Fine? {=a\\nb ~c#no\\nway}\n"
    plan = plan_import(parse_gift(gift).questions, TOPICS, {"s": Existing(8, single, None)})
    assert plan.questions[0].status == "unchanged", plan.questions[0].changed
