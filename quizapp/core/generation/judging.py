"""Judging packets for independent judges, and the labels their verdicts resolve to.

A packet holds what a judge may see: the article and its drafts in a neutral form, each with a
stable id (labels.fingerprint). Two judges return verdicts on the six criteria without seeing
each other's; a criterion they disagree on is settled by a third reading. The resolved labels
feed labels.pass_rate like the labelled development set.

    packet(name, article_path, candidates)  →  dict to write as JSON
    resolve({"a": verdicts, "b": verdicts, "c": verdicts})  →  Resolution
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .labels import CRITERIA, fingerprint, passes
from .model import Candidate

FIRST, SECOND, THIRD = "a", "b", "c"


def family(candidate: Candidate) -> str:
    """The kind of question as a teacher names it: cloze, who_said, numeric…"""
    if candidate.kind == "single":
        return "who_said" if candidate.prompt.startswith("Who said") else "cloze"
    return candidate.kind


def draft_entry(candidate: Candidate) -> dict:
    """What a judge sees of one draft: the prompt, the options (the correct one marked "* ")
    and the key; no score, no checks, no explanation."""
    entry = {
        "id": fingerprint(candidate),
        "kind": family(candidate),
        "prompt": candidate.prompt,
        "options": [("* " if c.is_correct else "") + c.text for c in candidate.choices],
        "key": [c.text for c in candidate.choices if c.is_correct],
    }
    if candidate.kind == "numeric":
        entry.update(options=[], key=[candidate.answer], tolerance=candidate.tolerance)
    return entry


def packet(name: str, article_path: str, candidates: Sequence[Candidate]) -> dict:
    """The judging packet of one article: where its text is and its drafts, in rank order."""
    return {
        "article": name,
        "article_path": article_path,
        "rubric": "tests/data/generation_rubric.md",
        "instructions": (
            "Judge every draft against the rubric using only the article (the text after "
            "its header line '---' is what the generator read). Write "
            f"tests/data/judging/verdicts/{name}.<judge>.json as the rubric describes."
        ),
        "drafts": [draft_entry(c) for c in candidates],
    }


@dataclass(frozen=True)
class Resolution:
    """Labels agreed by two judges or settled by a third, and what is still open."""

    labels: dict[str, dict] = field(default_factory=dict)  # draft id → criterion → bool
    disagreements: dict[str, tuple[str, ...]] = field(default_factory=dict)  # id → criteria
    unresolved: dict[str, tuple[str, ...]] = field(default_factory=dict)  # no third reading


def resolve(readings: Mapping[str, Mapping[str, Mapping]]) -> Resolution:
    """Labels from the first two judges' verdicts, a third judge's where they differ.

    `readings` maps a judge id ("a", "b", "c") to that judge's verdicts (draft id → criteria).
    Only drafts both first judges saw get a label."""
    first, second = readings.get(FIRST, {}), readings.get(SECOND, {})
    third = readings.get(THIRD, {})
    labels, disagreements, unresolved = {}, {}, {}
    for draft in sorted(set(first) & set(second)):
        split = tuple(c for c in CRITERIA if first[draft][c] is not second[draft][c])
        label = {c: bool(first[draft][c]) for c in CRITERIA}
        if split:
            disagreements[draft] = split
            if draft not in third:
                unresolved[draft] = split
                continue
            label.update({c: bool(third[draft][c]) for c in split})
        labels[draft] = label
    return Resolution(labels, disagreements, unresolved)


def malformed(verdicts: Mapping[str, Mapping]) -> list[str]:
    """Draft ids whose verdict does not judge all six criteria with true or false."""
    return [
        draft
        for draft, verdict in verdicts.items()
        if not all(isinstance(verdict.get(c), bool) for c in CRITERIA)
    ]


@dataclass(frozen=True)
class Table:
    """Pass figures of one set of drafts: overall, per criterion and per kind."""

    drafts: int
    passed: int
    criteria: dict[str, int]  # criterion → drafts that satisfy it
    kinds: dict[str, tuple[int, int]]  # kind → (drafts, passed)

    @property
    def rate(self) -> float:
        return self.passed / self.drafts if self.drafts else 0.0


def table(candidates: Sequence[Candidate], labels: Mapping[str, Mapping]) -> Table:
    """Figures for `candidates`; a draft without a label fails every criterion."""
    found = [(c, labels.get(fingerprint(c))) for c in candidates]
    kinds: Counter[str] = Counter()
    good: Counter[str] = Counter()
    for candidate, label in found:
        kinds[family(candidate)] += 1
        good[family(candidate)] += bool(label and passes(label))
    return Table(
        len(found),
        sum(good.values()),
        {c: sum(1 for _, label in found if label and label[c] is True) for c in CRITERIA},
        {kind: (kinds[kind], good[kind]) for kind in sorted(kinds)},
    )


def combined(tables: Sequence[Table]) -> Table:
    """The figures of several articles added up."""
    kinds: dict[str, tuple[int, int]] = {}
    for t in tables:
        for kind, (n, ok) in t.kinds.items():
            before = kinds.get(kind, (0, 0))
            kinds[kind] = (before[0] + n, before[1] + ok)
    return Table(
        sum(t.drafts for t in tables),
        sum(t.passed for t in tables),
        {c: sum(t.criteria[c] for t in tables) for c in CRITERIA},
        dict(sorted(kinds.items())),
    )
