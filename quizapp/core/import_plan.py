"""Planning an import (GIFT or Moodle XML) against the bank: what is new, changed, unchanged.

A question whose id (`key`) is already in the bank is *existing*. What happens to it depends on
`on_existing`:
- "update" (the default): a changed question is overwritten, an unchanged one left alone;
- "skip": every existing question is left as it is;
- "copy": every existing question is added again as a new question with a fresh id.
Nothing here writes: the caller writes the plan only when it has no problems.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from quizapp.core.gift import GiftProblem, GiftQuestion
from quizapp.core.kinds import KINDS
from quizapp.core.question_gift import (
    fields_from_transfer,
    topic_for_category,
    transferable,
    usage_from_tags,
)
from quizapp.core.question_use import USES
from quizapp.core.questions import check_question

ON_EXISTING = ("update", "skip", "copy")
COMMON_FIELDS = ("prompt", "explanation", "difficulty", "anchor")

_LABELS = {
    "prompt": "Question text",
    "choices": "Choices",
    "accepted": "Accepted answers",
    "answer": "Answer",
    "tolerance": "Margin of error",
    "pairs": "Pairs",
    "items": "Items",
    "key": "Id",
    "anchor": "Tag anchor",
}


@dataclass(frozen=True)
class Existing:
    """A bank question a file may name by its id: its row id, plain fields and section."""

    id: int
    fields: Mapping
    topic_slug: str | None
    usage: tuple[str, tuple[str, ...]] | None = None  # (use, never-with partners' ids)


@dataclass(frozen=True)
class PlannedQuestion:
    line: int
    fields: dict
    topic_slug: str | None
    status: str = "new"  # new | changed | unchanged (compared with the bank)
    action: str = "create"  # create | update | leave | copy
    existing_id: int | None = None
    changed: tuple[str, ...] = field(default=())  # the fields that differ from the bank
    usage: tuple[str, tuple[str, ...]] | None = None  # from `use:`/`never-with:` tags, if any


@dataclass(frozen=True)
class ImportPlan:
    """Questions ready to write, problems that block the import, and skipped questions."""

    questions: tuple[PlannedQuestion, ...]
    problems: tuple[GiftProblem, ...]
    skipped: tuple[GiftProblem, ...]

    def count(self, status: str) -> int:
        return sum(1 for q in self.questions if q.status == status)

    def with_action(self, action: str) -> tuple[PlannedQuestion, ...]:
        return tuple(q for q in self.questions if q.action == action)


def changed_fields(new: Mapping, old: Existing, topic_slug: str | None) -> tuple[str, ...]:
    """The names of the fields (and "section") in which `new` differs from the bank's question."""
    names = COMMON_FIELDS + KINDS[new["kind"]].answer_fields
    changed = [name for name in names if _lf(new.get(name)) != _lf(old.fields.get(name))]
    if topic_slug is not None and topic_slug != old.topic_slug:
        changed.append("section")
    return tuple(changed)


def _lf(value: object) -> object:
    """The value with CRLF line breaks (as browsers send them) read as LF, as files carry them."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, list):
        return [_lf(item) for item in value]
    if isinstance(value, dict):
        return {name: _lf(item) for name, item in value.items()}
    return value


def _usage(q: GiftQuestion, known: Collection[str] | None, problems: list, skipped: list):
    """The question's (use, partners) from its tags: a use the bank does not have is a problem;
    a partner neither in the file nor in the bank (`known`) is left out, and said so."""
    usage = usage_from_tags(q.tags)
    if usage is None:
        return None
    use, partners = usage
    if use not in USES:
        problems.append(GiftProblem(q.line, f"use:{use}: say one of {', '.join(USES)}."))
    if known is not None:
        for key in (k for k in partners if k not in known):
            skipped.append(GiftProblem(q.line, f"never-with:{key}: no question has this id."))
        partners = tuple(k for k in partners if k in known)
    return use, partners


def _usage_changes(new, old) -> tuple[str, ...]:
    if new is None:
        return ()
    old = old or ("graded", ())
    changed = ("use",) if new[0] != old[0] else ()
    return (*changed, "never with") if set(new[1]) != set(old[1]) else changed


def plan_import(
    questions: Iterable[GiftQuestion],
    topics: Mapping[str, str],
    existing: Mapping[str, Existing],
    on_existing: str = "update",
    known: Collection[str] | None = None,
) -> ImportPlan:
    """Check every question read from a file and decide what becomes of it.

    `topics` maps slug → title; `existing` maps the bank's ids to its questions; `known` holds
    every id a `never-with:` tag may name (the file's and the bank's). An id may appear once in
    a file.
    """
    if on_existing not in ON_EXISTING:
        raise ValueError(f"on_existing must be one of {ON_EXISTING}")
    planned, problems, skipped = [], [], []
    seen: set[str] = set()
    for q in questions:
        if not transferable(q.kind):
            skipped.append(GiftProblem(q.line, _not_supported(q.kind)))
            continue
        check = check_question(fields_from_transfer(q))
        problems += [
            GiftProblem(q.line, f"{_LABELS.get(name, name)}: {message}")
            for name, message in check.problems.items()
        ]
        key = check.fields.get("key")
        if key and key in seen:
            problems.append(GiftProblem(q.line, f"The id {key!r} appears twice in the file."))
        seen.add(key)
        usage = _usage(q, known, problems, skipped)
        item = _decide(q.line, check.fields, topic_for_category(q.category, topics), existing)
        changed = _usage_changes(usage, item.existing_id and existing[key].usage)
        if item.existing_id is not None and changed:
            item = _replace(item, status="changed", changed=(*item.changed, *changed))
        item = _replace(item, usage=usage)
        item = _apply(item, on_existing)
        if item.action == "update" and existing[key].fields.get("kind") != item.fields["kind"]:
            problems.append(GiftProblem(q.line, _kind_clash(key, existing[key], item.fields)))
        planned.append(item)
    return ImportPlan(tuple(planned), tuple(problems), tuple(skipped))


def _decide(
    line: int, fields: dict, topic_slug: str | None, existing: Mapping[str, Existing]
) -> PlannedQuestion:
    old = existing.get(fields.get("key") or "")
    if old is None:
        return PlannedQuestion(line, fields, topic_slug)
    changed = changed_fields(fields, old, topic_slug)
    if old.fields.get("kind") != fields["kind"]:
        changed = ("kind", *changed)
    status = "changed" if changed else "unchanged"
    return PlannedQuestion(line, fields, topic_slug, status, "update", old.id, changed)


def _apply(item: PlannedQuestion, on_existing: str) -> PlannedQuestion:
    if item.status == "new":
        return item
    if on_existing == "skip" or (on_existing == "update" and item.status == "unchanged"):
        return _replace(item, action="leave")
    if on_existing == "copy":
        return _replace(item, action="copy", fields={**item.fields, "key": None})
    return item


def _replace(item: PlannedQuestion, **changes) -> PlannedQuestion:
    return PlannedQuestion(**{**item.__dict__, **changes})


def _kind_clash(key: str, old: Existing, fields: Mapping) -> str:
    return (
        f"The id {key!r} belongs to a {old.fields.get('kind')} question in the bank, but this "
        f"one is {fields['kind']}: change its id, or import it as a copy."
    )


def _not_supported(kind: str) -> str:
    return f"{kind.capitalize()} questions are not supported by the bank: skipped."


def _n(count: int, noun: str = "question") -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def counts(plan: ImportPlan) -> str:
    """ "12 unchanged, 3 changed, 2 new" (compared with the bank by id)."""
    statuses = ("unchanged", "changed", "new")
    return ", ".join(f"{plan.count(status)} {status}" for status in statuses)


def outcome_text(plan: ImportPlan, done: bool) -> str:
    """What the import did (`done`) or would do, in one sentence."""
    tense = 1 if done else 0
    parts = []
    for action, verbs, tail in _ACTIONS:
        if count := len(plan.with_action(action)):
            parts.append(f"{verbs[tense]} {_n(count)}{tail(count)}")
    if not parts:
        return "The file has no question the bank can take."
    text = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return (text[0].upper() + text[1:] if done else f"It would {text}") + "."


_ACTIONS = (
    ("create", ("add", "added"), lambda n: ""),
    ("copy", ("add", "added"), lambda n: " already in the bank as copies with new ids"),
    ("update", ("update", "updated"), lambda n: ""),
    ("leave", ("leave", "left"), lambda n: " as it is" if n == 1 else " as they are"),
)


def change_lines(plan: ImportPlan) -> list[str]:
    """One line per changed or new question: its line, id and what differs."""
    lines = []
    for q in plan.questions:
        if q.status == "changed":
            lines.append(f"line {q.line}: {q.fields.get('key')} changed ({', '.join(q.changed)})")
        elif q.status == "new":
            lines.append(f"line {q.line}: new {q.fields.get('key') or '(no id)'}")
    return lines
